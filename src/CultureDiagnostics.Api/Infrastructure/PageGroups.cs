namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>Route groups of HTML pages: who may see them, and the headers every workspace and dashboard page sends.</summary>
public static class PageGroups
{
    /// <summary>The workspace's page headers: no script at all, no caching; the referrer only within the site.</summary>
    public static TBuilder WithPageHeaders<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        // "no-cache, no-store" as antiforgery sets it on pages with forms: saying it first spares a warning per page in the log.
        builder.WithPageSecurityHeaders(SecurityHeaders.NoScriptContentSecurityPolicy, referrerPolicy: "same-origin", cacheControl: "no-cache, no-store");

    /// <summary>For a page group: signed-in users of the policy, and the page headers.</summary>
    public static RouteGroupBuilder Pages(this IEndpointRouteBuilder routes, string prefix, string policy) =>
        routes.MapGroup(prefix).RequireAuthorization(policy).ExcludeFromDescription().WithPageHeaders();
}
