using System.Security.Claims;
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
        // Unit leads read their own dashboard here: their unit and the units below it (UnitDashboardPage).
        var group = routes.Pages("/dashboard", Policies.Results);
        group.MapGet("/", ListAsync);
        group.MapGet("/latest", LatestAsync);
        group.MapGet("/{campaignId}", CampaignAsync);
        return group;
    }

    /// <summary>Every published campaign's dashboard, the most recently closed first, with the board's current diagnostic marked.</summary>
    private static async Task<IResult> ListAsync(ClaimsPrincipal user, ResultsPublisher publisher, ReachedResults reached, CancellationToken ct) =>
        Policies.ReachOf(user) is { Whole: false } reach
            ? Page<DashboardsPage>(new { Campaigns = await reached.PublishedCampaignsAsync(reach, ct) })
            : Page<DashboardsPage>(new { Campaigns = await publisher.PublishedCampaignsAsync(ct), Current = await publisher.CurrentDiagnosticAsync(ct) });

    private static async Task<IResult> LatestAsync(ClaimsPrincipal user, DashboardService dashboard, ReachedResults reached, SvgCharts charts, CancellationToken ct)
    {
        if (Policies.ReachOf(user) is { Whole: false } reach)
        {
            var campaigns = await reached.PublishedCampaignsAsync(reach, ct);
            return campaigns.Count > 0
                ? await UnitDashboardAsync(campaigns[0].Id, reach, reached, ct)
                : Page<MessagePage>(new { Title = "Your dashboard", Message = $"No survey that included your unit, {reach.UnitCode}, has closed yet: your dashboard appears once one does." });
        }

        return await dashboard.CurrentAsync(ct) is { } model
            ? await RenderAsync(model, charts, ct)
            : Page<MessagePage>(new { Title = "Culture dashboard", Message = WorkbookService.NoCurrentDiagnostic + " The dashboard appears once the change team chooses a closed campaign for the board, or a survey of every team closes." });
    }

    private static async Task<IResult> CampaignAsync(string campaignId, ClaimsPrincipal user, DashboardService dashboard, ReachedResults reached, SvgCharts charts, CancellationToken ct)
    {
        if (Policies.ReachOf(user) is { Whole: false } reach)
        {
            return await UnitDashboardAsync(campaignId, reach, reached, ct);
        }

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

    /// <summary>A unit lead's dashboard for one campaign: their unit in depth and the units below it, or why there is none.</summary>
    private static async Task<IResult> UnitDashboardAsync(string campaignId, ResultsReach reach, ReachedResults reached, CancellationToken ct)
    {
        var results = await reached.CampaignAsync(campaignId, reach, ct);
        var unit = results.Refusal is null ? await reached.UnitAsync(campaignId, reach.UnitCode!, reach, ct) : null;
        return (results.Refusal ?? unit?.Refusal) switch
        {
            null => Page<UnitDashboardPage>(new { Results = results.Value!, Unit = unit!.Value!, ClosedOn = (await reached.CampaignOfAsync(campaignId, ct))!.EndedOn }),
            { Reason: RefusalReason.NotPublishedYet } refusal => Page<MessagePage>(
                new { Title = "Not published yet", Message = refusal.Detail, LinkHref = "/dashboard", LinkText = "Your results from every survey" }, StatusCodes.Status409Conflict),
            { } refusal => Page<MessagePage>(
                new { Title = "Not found", Message = refusal.Detail, LinkHref = "/dashboard", LinkText = "Your results from every survey" }, StatusCodes.Status404NotFound),
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
