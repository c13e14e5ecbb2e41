using CultureDiagnostics.Api.Components;
using CultureDiagnostics.Api.Infrastructure;
using static CultureDiagnostics.Api.Components.PageResults;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>
/// The results explorer: the heatmap of units × scales and a unit's drill-down. Every figure comes from the
/// disclosure gate (<see cref="ResultsPublisher"/>), as the JSON API's do; nothing here recomputes or re-decides it.
/// </summary>
public static class ResultsPages
{
    public static IEndpointRouteBuilder MapResultsPages(this IEndpointRouteBuilder routes)
    {
        var group = routes.Pages("/workspace/campaigns/{id}/results", Policies.ChangeTeam);
        group.MapGet("/", CampaignAsync);
        group.MapGet("/units/{code}", UnitAsync);
        return routes;
    }

    /// <param name="cells">"detailed" for every heatmap cell's interval and n; the compact heatmap otherwise.</param>
    private static async Task<IResult> CampaignAsync(string id, string? cells, ResultsPublisher publisher, CancellationToken ct)
    {
        var results = await publisher.CampaignAsync(id, ct);
        return results.Refusal is { } refusal
            ? Refused(id, refusal)
            : Page<ResultsPage>(new { CampaignId = id, Results = results.Value!, Detailed = cells == "detailed" });
    }

    private static async Task<IResult> UnitAsync(string id, string code, ResultsPublisher publisher, CancellationToken ct)
    {
        var unit = await publisher.UnitAsync(id, code, ct);
        var summary = await publisher.CampaignAsync(id, ct);
        return (unit.Refusal ?? summary.Refusal) is { } refusal
            ? Refused(id, refusal)
            : Page<UnitResultsPage>(new { CampaignId = id, Unit = unit.Value!, Summary = summary.Value! });
    }

    private static RazorComponentResult<MessagePage> Refused(string id, Refusal refusal) => refusal.Reason == RefusalReason.NotPublishedYet
        ? Page<MessagePage>(
            new { Title = "Not published yet", Heading = "Results are not published yet", Message = refusal.Detail, LinkHref = $"/workspace/campaigns/{id}", LinkText = "See the response rates" },
            StatusCodes.Status409Conflict)
        : Page<MessagePage>(
            new { Title = "Not found", Message = refusal.Detail, LinkHref = "/workspace/campaigns", LinkText = "All campaigns" },
            StatusCodes.Status404NotFound);
}
