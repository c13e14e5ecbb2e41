using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Api.Results;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Data.Campaigns;
using static CultureDiagnostics.Api.Workspace.Html;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>
/// The results explorer: the heatmap of units × scales and a unit's drill-down. Every figure comes from
/// ResultsMapper, where disclosure control is applied; nothing here recomputes or re-decides it.
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

    private static async Task<IResult> CampaignAsync(string id, HttpContext context, CampaignStore campaigns, CampaignResultsService results, TimeProvider clock, CancellationToken ct)
    {
        if (await NotPublishedAsync(id, context, campaigns, clock, ct) is { } page)
        {
            return page;
        }

        var r = ResultsMapper.Campaign((await results.GetAsync(id, ct))!);
        var header = string.Concat(r.Scales.Select(s => $"<th scope=\"col\">{E(s.Title)}</th>"));
        var rows = string.Concat(r.Heatmap.Select(row =>
            $"<tr><th scope=\"row\" class=\"depth-{Math.Min(row.Depth, 4)}\"><a href=\"/workspace/campaigns/{id}/results/units/{Uri.EscapeDataString(row.Unit)}\">{E(row.Name)}</a></th>"
            + $"<td class=\"num\">{E(row.Respondents.ToString())}{(row.ResponseRatePercent is { } p ? $" ({I(p)}%)" : "")}</td>"
            + string.Concat(row.Cells.Select((cell, i) => Cell(cell, r.Scales[i].ScaleMin, r.Scales[i].ScaleMax))) + "</tr>"));
        var summaries = string.Concat(r.Scales.Select(s =>
            $"<tr><th scope=\"row\">{E(s.Title)}</th><td>{E(s.Element ?? "–")}</td>{Cell(s.Organisation, s.ScaleMin, s.ScaleMax)}"
            + $"<td class=\"num\">{F(s.Reliability?.AlphaRaw)}</td><td class=\"num\">{F(s.TeamLevel?.Icc1)}</td><td class=\"num\">{F(s.TeamLevel?.Icc2)}</td>"
            + $"<td class=\"num\">{Pct(s.TeamLevel?.ShareOfTeamsAgreeing)}</td></tr>"));
        var body = $"""
            <p><a href="/workspace/campaigns/{id}">Back to the campaign</a></p>
            <h1>Results: {E(r.Title)}</h1>
            <p>{E(r.Respondents.ToString())} respondents. Scores are means on each scale with their 95% confidence interval and the number of respondents (n);
            a group of fewer than {I(r.ScoreThreshold)} respondents is not shown. {E(ResultsMapper.ScaleScoreRule)}</p>
            <h2>The organisation</h2>
            <div class="table-wrap"><table><caption>Each scale for the whole organisation, with its reliability and whether teams agree</caption>
            <thead><tr><th scope="col">Scale</th><th scope="col">Cultural element</th><th scope="col">Score</th><th scope="col" class="num">Cronbach's alpha</th><th scope="col" class="num">ICC(1)</th><th scope="col" class="num">ICC(2)</th><th scope="col" class="num">Teams agreeing (rwg(j) ≥ 0.70)</th></tr></thead>
            <tbody>{summaries}</tbody></table></div>
            <h2>Heatmap of units × scales</h2>
            <p>Each cell gives the band in words (high, middle or low on the scale), the score, its interval and n; the shade repeats the band.</p>
            <div class="table-wrap"><table class="heatmap"><caption>Scores by unit; choose a unit for its items, agreement and comparisons</caption>
            <thead><tr><th scope="col">Unit</th><th scope="col" class="num">Respondents (rate)</th>{header}</tr></thead>
            <tbody>{rows}</tbody></table></div>
            """;
        return Layout.Result(context, "Results: " + r.Title, body);
    }

    private static async Task<IResult> UnitAsync(string id, string code, HttpContext context, CampaignStore campaigns, CampaignResultsService results, TimeProvider clock, CancellationToken ct)
    {
        if (await NotPublishedAsync(id, context, campaigns, clock, ct) is { } page)
        {
            return page;
        }

        var analysed = (await results.GetAsync(id, ct))!;
        var unit = analysed.Tree.Units.FirstOrDefault(u => string.Equals(u.Code, code, StringComparison.OrdinalIgnoreCase));
        if (unit is null)
        {
            return Layout.Result(context, "Not found", $"<h1>Not found</h1><p>No unit has the code {E(code)}.</p>", StatusCodes.Status404NotFound);
        }

        var previous = new Dictionary<string, AnalysedCampaign?>();
        foreach (var instrument in analysed.Campaign.Instruments)
        {
            previous[instrument.InstrumentId] = await results.PreviousWaveAsync(analysed.Campaign, instrument.InstrumentId, ct);
        }

        var r = ResultsMapper.Unit(analysed, unit.Id, i => previous.GetValueOrDefault(i));
        var summary = ResultsMapper.Campaign(analysed);
        var sections = string.Concat(r.Scales.Select(s =>
        {
            var scale = summary.Scales.First(x => x.Instrument == s.Instrument && x.Construct == s.Construct);
            if (s.Figures.Suppressed)
            {
                return $"<h2>{E(s.Title)}</h2><p>{(s.Figures.FewerThan is { } n ? $"Not shown: fewer than {I(n)} respondents." : "Not shown, to protect another group's figures.")}</p>";
            }

            var items = string.Concat(s.Items.Select(item => item.Suppressed
                ? $"<tr><th scope=\"row\">{E(item.Text)}</th><td colspan=\"3\">Fewer than {I(item.FewerThan ?? 0)} answers: not shown.</td></tr>"
                : $"<tr><th scope=\"row\">{E(item.Text)}{(item.Reverse ? " <span class=\"muted\">(negatively worded; reversed)</span>" : "")}</th>"
                  + $"<td class=\"num\">{F(item.Mean)}<span class=\"ci\">{Ci(item.Ci95)}</span></td><td class=\"num\">{I(item.N ?? 0)}</td>"
                  + $"<td>{Distribution(item.Distribution!)}</td></tr>"));
            return $"""
                <h2>{E(s.Title)}</h2>
                <ul>
                <li>Score: <strong>{F(s.Figures.ScaleScore?.Mean)}</strong> {Ci(s.Figures.ScaleScore?.Ci95)}, n = {I(s.Figures.ScaleScore?.N ?? 0)}, on a {I(scale.ScaleMin)}–{I(scale.ScaleMax)} scale.</li>
                <li>Team agreement rwg(j): {(s.Agreement is { } a ? $"{F(a.RwgJ)} ({(a.Agrees ? "agrees enough for a team score" : "below 0.70: members disagree; read the team score with care")})" : "not computed")}.
                    Between-team reliability for this scale: ICC(1) {F(scale.TeamLevel?.Icc1)}, ICC(2) {F(scale.TeamLevel?.Icc2)}.</li>
                <li>{Difference("Compared with the organisation", s.VersusOrganisation)}</li>
                <li>{Difference("Compared with the previous wave", s.VersusPreviousWave)}</li>
                </ul>
                <div class="table-wrap"><table><caption>Items of {E(s.Title)}: mean with 95% interval, and how answers were spread (least to most favourable)</caption>
                <thead><tr><th scope="col">Item</th><th scope="col" class="num">Mean</th><th scope="col" class="num">n</th><th scope="col">Distribution</th></tr></thead>
                <tbody>{items}</tbody></table></div>
                """;
        }));
        var body = $"""
            <p><a href="/workspace/campaigns/{id}/results">Back to the heatmap</a></p>
            <h1>{E(r.Name)}</h1>
            <p>{E(r.Level)}. {E(r.Respondents.ToString())} respondents.</p>
            {sections}
            """;
        return Layout.Result(context, r.Name, body);
    }

    private static async Task<IResult?> NotPublishedAsync(string id, HttpContext context, CampaignStore campaigns, TimeProvider clock, CancellationToken ct)
    {
        var campaign = await campaigns.FindAsync(id, ct);
        if (campaign is null)
        {
            return CampaignPages.NotFound(context, id);
        }

        return CampaignRules.AcceptanceOn(campaign, CampaignPages.Today(clock)) == Acceptance.Closed
            ? null
            : Layout.Result(context, "Not published yet",
                $"<h1>Results are not published yet</h1><p>Results of {E(campaign.Title)} are shown once it closes ({CampaignPages.Date(campaign.ClosesOn)}), so that nobody can compare results before and after a colleague answers. <a href=\"/workspace/campaigns/{id}\">Response rates</a> are available while it runs.</p>",
                StatusCodes.Status409Conflict);
    }

    /// <summary>A heatmap cell: band in words, score, interval and n; or why it is not shown.</summary>
    public static string Cell(ScaleCellResponse cell, int min, int max)
    {
        if (cell.Suppressed || cell.ScaleScore?.Mean is not { } mean)
        {
            return $"<td class=\"cell band-none\">{(cell.FewerThan is { } n ? $"fewer than {I(n)}" : "withheld")}</td>";
        }

        var (band, word) = Band(mean, min, max);
        return $"<td class=\"cell band-{band}\"><span class=\"band\">{word}</span><strong>{F(mean)}</strong><span class=\"ci\">{Ci(cell.ScaleScore.Ci95)}</span><span class=\"ci\">n = {I(cell.ScaleScore.N)}</span></td>";
    }

    public static (string Css, string Word) Band(double mean, int min, int max)
    {
        var position = (mean - min) / (max - min);
        return position >= 0.65 ? ("high", "▲ High") : position < 0.5 ? ("low", "▼ Low") : ("mid", "● Middle");
    }

    public static string Ci(IntervalResponse? ci) => ci is null ? "" : $"(95% CI {F(ci.Low)} to {F(ci.High)})";

    private static string Difference(string label, DifferenceResponse? d) => d is null
        ? $"{label}: not available (no comparison, or a group too small to show)."
        : $"{label} ({E(d.Against)}): {(d.Difference >= 0 ? "+" : "−")}{F(Math.Abs(d.Difference))} {Ci(d.Ci95)}, {(d.Significant ? "<strong>a real difference</strong> (the interval excludes 0)" : "within noise (the interval includes 0)")}.";

    private static string Distribution(IReadOnlyList<PointCount> points)
    {
        var total = Math.Max(1, points.Sum(p => p.Count));
        return "<ul class=\"dist\">" + string.Concat(points.Select(p => $"<li>{E(p.Label)}: {I(p.Count)} ({Pct((double)p.Count / total)})</li>")) + "</ul>";
    }
}
