using CultureDiagnostics.Api.Charts;
using CultureDiagnostics.Api.Diagnostics;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Api.Workspace;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Spc;
using CultureDiagnostics.Data.Campaigns;
using static CultureDiagnostics.Api.Workspace.Html;

namespace CultureDiagnostics.Api.Dashboard;

/// <summary>
/// The board's one-page culture dashboard: readable on a projector, printable on A4 landscape. Survey figures
/// come from ResultsMapper (disclosure applied there); what changed is listed only when it is a real signal.
/// </summary>
public static class DashboardPages
{
    public static RouteGroupBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        var group = routes.Pages("/dashboard", Policies.Reader);
        group.MapGet("/latest", async (HttpContext context, SynthesisService synthesis, DashboardService dashboard, CancellationToken ct) =>
            await synthesis.LatestClosedAsync(ct) is { } latest
                ? await RenderAsync(context, latest, dashboard, ct)
                : Layout.Result(context, "Culture dashboard", "<h1>Culture dashboard</h1><p>No survey campaign has closed yet: the dashboard appears when the first one closes.</p>"));
        group.MapGet("/{campaignId}", async (string campaignId, HttpContext context, CampaignStore campaigns, DashboardService dashboard, TimeProvider clock, CancellationToken ct) =>
        {
            var campaign = await campaigns.FindAsync(campaignId, ct);
            if (campaign is null)
            {
                return Layout.Result(context, "Not found", $"<h1>Not found</h1><p>No campaign has the id {E(campaignId)}.</p>", StatusCodes.Status404NotFound);
            }

            return CampaignRules.AcceptanceOn(campaign, CampaignPages.Today(clock)) != Acceptance.Closed
                ? Layout.Result(context, "Not published yet", $"<h1>{E(campaign.Title)}</h1><p>The dashboard is published once the campaign closes ({CampaignPages.Date(campaign.ClosesOn)}).</p>", StatusCodes.Status409Conflict)
                : await RenderAsync(context, campaign, dashboard, ct);
        });
        return group;
    }

    private static async Task<ContentHttpResult> RenderAsync(HttpContext context, Campaign campaign, DashboardService dashboard, CancellationToken ct)
    {
        var model = await dashboard.BuildAsync(campaign, ct);
        var view = model.Synthesis;
        var results = view.Results;
        var elements = string.Concat(view.Elements.Select(e =>
        {
            var scales = DashboardService.Headlines(results, e.Element.Id);
            var scores = scales.Count == 0 ? "<p class=\"muted\">No survey scale for this element.</p>" : "<ul class=\"evidence\">" + string.Concat(scales.Select(s =>
                s.Organisation.Suppressed || s.Organisation.ScaleScore?.Mean is null
                    ? $"<li>{E(s.Title)}: not shown</li>"
                    : $"<li>{E(s.Title)}: <strong>{F(s.Organisation.ScaleScore.Mean)}</strong> {ResultsPagesCi(s.Organisation)} of {I(s.ScaleMin)}–{I(s.ScaleMax)}</li>")) + "</ul>";
            return $"<div class=\"card\"><h3>{E(e.Element.Title)}</h3><p>{SynthesisPages.JudgementBadge(e.Judgement)}</p>{scores}</div>";
        }));
        var strengths = view.Elements.Where(e => e.Judgement == Judgements.Strength).ToList();
        var develop = view.Elements.Where(e => e.Judgement is Judgements.AreaToDevelop or Judgements.Mixed).ToList();
        string List(IReadOnlyList<Core.Diagnostics.ElementSynthesis> list, Signal signal) => list.Count == 0 ? "<p>None identified yet.</p>" :
            "<ul>" + string.Concat(list.Select(e => $"<li><strong>{E(e.Element.Title)}</strong>{(e.Judgement == Judgements.Mixed ? " (mixed)" : "")}: "
                + E(e.AllEvidence.FirstOrDefault(x => x.Signal == signal)?.Text ?? "") + $" <span class=\"muted\">({I(e.AllEvidence.Count(x => x.Signal == signal))} pieces of evidence)</span></li>")) + "</ul>";

        var changes = new List<string>();
        foreach (var s in view.Organisation?.Scales ?? [])
        {
            if (s.VersusPreviousWave is { Significant: true } d)
            {
                changes.Add($"<li>{E(s.Title)}: {(d.Difference > 0 ? "▲ up" : "▼ down")} {F(Math.Abs(d.Difference))} since {E(d.Against)} (95% CI {F(d.Ci95.Low)} to {F(d.Ci95.High)}, excludes 0).</li>");
            }
        }

        foreach (var m in view.Metrics.Where(m => m.Chart.LastPointVariation is PointTypes.Improvement or PointTypes.Concern))
        {
            changes.Add($"<li>{E(m.Metric.Title)}: {E(SpcWording.Variation(m.Chart.LastPointVariation).Words)} in the latest month.</li>");
        }

        var trends = string.Concat(model.Trends.Where(t => t.Waves.Count > 0).Select((t, i) =>
            $"<figure class=\"chart\">{SvgCharts.Trend(t.Scale.Title, t.Waves, t.Scale.ScaleMin, t.Scale.ScaleMax, $"trend-{I(i)}", 560, 220)}<figcaption><strong>{E(t.Scale.Title)}</strong>: "
            + E(string.Join("; ", t.Waves.Select(w => $"{w.Label} {F(w.Mean)}"))) + ". Bars show 95% intervals.</figcaption></figure>"));
        var metrics = string.Concat(view.Metrics.Where(m => m.Values.Count > 0).Select((m, i) =>
            $"<figure class=\"chart\">{SvgCharts.Spc(m, $"dash-spc-{I(i)}", 560, 240)}<figcaption><strong>{E(m.Metric.Title)}</strong><br>{SpcIcons.Variation(m.Chart.LastPointVariation)}<br>{SpcIcons.Assurance(m.Chart.Assurance)}</figcaption></figure>"));
        var organisation = model.Organisation;
        var body = $"""
            <h1>Culture dashboard: {E(campaign.Title)}</h1>
            <div class="headline">
            <p><span class="figure">{E(organisation?.Respondents.ToString() ?? "–")}</span> respondents</p>
            <p><span class="figure">{(organisation?.ResponseRatePercent is { } p ? I(p) + "%" : "–")}</span> response rate</p>
            <p><span class="figure">{CampaignPages.Date(campaign.ClosesOn)}</span> survey closed</p>
            </div>
            <h2>The cultural elements</h2>
            <div class="cards">{elements}</div>
            <div class="dash-grid">
            <section><h2>Strengths</h2>{List(strengths, Signal.Positive)}</section>
            <section><h2>Areas to develop</h2>{List(develop, Signal.Negative)}</section>
            </div>
            <h2>What changed since the last wave</h2>
            <p>Only real signals: a change whose 95% interval excludes zero, or a special cause in a metric's SPC chart. Everything else is within noise.</p>
            {(changes.Count == 0 ? "<p>No real change: all differences are within noise.</p>" : "<ul>" + string.Concat(changes) + "</ul>")}
            <h2>Trends over waves</h2>
            {(trends.Length == 0 ? "<p>No trend yet.</p>" : $"<div class=\"dash-grid\">{trends}</div>")}
            <h2>Outcome metrics</h2>
            {(metrics.Length == 0 ? "<p>No metrics recorded.</p>" : $"<div class=\"dash-grid\">{metrics}</div>")}
            """;
        return Layout.Result(context, "Culture dashboard: " + campaign.Title, body, pageClass: "dashboard");
    }

    private static string ResultsPagesCi(Results.ScaleCellResponse cell) => ResultsPages.Ci(cell.ScaleScore?.Ci95);
}
