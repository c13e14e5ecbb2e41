using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Diagnostics;
using CultureDiagnostics.Application.Diagnostics;
using CultureDiagnostics.Application.Results;

namespace CultureDiagnostics.Application.Workbook;

/// <summary>
/// Gathers a closed campaign's published results, the synthesis and the Phase 2 catalogue into a
/// <see cref="WorkbookContent"/>, for the API and the command line alike. Results leave only once the
/// campaign has closed, as everywhere else.
/// </summary>
public sealed class WorkbookService(
    CampaignStore campaigns,
    CampaignResultsService results,
    SynthesisService synthesis,
    DiagnosticsStore diagnostics,
    InstrumentCatalogue instruments,
    InterventionCatalogue interventions,
    TimeProvider clock)
{
    /// <summary>The word that asks for the most recently closed campaign instead of an id.</summary>
    public const string Latest = "latest";

    public async Task<WorkbookRequest> GatherAsync(string campaignId, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var campaign = string.Equals(campaignId, Latest, StringComparison.OrdinalIgnoreCase)
            ? await synthesis.LatestClosedAsync(ct)
            : await campaigns.FindAsync(campaignId, ct);
        if (campaign is null)
        {
            return new WorkbookRequest.NoSuchCampaign(string.Equals(campaignId, Latest, StringComparison.OrdinalIgnoreCase)
                ? "No campaign has closed yet, so there are no results to export."
                : $"No campaign has the id '{campaignId}'.");
        }

        if (Publication.NotPublishedYet(campaign, today) is { } detail)
        {
            return new WorkbookRequest.NotPublished(detail);
        }

        var analysed = await results.GetAsync(campaign.Id, ct);
        if (analysed is null || analysed.Tree.Roots.Count == 0)
        {
            return new WorkbookRequest.NoSuchCampaign($"Campaign '{campaign.Title}' has no organisation structure to report on.");
        }

        var previous = new Dictionary<string, AnalysedCampaign?>();
        foreach (var instrument in campaign.Instruments)
        {
            previous[instrument.InstrumentId] = await results.PreviousWaveAsync(campaign, instrument.InstrumentId, ct);
        }

        var units = analysed.Tree.InTreeOrder()
            .Select(x => ResultsMapper.Unit(analysed, x.Unit.Id, id => previous.GetValueOrDefault(id)))
            .ToList();
        var view = await synthesis.BuildAsync(campaign, ct);
        return new WorkbookRequest.Ready(new WorkbookContent(
            campaign,
            analysed.Tree.Roots[0].Name,
            campaign.Instruments.Select(i => instruments.Find(i.InstrumentId, i.Version)!).ToList(),
            view.Results ?? ResultsMapper.Campaign(analysed),
            units,
            view,
            await diagnostics.FindingsAsync(ct),
            interventions,
            today));
    }
}
