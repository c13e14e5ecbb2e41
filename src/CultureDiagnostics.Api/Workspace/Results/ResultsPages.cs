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
        var group = routes.Pages("/workspace/campaigns/{id}/results", Policies.ChangeTeam);
        group.MapGet("/", CampaignAsync);
        group.MapGet("/units/{code}", UnitAsync);
        group.MapGet("/comments", CommentsAsync);
        group.MapGet("/breakdowns/{question}", BreakdownAsync);
        return routes;
    }

    /// <param name="cells">"detailed" for every heatmap cell's interval and n; the compact heatmap otherwise.</param>
    private static async Task<IResult> CampaignAsync(string id, string? cells, ResultsPublisher publisher, CancellationToken ct)
    {
        var results = await publisher.CampaignAsync(id, ct);
        return results.Refusal is { } refusal
            ? Refused(id, refusal)
            : Page<ResultsPage>(new { CampaignId = id, Results = results.Value!, Detailed = cells == "detailed", Questions = await publisher.DemographicQuestionsAsync(id, ct) });
    }

    /// <param name="unit">The unit's code; the whole organisation when none.</param>
    private static async Task<IResult> CommentsAsync(string id, string? unit, ResultsPublisher publisher, CancellationToken ct) =>
        WithSummary(id, await publisher.CommentsAsync(id, unit, ct), await publisher.CampaignAsync(id, ct),
            (comments, summary) => Page<CommentsPage>(new { Comments = comments, Summary = summary }));

    private static async Task<IResult> BreakdownAsync(string id, string question, ResultsPublisher publisher, CancellationToken ct) =>
        WithSummary(id, await publisher.BreakdownAsync(id, question, ct), await publisher.CampaignAsync(id, ct),
            (breakdown, summary) => Page<BreakdownPage>(new { Breakdown = breakdown, Summary = summary }));

    private static async Task<IResult> UnitAsync(string id, string code, ResultsPublisher publisher, CancellationToken ct) =>
        WithSummary(id, await publisher.UnitAsync(id, code, ct), await publisher.CampaignAsync(id, ct),
            (unit, summary) => Page<UnitResultsPage>(new { CampaignId = id, Unit = unit, Summary = summary }));

    /// <summary>A page of one part of the results beside the campaign's summary (its scales, its units' names), or why neither can be shown.</summary>
    private static IResult WithSummary<T>(string id, Published<T> part, Published<CampaignResultsResponse> summary, Func<T, CampaignResultsResponse, IResult> page)
        where T : class =>
        (part.Refusal ?? summary.Refusal) is { } refusal ? Refused(id, refusal) : page(part.Value!, summary.Value!);

    private static RazorComponentResult<MessagePage> Refused(string id, Refusal refusal) => refusal.Reason == RefusalReason.NotPublishedYet
        ? Page<MessagePage>(
            new { Title = "Not published yet", Heading = "Results are not published yet", Message = refusal.Detail, LinkHref = $"/workspace/campaigns/{id}", LinkText = "See the response rates" },
            StatusCodes.Status409Conflict)
        : Page<MessagePage>(
            new { Title = "Not found", Message = refusal.Detail, LinkHref = "/workspace/campaigns", LinkText = "All campaigns" },
            StatusCodes.Status404NotFound);
}
