namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>
/// Responses that no browser, proxy or shared computer may keep: results, drill-downs, breakdowns, comments,
/// response rates, CSV and workbook exports, the dashboard and every workspace page say something about
/// respondents, and a copy left in a cache outlives the session that was allowed to see it. A route-group
/// convention marks endpoints; <see cref="SecurityHeaders"/> then sends "Cache-Control: no-store" on every
/// response of a marked endpoint, error responses included. Program.cs marks the group holding every feature,
/// so a new endpoint is covered without asking; only the platform's own files (content-hashed static assets,
/// the API description and health checks) are mapped outside it.
/// </summary>
public static class NoStore
{
    public const string CacheControl = "no-store";

    /// <summary>Every response of the group's endpoints carries Cache-Control: no-store.</summary>
    public static TBuilder WithNoStore<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(Marker.Instance);

    public static bool AppliesTo(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<Marker>() is not null;

    /// <summary>Sets no-store unless the response already says it (pages send "no-cache, no-store").</summary>
    internal static void Apply(IHeaderDictionary headers)
    {
        if (!headers.CacheControl.ToString().Contains(CacheControl, StringComparison.OrdinalIgnoreCase))
        {
            headers.CacheControl = CacheControl;
        }
    }

    private sealed class Marker
    {
        public static Marker Instance { get; } = new();
    }
}
