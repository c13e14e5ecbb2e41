using CultureDiagnostics.Application.Diagnostics;
using CultureDiagnostics.Application.Results;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Diagnostics;

namespace CultureDiagnostics.Application.Workbook;

/// <summary>
/// Gathers a closed campaign's published results (every unit, through the disclosure gate), the synthesis
/// and the Phase 2 catalogue into a <see cref="WorkbookContent"/>, for the API and the command line alike.
/// </summary>
public sealed class WorkbookService(
    CampaignStore campaigns,
    ResultsPublisher publisher,
    SynthesisService synthesis,
    DiagnosticsStore diagnostics,
    InstrumentCatalogue instruments,
    InterventionCatalogue interventions,
    TimeProvider clock)
{
    /// <summary>The word that asks for the board's current diagnostic (<see cref="ResultsPublisher.CurrentDiagnosticAsync"/>) instead of an id.</summary>
    public const string Latest = "latest";

    public const string NoCurrentDiagnostic =
        "There is no current diagnostic yet: none has been chosen for the board, and no campaign that surveyed every team has closed.";

    public async Task<Published<WorkbookContent>> GatherAsync(string campaignId, CancellationToken ct = default)
    {
        var latest = string.Equals(campaignId, Latest, StringComparison.OrdinalIgnoreCase);
        var campaign = latest ? (await publisher.CurrentDiagnosticAsync(ct))?.Campaign : await campaigns.FindAsync(campaignId, ct);
        if (campaign is null)
        {
            return latest ? Refusal.NotFound(NoCurrentDiagnostic) : Refusal.NoSuchCampaign(campaignId);
        }

        var published = await publisher.EveryUnitAsync(campaign, ct);
        if (published.Refusal is { } refusal)
        {
            return refusal;
        }

        var (organisation, results, units) = (published.Value!.Organisation, published.Value.Results, published.Value.Units);
        return new WorkbookContent(
            campaign,
            organisation,
            campaign.Instruments.Select(i => instruments.Find(i.InstrumentId, i.Version)!).ToList(),
            results,
            units,
            await synthesis.BuildAsync(campaign, ct),
            await diagnostics.FindingsAsync(ct),
            interventions,
            clock.Today());
    }
}
