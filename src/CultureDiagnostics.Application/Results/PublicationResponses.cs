using CultureDiagnostics.Core.Disclosure;

namespace CultureDiagnostics.Application.Results;

// The other published shapes beside ResultsResponses: live response rates, comments and breakdowns by a
// demographic question. Counts are PublishedCount: a number, or "fewer than N", or withheld; live response
// counts are LiveCount, rounded while a campaign runs.

public sealed record ResponseRateRow(
    string Unit,
    string Name,
    string Level,
    [property: RestsOn(Population.None)] int Depth,
    [property: RestsOn(Population.Respondents)] LiveCount Respondents,
    [property: RestsOn(Population.None)] int? Headcount,
    [property: RestsOn(Population.Respondents)] int? ResponseRatePercent);

/// <summary>
/// Response counts by unit. While the campaign runs, <see cref="CountedUntil"/> is the last day counted and every
/// count is rounded to a multiple of <see cref="RoundedTo"/> (see LiveCounts); once it has closed both are null and
/// the counts are the results' own.
/// </summary>
public sealed record ResponseRatesResponse(
    string CampaignId,
    string Title,
    bool AcceptingResponses,
    [property: RestsOn(Population.None)] int ScoreThreshold,
    IReadOnlyList<ResponseRateRow> Units,
    DateOnly? CountedUntil,
    [property: RestsOn(Population.None)] int? RoundedTo);

public sealed record CommentResponse(string Instrument, string Item, string Question, string Text);

public sealed record CommentsResponse(
    string CampaignId,
    string Unit,
    [property: RestsOn(Population.None)] int CommentThreshold,
    bool Shown,
    [property: RestsOn(Population.Respondents)] PublishedCount Respondents,
    IReadOnlyList<CommentResponse> Comments);

public sealed record CategoryResponse(string Value, string Label);

public sealed record BreakdownCellResponse(string Category, [property: RestsOn(Population.Respondents)] PublishedCount Respondents, IReadOnlyList<ScaleCellResponse> Scales);

public sealed record BreakdownUnitResponse(
    string Unit, string Name, string Level, [property: RestsOn(Population.None)] int Depth, bool Shown, IReadOnlyList<BreakdownCellResponse> Cells);

public sealed record BreakdownResponse(
    string CampaignId, string Question, string Text, IReadOnlyList<CategoryResponse> Categories, IReadOnlyList<BreakdownUnitResponse> Units);

/// <summary>
/// Everything published of one closed campaign for the synthesis, the dashboard and the workbook: the
/// organisation's results and units' drill-downs in tree order, the whole organisation first.
/// </summary>
public sealed record PublishedCampaign(string Organisation, CampaignResultsResponse Results, IReadOnlyList<UnitResultsResponse> Units)
{
    public UnitResultsResponse WholeOrganisation => Units[0];
}
