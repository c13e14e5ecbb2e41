using CultureDiagnostics.Application.Results;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Core.Spc;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Diagnostics;

namespace CultureDiagnostics.Application.Diagnostics;

public sealed record MetricChart(Metric Metric, IReadOnlyList<MetricValue> Values, SpcResult Chart);

/// <summary>The synthesis with what it was built from: the survey campaign used (if any) and the metrics' charts.</summary>
public sealed record SynthesisView(Campaign? Campaign, CampaignResultsResponse? Results, UnitResultsResponse? Organisation, IReadOnlyList<ElementSynthesis> Elements, IReadOnlyList<MetricChart> Metrics);

/// <summary>
/// Gathers the evidence for the synthesis: the published survey results of a closed campaign (through
/// ResultsMapper, so under disclosure control), the metrics' SPC charts and the coded findings; the
/// judging itself is the pure SynthesisRules.
/// </summary>
public sealed class SynthesisService(CampaignStore campaigns, CampaignResultsService results, DiagnosticsStore store, TimeProvider clock)
{
    public async Task<Campaign?> LatestClosedAsync(CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return (await campaigns.AllAsync(ct))
            .Where(c => CampaignRules.AcceptanceOn(c, today) == Acceptance.Closed)
            .OrderByDescending(c => c.ClosesOn).ThenByDescending(c => c.OpensOn)
            .FirstOrDefault();
    }

    public async Task<IReadOnlyList<MetricChart>> MetricChartsAsync(CancellationToken ct = default)
    {
        var values = (await store.ValuesAsync(ct)).ToLookup(v => v.MetricId);
        return (await store.MetricsAsync(ct)).Select(m => new MetricChart(m, values[m.Id].ToList(), MetricRules.Chart(m, values[m.Id].ToList()))).ToList();
    }

    /// <summary>The synthesis from a closed campaign (the latest when <paramref name="campaign"/> is null).</summary>
    public async Task<SynthesisView> BuildAsync(Campaign? campaign, CancellationToken ct = default)
    {
        var evidence = new List<Evidence>();
        CampaignResultsResponse? summary = null;
        UnitResultsResponse? organisation = null;
        if (campaign is not null && await results.GetAsync(campaign.Id, ct) is { } analysed && analysed.Tree.Roots.Count > 0)
        {
            summary = ResultsMapper.Campaign(analysed);
            var previous = new Dictionary<string, AnalysedCampaign?>();
            foreach (var instrument in campaign.Instruments)
            {
                previous[instrument.InstrumentId] = await results.PreviousWaveAsync(campaign, instrument.InstrumentId, ct);
            }

            organisation = ResultsMapper.Unit(analysed, analysed.Tree.Roots[0].Id, i => previous.GetValueOrDefault(i));
            foreach (var scale in summary.Scales.Where(s => s.Element is not null))
            {
                var source = CulturalFramework.Sources.FirstOrDefault(s => s.InstrumentId == scale.Instrument)?.Id;
                if (source is null)
                {
                    continue;
                }

                var score = scale.Organisation.Suppressed ? null : scale.Organisation.ScaleScore;
                var change = organisation.Scales.FirstOrDefault(s => s.Instrument == scale.Instrument && s.Construct == scale.Construct)?.VersusPreviousWave;
                evidence.AddRange(SynthesisRules.FromSurveyScale(scale.Element!, source, scale.Title, score?.Mean, score?.Ci95?.Low, score?.Ci95?.High,
                    scale.ScaleMin, scale.ScaleMax, change?.Against, change?.Difference, change?.Ci95.Low, change?.Ci95.High));
            }
        }

        var metrics = await MetricChartsAsync(ct);
        evidence.AddRange(metrics.SelectMany(m => SynthesisRules.FromMetric(m.Metric, m.Chart)));
        evidence.AddRange((await store.FindingsAsync(ct)).Select(SynthesisRules.FromFinding));
        var elements = SynthesisRules.Build(CulturalFramework.Elements, evidence, await store.ConclusionsAsync(ct), await store.JudgementsAsync(ct));
        return new SynthesisView(campaign, summary, organisation, elements, metrics);
    }
}
