using CultureDiagnostics.Api.Charts;
using CultureDiagnostics.Api.Components;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Api.Workspace;
using CultureDiagnostics.Application.Dashboard;
using CultureDiagnostics.Application.Workbook;
using Microsoft.AspNetCore.Components;
using static CultureDiagnostics.Api.Components.PageResults;

namespace CultureDiagnostics.Api.Dashboard;

/// <summary>
/// The board's one-page culture dashboard (<see cref="DashboardService"/>), readable on a projector and printable on
/// A4 landscape: the latest closed campaign's, or a named one's once it has closed.
/// </summary>
public static class DashboardPages
{
    public static RouteGroupBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        var group = routes.Pages("/dashboard", Policies.Reader);
        group.MapGet("/", ListAsync);
        group.MapGet("/latest", LatestAsync);
        group.MapGet("/{campaignId}", CampaignAsync);
        return group;
    }

    /// <summary>Every published campaign's dashboard, the most recently closed first, with the board's current diagnostic marked.</summary>
    private static async Task<IResult> ListAsync(ResultsPublisher publisher, CancellationToken ct) =>
        Page<DashboardsPage>(new { Campaigns = await publisher.PublishedCampaignsAsync(ct), Current = await publisher.CurrentDiagnosticAsync(ct) });

    private static async Task<IResult> LatestAsync(DashboardService dashboard, SvgCharts charts, CancellationToken ct) =>
        await dashboard.CurrentAsync(ct) is { } model
            ? await RenderAsync(model, charts, ct)
            : Page<MessagePage>(new { Title = "Culture dashboard", Message = WorkbookService.NoCurrentDiagnostic + " The dashboard appears once the change team chooses a closed campaign for the board, or a survey of every team closes." });

    private static async Task<IResult> CampaignAsync(string campaignId, DashboardService dashboard, SvgCharts charts, CancellationToken ct)
    {
        var dashboardOf = await dashboard.ForCampaignAsync(campaignId, ct);
        return dashboardOf.Refusal switch
        {
            null => await RenderAsync(dashboardOf.Value!, charts, ct),
            { Reason: RefusalReason.NotPublishedYet, Campaign: { } campaign } => Page<MessagePage>(
                new { Title = "Not published yet", Heading = campaign.Title, Message = $"The dashboard is published once the campaign closes ({Figures.Date(campaign.ClosesOn)})." },
                StatusCodes.Status409Conflict),
            { } refusal => Page<MessagePage>(new { Title = "Not found", Message = refusal.Detail }, StatusCodes.Status404NotFound),
        };
    }

    /// <summary>The page with its charts, drawn (or taken from the cache) here so that the page itself only lays them out.</summary>
    private static async Task<IResult> RenderAsync(DashboardModel model, SvgCharts charts, CancellationToken ct)
    {
        var trends = new List<MarkupString>();
        for (var i = 0; i < model.Trends.Count; i++)
        {
            var trend = model.Trends[i];
            trends.Add(await charts.TrendAsync(trend.Scale.Title, trend.Waves, trend.Scale.ScaleMin, trend.Scale.ScaleMax, $"trend-{i}", 560, 220, ct));
        }

        var metrics = new List<MarkupString>();
        for (var i = 0; i < model.Metrics.Count; i++)
        {
            metrics.Add(await charts.SpcAsync(model.Metrics[i], $"dash-spc-{i}", 600, 240, ct));
        }

        return Page<DashboardPage>(new { Model = model, TrendCharts = trends, MetricCharts = metrics });
    }
}
