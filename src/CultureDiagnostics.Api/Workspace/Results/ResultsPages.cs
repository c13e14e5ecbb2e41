using System.Security.Claims;
using CultureDiagnostics.Api.Components;
using CultureDiagnostics.Api.Infrastructure;
using static CultureDiagnostics.Api.Components.PageResults;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>
/// The results explorer: the heatmap of units × scales, a unit's drill-down, the published comments of a unit and the
/// results by a demographic question. Every figure and comment comes from the disclosure gate
/// (<see cref="ResultsPublisher"/>), as the JSON API's do; nothing here recomputes or re-decides it.
/// </summary>
public static class ResultsPages
{
    public static IEndpointRouteBuilder MapResultsPages(this IEndpointRouteBuilder routes)
    {
        // Unit leads read these pages too, narrowed to their part of the organisation (ReachedResults).
        var group = routes.Pages("/workspace/campaigns/{id}/results", Policies.Results);
        group.MapGet("/", CampaignAsync);
        group.MapGet("/units/{code}", UnitAsync);
        group.MapGet("/comments", CommentsAsync);
        group.MapGet("/breakdowns/{question}", BreakdownAsync);
        return routes;
    }

    /// <param name="cells">"detailed" for every heatmap cell's interval and n; the compact heatmap otherwise.</param>
    private static async Task<IResult> CampaignAsync(string id, string? cells, ClaimsPrincipal user, ReachedResults reached, ResultsPublisher publisher, CancellationToken ct)
    {
        var results = await reached.CampaignAsync(id, Policies.ReachOf(user), ct);
        return results.Refusal is { } refusal
            ? Refused(id, user, refusal)
            : Page<ResultsPage>(new { CampaignId = id, Results = results.Value!, Detailed = cells == "detailed", Questions = await publisher.DemographicQuestionsAsync(id, ct) });
    }

    /// <param name="unit">The unit's code; the whole organisation when none.</param>
    private static async Task<IResult> CommentsAsync(string id, string? unit, ClaimsPrincipal user, ReachedResults reached, CancellationToken ct) =>
        WithSummary(id, user, await reached.CommentsAsync(id, unit, Policies.ReachOf(user), ct), await reached.CampaignAsync(id, Policies.ReachOf(user), ct),
            (comments, summary) => Page<CommentsPage>(new { Comments = comments, Summary = summary }));

    private static async Task<IResult> BreakdownAsync(string id, string question, ClaimsPrincipal user, ReachedResults reached, CancellationToken ct) =>
        WithSummary(id, user, await reached.BreakdownAsync(id, question, Policies.ReachOf(user), ct), await reached.CampaignAsync(id, Policies.ReachOf(user), ct),
            (breakdown, summary) => Page<BreakdownPage>(new { Breakdown = breakdown, Summary = summary }));

    private static async Task<IResult> UnitAsync(string id, string code, ClaimsPrincipal user, ReachedResults reached, CancellationToken ct) =>
        WithSummary(id, user, await reached.UnitAsync(id, code, Policies.ReachOf(user), ct), await reached.CampaignAsync(id, Policies.ReachOf(user), ct),
            (unit, summary) => Page<UnitResultsPage>(new { CampaignId = id, Unit = unit, Summary = summary }));

    /// <summary>A page of one part of the results beside the campaign's summary (its scales, its units' names), or why neither can be shown.</summary>
    private static IResult WithSummary<T>(
        string id, ClaimsPrincipal user, Published<T> part, Published<CampaignResultsResponse> summary, Func<T, CampaignResultsResponse, IResult> page)
        where T : class =>
        (part.Refusal ?? summary.Refusal) is { } refusal ? Refused(id, user, refusal) : page(part.Value!, summary.Value!);

    /// <summary>Why there is nothing to show, with a way on: the campaign's pages for the change team, the published results for a unit lead.</summary>
    private static RazorComponentResult<MessagePage> Refused(string id, ClaimsPrincipal user, Refusal refusal)
    {
        var changeTeam = Policies.IsChangeTeam(user);
        return refusal.Reason == RefusalReason.NotPublishedYet
            ? Page<MessagePage>(
                new
                {
                    Title = "Not published yet", Heading = "Results are not published yet", Message = refusal.Detail,
                    LinkHref = changeTeam ? $"/workspace/campaigns/{id}" : "/dashboard", LinkText = changeTeam ? "See the response rates" : "Published results",
                },
                StatusCodes.Status409Conflict)
            : Page<MessagePage>(
                new { Title = "Not found", Message = refusal.Detail, LinkHref = changeTeam ? "/workspace/campaigns" : "/dashboard", LinkText = changeTeam ? "All campaigns" : "Published results" },
                StatusCodes.Status404NotFound);
    }
}
