namespace CultureDiagnostics.Core.Statistics;

/// <summary>
/// One group's results: its scale-score summary, each item, and the agreement indices that say whether
/// a team score means anything. Agreement values are null where they cannot be computed (a team of one).
/// </summary>
public sealed record GroupResult(
    int Group,
    string Label,
    ContinuousSummary ScaleScore,
    IReadOnlyList<ItemSummary> Items,
    double? RwgJ,
    int ListwiseN,
    double? RwgJListwise,
    double? AwgListwise,
    double? RwgScaleScore);

/// <summary>Everything <see cref="ScaleAnalysis.Analyse"/> computes for one scale.</summary>
public sealed record ScaleAnalysisResult(
    int MinimumAnswered,
    ReliabilityResult Alpha,
    IReadOnlyList<ItemSummary> Items,
    ContinuousSummary ScaleScore,
    IReadOnlyList<GroupResult> Groups,
    IccResult? Icc,
    KruskalWallisResult KruskalWallis,
    int GroupsWithRwgJ,
    double? ShareOfGroupsAgreeing)
{
    /// <summary>Each respondent's scale score (NaN where the answered-items rule gives none), in input order.</summary>
    public required IReadOnlyList<double> ScaleScores { get; init; }

    /// <summary>The scale scores of one group, sorted ascending, for comparisons between groups.</summary>
    public required IReadOnlyList<IReadOnlyList<double>> ScoresByGroup { get; init; }

    /// <summary>Mann–Whitney of the scale score between two groups; null when either has no scores.</summary>
    public MannWhitneyResult? CompareGroups(int first, int second)
    {
        var a = ScoresByGroup[first];
        var b = ScoresByGroup[second];
        return a.Count == 0 || b.Count == 0 ? null : RankTests.MannWhitney(a.ToArray(), b.ToArray());
    }
}
