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
    double? RwgScaleScore)
{
    /// <summary>The group's favourable answers to the scale's items, respondent by respondent (for the pooled % favourable's interval).</summary>
    public ClusteredCounts PooledFavourable { get; init; }

    /// <summary>The group's unfavourable answers, respondent by respondent.</summary>
    public ClusteredCounts PooledUnfavourable { get; init; }

    /// <summary>rwg(j) against the slightly skewed null (<see cref="Agreement.SlightlySkewedNull"/>), over the same answers as <see cref="RwgJ"/>.</summary>
    public double? RwgJSlightSkew { get; init; }

    /// <summary>AD(M)(J): the mean over items of each item's average deviation from its mean, over the complete respondents (multilevel::ad.m).</summary>
    public double? AdMJListwise { get; init; }
}

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

/// <summary>Statistics across groups: ICC(1), ICC(2) and their mean squares, Kruskal–Wallis, and how many groups agree.</summary>
public sealed record AcrossGroupsResult(IccResult? Icc, KruskalWallisResult KruskalWallis, int GroupsWithRwgJ, double? ShareOfGroupsAgreeing);

/// <summary>Across-group statistics recomputed over chosen groups only.</summary>
public static class AcrossGroups
{
    /// <summary>
    /// ICC, Kruskal–Wallis and the share of groups meeting rwg(j) over <paramref name="groups"/> only (indices into
    /// <see cref="ScaleAnalysisResult.Groups"/>). Published statistics must rest on groups that are themselves
    /// published: with the organisation's n, mean and SD, a statistic that also counts a hidden group gives that
    /// group's mean away.
    /// </summary>
    /// <param name="agreementGroups">
    /// The groups whose rwg(j) is itself published (by default the same groups): "teams meeting rwg(j)" counts only
    /// these, so that a reader could count them from the teams' own figures and it says nothing more.
    /// </param>
    public static AcrossGroupsResult Over(ScaleAnalysisResult analysis, IReadOnlyCollection<int> groups, IReadOnlyCollection<int>? agreementGroups = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var chosen = groups.Distinct().Order().ToArray();
        var agreeingOver = (agreementGroups ?? groups).Distinct().Order().ToArray();
        var (withRwg, agreeing) = (0, 0);
        foreach (var g in agreeingOver)
        {
            if (analysis.Groups[g].RwgJ is { } rwg)
            {
                withRwg++;
                agreeing += rwg >= Agreement.RwgThreshold ? 1 : 0;
            }
        }

        var share = withRwg == 0 ? null : (double?)agreeing / withRwg;
        if (chosen.Length == analysis.Groups.Count)
        {
            // Every group is published: the analysis already holds these, computed in its one pass.
            return new AcrossGroupsResult(analysis.Icc, analysis.KruskalWallis, withRwg, share);
        }

        var sizes = new int[chosen.Length];
        var means = new double[chosen.Length];
        double withinSs = 0;
        var values = new List<double>();
        var groupOf = new List<int>();
        for (var c = 0; c < chosen.Length; c++)
        {
            var group = analysis.Groups[chosen[c]];
            var scores = analysis.ScoresByGroup[chosen[c]];
            sizes[c] = scores.Count;
            means[c] = group.ScaleScore.Mean ?? 0;
            foreach (var s in scores)
            {
                withinSs += (s - means[c]) * (s - means[c]);
                values.Add(s);
                groupOf.Add(c);
            }
        }

        return new AcrossGroupsResult(
            Agreement.Icc(sizes, means, withinSs),
            RankTests.KruskalWallis(values.ToArray(), groupOf.ToArray(), chosen.Length),
            withRwg,
            share);
    }
}
