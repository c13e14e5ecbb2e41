using CultureDiagnostics.Core.Disclosure;

namespace CultureDiagnostics.Application.Results;

// What the results API publishes. A group below the disclosure threshold is published as
// { "suppressed": true, "fewerThan": N } and nothing else: no n, no statistic, no distribution.

public sealed record IntervalResponse(double Low, double High);

/// <summary>
/// A share of answers: how many counted, the share and its 95% interval. <see cref="Respondents"/> is given for a
/// scale's pooled answers (several per person): the people who gave them, each of whose answers the interval treats as
/// one cluster; null for an item, where each person gave one.
/// </summary>
public sealed record ProportionResponse(int Count, double? Share, IntervalResponse? Ci95, int? Respondents = null);

[RestsOn(Population.ScaleScored)]
public sealed record ScoreResponse(int N, double? Mean, IntervalResponse? Ci95, double? Sd, double? Median);

public sealed record PointCount([property: RestsOn(Population.None)] int Value, string Label, int Count);

/// <summary>
/// One item for one unit, as people answered it: the distribution counts each answer under the label they chose, and
/// the mean, interval and median are of the answers as given. A reverse-keyed (negatively worded) item's favourable
/// answers are its lowest points: <see cref="FavourableAnswers"/> names them, and favourable and unfavourable are
/// counted after reversing, as the scale score uses the item.
/// </summary>
[RestsOn(Population.ItemAnswered)]
public sealed record ItemResponse(
    string Item,
    string Text,
    bool Reverse,
    [property: RestsOn(Population.None)] IReadOnlyList<int> FavourableAnswers,
    bool Suppressed,
    int? FewerThan,
    int? N,
    double? Mean,
    IntervalResponse? Ci95,
    double? Sd,
    double? Median,
    IReadOnlyList<PointCount>? Distribution,
    ProportionResponse? Favourable,
    ProportionResponse? Unfavourable);

/// <summary>
/// A difference with its 95% interval; <see cref="Significant"/> when it is real once every comparison of its kind that
/// the campaign publishes is allowed for (<see cref="Judged"/> says how).
/// </summary>
[RestsOn(Population.ScaleScored)]
public sealed record DifferenceResponse(string Against, double Difference, IntervalResponse Ci95, bool Significant, string Judged);

/// <summary>
/// A team's agreement: rwg(j) against the uniform null (<see cref="Agrees"/> at 0.70) and against the slightly skewed
/// null; the listwise indices on the team's complete respondents (rwg(j), awg, AD(M)(J)); the rwg(j) that 95% of random
/// teams of the team's size stay at or below, whether the team is beyond it, and what that means for its score.
/// </summary>
public sealed record AgreementResponse(
    [property: RestsOn(Population.TeamAnswerers)] double? RwgJ,
    [property: RestsOn(Population.TeamAnswerers)] double? RwgJSlightSkew,
    [property: RestsOn(Population.TeamCompleteRespondents)] double? RwgJListwise,
    [property: RestsOn(Population.TeamCompleteRespondents)] double? AwgListwise,
    [property: RestsOn(Population.TeamCompleteRespondents)] double? AdMJListwise,
    [property: RestsOn(Population.ScaleScored)] double? RwgJChance95,
    bool Agrees,
    bool? BeyondChance,
    string? Reading);

/// <summary>One scale for one unit: shown figures, or only that it is suppressed.</summary>
public sealed record ScaleCellResponse(
    string Instrument,
    string Construct,
    bool Suppressed,
    [property: RestsOn(Population.ScaleScored)] int? FewerThan,
    ScoreResponse? ScaleScore,
    [property: RestsOn(Population.ScaleAnswered)] ProportionResponse? Favourable,
    [property: RestsOn(Population.ScaleAnswered)] ProportionResponse? Unfavourable);

public sealed record ReliabilityItemResponse(string Item, double? RDrop, double? AlphaIfDeleted);

/// <summary>Cronbach's alpha and its item statistics; for a two-item scale also Spearman–Brown, the reliability that fits two items.</summary>
[RestsOn(Population.OrganisationRespondents)]
public sealed record ReliabilityResponse(double? AlphaRaw, double? AlphaStandardised, double? AverageR, IReadOnlyList<ReliabilityItemResponse> Items, double? SpearmanBrown);

[RestsOn(Population.PublishedTeams)]
public sealed record TeamLevelResponse(
    double? Icc1,
    double? Icc2,
    double? Msb,
    double? Msw,
    double? K,
    int TeamsWithRwgJ,
    double? ShareOfTeamsAgreeing,
    double? KruskalWallisH,
    int KruskalWallisDf,
    double? KruskalWallisP,
    double? EpsilonSquared);

public sealed record ScaleSummaryResponse(
    string Instrument,
    [property: RestsOn(Population.None)] int InstrumentVersion,
    string Construct,
    string Title,
    string? Element,
    bool TeamConstruct,
    [property: RestsOn(Population.None)] int ScaleMin,
    [property: RestsOn(Population.None)] int ScaleMax,
    IReadOnlyList<string> Items,
    ScaleCellResponse Organisation,
    ReliabilityResponse? Reliability,
    TeamLevelResponse? TeamLevel);

public sealed record HeatmapRowResponse(
    string Unit,
    string Name,
    string Level,
    [property: RestsOn(Population.None)] int Depth,
    [property: RestsOn(Population.Respondents)] PublishedCount Respondents,
    [property: RestsOn(Population.Respondents)] int? ResponseRatePercent,
    IReadOnlyList<ScaleCellResponse> Cells);

public sealed record CampaignResultsResponse(
    string CampaignId,
    string Title,
    [property: RestsOn(Population.None)] int ScoreThreshold,
    string ScaleScoreRule,
    [property: RestsOn(Population.Respondents)] PublishedCount Respondents,
    IReadOnlyList<ScaleSummaryResponse> Scales,
    IReadOnlyList<HeatmapRowResponse> Heatmap);

public sealed record UnitScaleResponse(
    string Instrument,
    string Construct,
    string Title,
    ScaleCellResponse Figures,
    AgreementResponse? Agreement,
    DifferenceResponse? VersusOrganisation,
    DifferenceResponse? VersusPreviousWave,
    IReadOnlyList<ItemResponse> Items);

public sealed record UnitResultsResponse(
    string CampaignId,
    string Unit,
    string Name,
    string Level,
    [property: RestsOn(Population.Respondents)] PublishedCount Respondents,
    IReadOnlyList<UnitScaleResponse> Scales);
