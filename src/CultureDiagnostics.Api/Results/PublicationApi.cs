using System.Security.Claims;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application;

namespace CultureDiagnostics.Api.Results;

/// <summary>
/// The other ways figures leave the platform: live response rates, comments and the CSV of unit results.
/// Each comes from the same disclosure gate as the results API (<see cref="ResultsPublisher"/>).
/// </summary>
public static class PublicationApi
{
    public static RouteGroupBuilder MapPublication(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/campaigns/{id}").WithTags("Results").RequireAuthorization(Policies.Results);
        group.MapGet("/response-rates", ResponseRatesAsync);
        group.MapGet("/comments", CommentsAsync);
        group.MapGet("/results.csv", CsvAsync).Produces<string>(StatusCodes.Status200OK, ResultsCsv.ContentType);
        return group;
    }

    /// <summary>Live response counts and rates while a campaign runs: small groups read "fewer than N", as everywhere.</summary>
    private static async Task<Results<Ok<ResponseRatesResponse>, ProblemHttpResult>> ResponseRatesAsync(
        string id, ClaimsPrincipal user, ReachedResults results, CancellationToken cancellationToken) =>
        (await results.ResponseRatesAsync(id, Policies.ReachOf(user), cancellationToken)).ToHttp();

    /// <summary>
    /// A unit's comments (its own and every unit's below it), once the campaign has closed and only when
    /// the group reaches the comment threshold; in a stable shuffle, without dates or sub-unit labels.
    /// </summary>
    private static async Task<Results<Ok<CommentsResponse>, ProblemHttpResult>> CommentsAsync(
        string id, string? unit, ClaimsPrincipal user, ReachedResults results, CancellationToken cancellationToken) =>
        (await results.CommentsAsync(id, unit, Policies.ReachOf(user), cancellationToken)).ToHttp();

    /// <summary>Unit results as CSV for further analysis (<see cref="ResultsCsv"/>), streamed as it is written.</summary>
    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> CsvAsync(
        string id, ClaimsPrincipal user, ReachedResults reached, Telemetry telemetry, CancellationToken cancellationToken)
    {
        var results = await reached.CampaignAsync(id, Policies.ReachOf(user), cancellationToken);
        if (results.Refusal is { } refusal)
        {
            return PublishedHttp.Problem(refusal);
        }

        var published = results.Value!;
        return TypedResults.Stream(
            async body =>
            {
                await ResultsCsv.WriteAsync(published, body, cancellationToken);
                telemetry.Exported(ExportFormat.Csv, published.CampaignId);
            },
            ResultsCsv.ContentType,
            ResultsCsv.FileName(id));
    }
}
