using System.Globalization;
using CultureDiagnostics.Application.Charts;
using CultureDiagnostics.Application.Diagnostics;
using CultureDiagnostics.Application.Results;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Core.Spc;
using CultureDiagnostics.Data.Campaigns;

namespace CultureDiagnostics.Application.Dashboard;

/// <summary>A headline scale on an element's card, with its change since the previous wave when that change is real.</summary>
public sealed record HeadlineScale(ScaleSummaryResponse Scale, DifferenceResponse? RealChange);

public sealed record ElementCard(CulturalElement Element, string? Judgement, IReadOnlyList<HeadlineScale> Scales);

/// <summary>
/// What the dashboard says of a strength or an area to develop: the change team's own conclusion when it wrote
/// one, else the first evidence pointing the element's way; then how much evidence points each way.
/// </summary>
public sealed record Verdict(CulturalElement Element, bool Mixed, string Text, bool IsConclusion, int For, int Against);

/// <summary>A survey scale whose change since the previous wave is real (it survives the control of the false discovery rate across the campaign's comparisons).</summary>
public sealed record ScaleChange(string Title, DifferenceResponse Change);

public sealed record ScaleTrend(ScaleSummaryResponse Scale, IReadOnlyList<WavePoint> Waves);

/// <summary>Everything on the board's one-page dashboard for one closed campaign, already under disclosure control.</summary>
public sealed record DashboardModel(
    Campaign Campaign,
    HeatmapRowResponse? Organisation,
    IReadOnlyList<ElementCard> Elements,
    IReadOnlyList<Verdict> Strengths,
    IReadOnlyList<Verdict> AreasToDevelop,
    IReadOnlyList<ScaleChange> ScaleChanges,
    IReadOnlyList<MetricChart> MetricSignals,
    IReadOnlyList<ScaleTrend> Trends,
    IReadOnlyList<MetricChart> Metrics)
{
    /// <summary>Set when this is the board's current diagnostic: whether the change team chose it or it is the default.</summary>
    public BoardDiagnostic? Current { get; init; }
}

/// <summary>
/// The board's dashboard: the synthesis, the organisation's row and the trends over waves for one published
/// campaign. Survey figures come through the disclosure gate; what changed is listed only when it is a real
/// signal (an interval excluding zero, or a special cause in a metric's SPC chart).
/// </summary>
public sealed class DashboardService(ResultsPublisher publisher, SynthesisService synthesis, CampaignStore campaigns, Telemetry telemetry)
{
    /// <summary>The dashboard of the board's current diagnostic (<see cref="ResultsPublisher.CurrentDiagnosticAsync"/>), or null while there is none.</summary>
    public async Task<DashboardModel?> CurrentAsync(CancellationToken ct = default) =>
        await publisher.CurrentDiagnosticAsync(ct) is { } current ? await BuildAsync(current.Campaign, ct) with { Current = current } : null;

    public async Task<Published<DashboardModel>> ForCampaignAsync(string campaignId, CancellationToken ct = default)
    {
        var campaign = await campaigns.FindAsync(campaignId, ct);
        if (campaign is null)
        {
            return Refusal.NoSuchCampaign(campaignId);
        }

        // The same gate as every figure: the dashboard of an open campaign would be its results.
        var results = await publisher.CampaignAsync(campaign, ct);
        return results.Refusal is { } refusal ? refusal : await BuildAsync(campaign, ct);
    }

