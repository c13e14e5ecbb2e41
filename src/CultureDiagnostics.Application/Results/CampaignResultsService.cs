using System.Collections.Concurrent;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Disclosure;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Core.Results;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Organisation;
using CultureDiagnostics.Data.Results;

namespace CultureDiagnostics.Application.Results;

/// <summary>
/// A campaign's analysis with the disclosure decisions for its units, as computed for one state of
/// its responses. Immutable: readers share it without locks.
/// </summary>
public sealed record AnalysedCampaign(
    Campaign Campaign,
    long Stamp,
    OrganisationTree Tree,
    CampaignAnalysis Analysis,
    IReadOnlyDictionary<string, GroupDisclosure> Disclosure,
    IReadOnlyList<IReadOnlyDictionary<string, GroupDisclosure>> ScaleDisclosure)
{
    /// <summary>
    /// Whether a scale's figures for a unit may be shown: the unit's respondents and the scale's own
    /// respondents (fewer where a section is only for some, such as leaders) must both pass.
    /// </summary>
    public GroupDisclosure? ScaleShown(int scaleIndex, string unitId) =>
        Disclosure.TryGetValue(unitId, out var unit) && unit.Shown
            ? ScaleDisclosure[scaleIndex].GetValueOrDefault(unitId)
            : unit;
}

/// <summary>
/// Computes campaign analyses and keeps the latest per campaign. A cached analysis is used while the
/// campaign's response count and state are unchanged (both read from the database on every call, so
/// this holds when several instances share one database); otherwise one caller recomputes it while the others wait
/// for the same result, and the finished analysis replaces the old one in a single step, so no reader
/// ever sees a half-computed result.
/// </summary>
public sealed class CampaignResultsService(
    CampaignStore campaigns, UnitStore units, ResultsStore results, InstrumentCatalogue catalogue)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<AnalysedCampaign>>> _cache = new(StringComparer.Ordinal);

    public async Task<AnalysedCampaign?> GetAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        var campaign = await campaigns.FindAsync(campaignId, cancellationToken);
        if (campaign is null)
        {
            return null;
        }

        var stamp = await results.ResponseStampAsync(campaignId, cancellationToken);
        while (true)
        {
            var current = _cache.GetOrAdd(campaignId, _ => Compute(campaign));
            AnalysedCampaign analysed;
            try
            {
                analysed = await current.Value.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _cache.TryRemove(new KeyValuePair<string, Lazy<Task<AnalysedCampaign>>>(campaignId, current));
                throw;
            }

            // The campaign is read afresh on every call (another instance may have closed it or, before
            // it opened, changed its thresholds), so a cached analysis is used only for the same state.
            if (analysed.Stamp >= stamp && SameState(analysed.Campaign, campaign))
            {
                return analysed;
            }

            // Stale: swap in a fresh computation unless another caller already did.
            _cache.TryUpdate(campaignId, Compute(campaign), current);
        }
    }

    /// <summary>The most recent earlier campaign that used the same instrument, for wave-on-wave comparison.</summary>
    public async Task<AnalysedCampaign?> PreviousWaveAsync(Campaign campaign, string instrumentId, CancellationToken cancellationToken = default)
    {
        var previous = (await campaigns.AllAsync(cancellationToken))
            .Where(c => c.Id != campaign.Id && c.ClosesOn < campaign.OpensOn && c.Instruments.Any(i => i.InstrumentId == instrumentId))
            .OrderByDescending(c => c.ClosesOn)
            .FirstOrDefault();
        return previous is null ? null : await GetAsync(previous.Id, cancellationToken);
    }

    private static bool SameState(Campaign cached, Campaign current) =>
        cached.Status == current.Status && cached.Thresholds == current.Thresholds;

    private Lazy<Task<AnalysedCampaign>> Compute(Campaign campaign) => new(() => ComputeAsync(campaign));

    private async Task<AnalysedCampaign> ComputeAsync(Campaign campaign)
    {
        var tree = new OrganisationTree(await units.AllAsync());
        var instruments = campaign.Instruments.Select(i => catalogue.Find(i.InstrumentId, i.Version)!).ToList();
        var (answers, counts) = await results.LoadAsync(campaign.Id, instruments);
        // Responses may have arrived since the stamp was taken: stamp what was actually read.
        var readStamp = counts.Values.Sum();
        var analysis = CampaignAnalyser.Analyse(tree, answers);
        var threshold = campaign.Thresholds.Scores;
        var disclosure = DisclosureRules.ForTree(
            tree.Units.Select(u => new GroupCount(u.Id, u.ParentId, counts.GetValueOrDefault(u.Id))).ToList(), threshold);
        // Each scale is controlled on its own respondents too: a shown figure set for both the unit's
        // respondents and the scale's is safe for each, because hiding more never reveals more.
        var scaleDisclosure = analysis.Scales
            .Select(scale =>
            {
                var direct = scale.DirectRespondents;
                return DisclosureRules.ForTree(
                    tree.Units.Select(u => new GroupCount(u.Id, u.ParentId, direct.GetValueOrDefault(u.Id))).ToList(), threshold);
            })
            .ToList();
        return new AnalysedCampaign(campaign, readStamp, tree, analysis, disclosure, scaleDisclosure);
    }
}
