using System.Globalization;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Core.Results;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Organisation;
using CultureDiagnostics.Data.Results;
using Microsoft.Extensions.Caching.Hybrid;

namespace CultureDiagnostics.Application.Results;

/// <summary>
/// Computes campaign analyses, with their disclosure decisions, and keeps them in HybridCache. The key holds
/// the campaign's response count and state (status and thresholds), both read from the database on every
/// call, so a cached analysis is used only while they are unchanged, even when several instances share one
/// database. Callers asking for the same key at once wait for one computation; a finished analysis is
/// immutable, so no reader ever sees a half-computed result. Nothing here decides what is published: the
/// analysis leaves the application layer only through <see cref="ResultsPublisher"/>.
/// </summary>
public sealed class CampaignResultsService(
    CampaignStore campaigns, UnitStore units, ResultsStore results, InstrumentCatalogue catalogue, HybridCache cache, Telemetry telemetry)
{
    // In this instance's memory only (see KeptInMemoryOnly). An hour bounds what a superseded key keeps alive.
    private static readonly HybridCacheEntryOptions InThisInstance = new()
    {
        Expiration = TimeSpan.FromHours(1),
        LocalCacheExpiration = TimeSpan.FromHours(1),
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };

    public async Task<AnalysedCampaign?> GetAsync(string campaignId, CancellationToken cancellationToken = default) =>
        await campaigns.FindAsync(campaignId, cancellationToken) is { } campaign ? await GetAsync(campaign, cancellationToken) : null;

    /// <summary>The analysis of a campaign as just read from the database (its status and thresholds are part of the key).</summary>
    public async Task<AnalysedCampaign> GetAsync(Campaign campaign, CancellationToken cancellationToken = default)
    {
        var stamp = await results.ResponseStampAsync(campaign.Id, cancellationToken);
        var key = string.Create(CultureInfo.InvariantCulture,
            $"analysis/{campaign.Id}/{stamp}/{campaign.Status}/{campaign.Thresholds.Scores}/{campaign.Thresholds.Comments}");
        return await cache.GetOrCreateAsync(
            key, (Service: this, Campaign: campaign),
            static (state, token) => new ValueTask<AnalysedCampaign>(state.Service.ComputeAsync(state.Campaign, token)),
            InThisInstance, cancellationToken: cancellationToken);
    }

    private async Task<AnalysedCampaign> ComputeAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        using var timing = telemetry.Analysis(AnalysisKind.Campaign);
        var tree = OrganisationTree.Surveyed(new OrganisationTree(await units.ForCampaignAsync(campaign.Id, cancellationToken)), campaign.Units.Select(u => u.UnitId));
        var instruments = campaign.Instruments.Select(i => catalogue.Find(i.InstrumentId, i.Version)!).ToList();
        var (answers, counts) = await results.LoadAsync(campaign.Id, instruments, cancellationToken);
        // Responses may have arrived since the stamp was taken: stamp what was actually read.
        var readStamp = counts.Values.Sum();
        var analysis = CampaignAnalyser.Analyse(tree, answers);
        var disclosure = CampaignDisclosure.Decide(tree, analysis, counts, campaign.Thresholds.Scores);
        return new AnalysedCampaign(campaign, readStamp, tree, analysis, disclosure.Units, disclosure.Scales, disclosure.AcrossGroups);
    }
}
