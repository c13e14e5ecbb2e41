using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Application.Diagnostics;
using CultureDiagnostics.Application.Results;

namespace CultureDiagnostics.Application.Workbook;

/// <summary>
/// Everything the synthesis workbook shows, and nothing more. The survey figures are the published shapes
/// of the results API (from ResultsPublisher, under disclosure control), never an analysis or a response, so the
/// workbook cannot show what the API would not.
/// </summary>
public sealed record WorkbookContent(
    Campaign Campaign,
    string Organisation,
    IReadOnlyList<Instrument> Instruments,
    CampaignResultsResponse Results,
    IReadOnlyList<UnitResultsResponse> Units,
    SynthesisView Synthesis,
    IReadOnlyList<Finding> Findings,
    InterventionCatalogue Interventions,
    DateOnly GeneratedOn)
{
    /// <summary>The organisation's own figures (the first unit in tree order), with the change since the previous wave.</summary>
    public UnitResultsResponse? OrganisationUnit => Units.Count > 0 ? Units[0] : null;

    public UnitResultsResponse? Unit(string code) => Units.FirstOrDefault(u => u.Unit == code);
}
