using CultureDiagnostics.Api.Charts;
using CultureDiagnostics.Api.Diagnostics;
using CultureDiagnostics.Api.Results;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Data.Campaigns;

namespace CultureDiagnostics.Api.Dashboard;

public sealed record ScaleTrend(ScaleSummaryResponse Scale, IReadOnlyList<WavePoint> Waves);

public sealed record DashboardModel(Campaign Campaign, SynthesisView Synthesis, HeatmapRowResponse? Organisation, IReadOnlyList<ScaleTrend> Trends);

/// <summary>Everything on the board's dashboard for one closed campaign: the synthesis, the organisation's row and the trends over waves.</summary>
public sealed class DashboardService(CampaignStore campaigns, CampaignResultsService results, SynthesisService synthesis, TimeProvider clock)
{
    public async Task<DashboardModel> BuildAsync(Campaign campaign, CancellationToken ct = default)
    {
        var view = await synthesis.BuildAsync(campaign, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var waves = (await campaigns.AllAsync(ct))
            .Where(c => CampaignRules.AcceptanceOn(c, today) == Acceptance.Closed && c.ClosesOn <= campaign.ClosesOn)
            .OrderBy(c => c.ClosesOn).ThenBy(c => c.OpensOn)
            .ToList();
        var summaries = new List<(Campaign Wave, CampaignResultsResponse Results)>();
        foreach (var wave in waves)
        {
            if (wave.Id == campaign.Id && view.Results is not null)
            {
                summaries.Add((wave, view.Results));
            }
            else if (await results.GetAsync(wave.Id, ct) is { } analysed)
            {
                summaries.Add((wave, ResultsMapper.Campaign(analysed)));
            }
        }

        var trends = new List<ScaleTrend>();
        foreach (var scale in view.Elements.SelectMany(e => Headlines(view.Results, e.Element.Id).Take(1)))
        {
            var points = summaries
                .Select(s => (s.Wave, Scale: s.Results.Scales.FirstOrDefault(x => x.Instrument == scale.Instrument && x.Construct == scale.Construct)))
                .Where(x => x.Scale is { Organisation: { Suppressed: false, ScaleScore.Mean: not null } })
                .Select(x => new WavePoint(x.Wave.ClosesOn.ToString("MMM yyyy", System.Globalization.CultureInfo.InvariantCulture), x.Scale!.Organisation.ScaleScore!.Mean!.Value, x.Scale.Organisation.ScaleScore.Ci95?.Low, x.Scale.Organisation.ScaleScore.Ci95?.High))
                .ToList();
            trends.Add(new ScaleTrend(scale, points));
        }

        return new DashboardModel(campaign, view, view.Results is { Heatmap.Count: > 0 } r ? r.Heatmap[0] : null, trends);
    }

    /// <summary>An element's headline scales: the first scale of each instrument that measures it (the element's own scale before its behaviours).</summary>
    public static IReadOnlyList<ScaleSummaryResponse> Headlines(CampaignResultsResponse? results, string element) =>
        (results?.Scales ?? []).Where(s => s.Element == element).GroupBy(s => s.Instrument).Select(g => g.First()).ToList();
}