    private async Task<DashboardModel> BuildAsync(Campaign campaign, CancellationToken ct)
    {
        using var timing = telemetry.Analysis(AnalysisKind.Dashboard);
        var view = await synthesis.BuildAsync(campaign, ct);
        var elements = view.Elements.Select(e => new ElementCard(e.Element, e.Judgement,
            Headlines(view.Results, e.Element.Id).Select(s => new HeadlineScale(s, RealChange(view, s))).ToList())).ToList();
        var changes = (view.Organisation?.Scales ?? [])
            .Where(s => s.VersusPreviousWave is { Significant: true })
            .Select(s => new ScaleChange(s.Title, s.VersusPreviousWave!))
            .ToList();
        return new DashboardModel(
            campaign,
            view.Results is { Heatmap.Count: > 0 } r ? r.Heatmap[0] : null,
            elements,
            view.Elements.Where(e => e.Judgement == Judgements.Strength).Select(e => Verdict(e, Signal.Positive)).ToList(),
            view.Elements.Where(e => e.Judgement is Judgements.AreaToDevelop or Judgements.Mixed).Select(e => Verdict(e, Signal.Negative)).ToList(),
            changes,
            view.Metrics.Where(m => m.Chart.LastPointVariation is PointTypes.Improvement or PointTypes.Concern).ToList(),
            await TrendsAsync(campaign, view, ct),
            view.Metrics.Where(m => m.Values.Count > 0).ToList());
    }

    /// <summary>Each element's first headline scale over every published wave up to this one (only waves where it is shown).</summary>
    private async Task<IReadOnlyList<ScaleTrend>> TrendsAsync(Campaign campaign, SynthesisView view, CancellationToken ct)
    {
        var waves = (await publisher.PublishedCampaignsAsync(ct)).Where(c => c.EndedOn <= campaign.EndedOn).Reverse().ToList();
        var summaries = new List<(Campaign Wave, CampaignResultsResponse Results)>();
        foreach (var wave in waves)
        {
            if (wave.Id == campaign.Id && view.Results is not null)
            {
                summaries.Add((wave, view.Results));
            }
            else if ((await publisher.CampaignAsync(wave, ct)).Value is { } published)
            {
                summaries.Add((wave, published));
            }
        }

        var trends = new List<ScaleTrend>();
        foreach (var scale in view.Elements.SelectMany(e => Headlines(view.Results, e.Element.Id).Take(1)))
        {
            var points = summaries
                .Select(s => (s.Wave, Scale: s.Results.Scales.FirstOrDefault(x => x.Instrument == scale.Instrument && x.Construct == scale.Construct)))
                .Where(x => x.Scale is { Organisation: { Suppressed: false, ScaleScore.Mean: not null } })
                .Select(x => new WavePoint(
                    x.Wave.EndedOn.ToString("MMM yyyy", CultureInfo.InvariantCulture), x.Scale!.Organisation.ScaleScore!.Mean!.Value,
                    x.Scale.Organisation.ScaleScore.Ci95?.Low, x.Scale.Organisation.ScaleScore.Ci95?.High))
                .ToList();
            if (points.Count > 0)
            {
                trends.Add(new ScaleTrend(scale, points));
            }
        }

        return trends;
    }

    /// <summary>An element's headline scales: the first scale of each instrument that measures it (the element's own scale before its behaviours).</summary>
    private static List<ScaleSummaryResponse> Headlines(CampaignResultsResponse? results, string element) =>
        (results?.Scales ?? []).Where(s => s.Element == element).GroupBy(s => s.Instrument).Select(g => g.First()).ToList();

    private static DifferenceResponse? RealChange(SynthesisView view, ScaleSummaryResponse scale) =>
        view.Organisation?.Scales.FirstOrDefault(x => x.Instrument == scale.Instrument && x.Construct == scale.Construct)?.VersusPreviousWave is { Significant: true } d
            ? d
            : null;

    /// <summary>The other diagnostics' evidence comes before the survey scores, which the cards already show.</summary>
    private static Verdict Verdict(ElementSynthesis e, Signal signal)
    {
        var conclusion = e.Cells.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Conclusion))?.Conclusion;
        var evidence = e.AllEvidence.Where(x => x.Signal == signal)
            .OrderBy(x => CulturalFramework.FindSource(x.Source)?.InstrumentId is null ? 0 : 1)
            .FirstOrDefault();
        return new Verdict(e.Element, e.Judgement == Judgements.Mixed, conclusion ?? evidence?.Text ?? "", conclusion is not null,
            e.AllEvidence.Count(x => x.Signal == Signal.Positive), e.AllEvidence.Count(x => x.Signal == Signal.Negative));
    }
}
