namespace CultureDiagnostics.Core.Statistics;

/// <summary>ICC(1) and ICC(2) from the one-way ANOVA of a score on group.</summary>
public sealed record IccResult(double Msb, double Msw, double K, double? Icc1, double? Icc2);

/// <summary>
/// Within-group agreement and between-group reliability, the evidence that a team-level score means
/// something (James, Demaree &amp; Wolf; Brown &amp; Hauenstein; Bliese's multilevel package).
/// </summary>
public static class Agreement
{
    /// <summary>The conventional threshold above which a team is said to agree enough to aggregate.</summary>
    public const double RwgThreshold = 0.70;

    /// <summary>Variance of answers spread uniformly over A options: (A² − 1) / 12.</summary>
    public static double UniformNullVariance(int options) => ((options * (double)options) - 1) / 12.0;

    /// <summary>
    /// The slightly skewed null: the answers of a team whose members do not agree but, as staff surveys do, lean
    /// towards agreeing. For five options it is Kozlowski and Hults's slight skew (5%, 15%, 20%, 35% and 25% from the
    /// lowest answer up; variance 1.34, as LeBreton and Senter 2008 tabulate it). For other counts of options the same
    /// distribution, read as a share of the answer range, is cut into that many equal parts (seven options: 3.6%, 7.9%,
    /// 11.4%, 14.3%, 22.9%, 22.1% and 17.9%; variance 2.78). The direction of the lean does not matter: only its variance
    /// enters rwg(j).
    /// </summary>
    public static double[] SlightlySkewedNull(int options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options, 2);
        var shares = new double[options];
        for (var k = 0; k < options; k++)
        {
            shares[k] = SlightSkewCumulative((k + 1) / (double)options) - SlightSkewCumulative(k / (double)options);
        }

        return shares;
    }

    /// <summary>The variance of <see cref="SlightlySkewedNull"/> on answers 1..options.</summary>
    public static double SlightlySkewedNullVariance(int options)
    {
        var shares = SlightlySkewedNull(options);
        double mean = 0, square = 0;
        for (var k = 0; k < options; k++)
        {
            mean += shares[k] * (k + 1);
            square += shares[k] * (k + 1) * (k + 1);
        }

        return square - (mean * mean);
    }

    // Kozlowski and Hults's five shares as a cumulative distribution over the answer range [0, 1], straight between fifths.
    private static readonly double[] SlightSkewAtFifths = [0, 0.05, 0.20, 0.40, 0.75, 1];

    private static double SlightSkewCumulative(double x)
    {
        var fifth = Math.Min((int)(x * 5), 4);
        var within = (x * 5) - fifth;
        return SlightSkewAtFifths[fifth] + ((SlightSkewAtFifths[fifth + 1] - SlightSkewAtFifths[fifth]) * within);
    }

    /// <summary>
    /// One item's average deviation from its mean, AD(M): the mean of |x − mean| over the answers (Burke, Finkelstein
    /// &amp; Dusig 1999; multilevel::ad.m with type "mean"), from the counts of each answer; NaN below two answers.
    /// </summary>
    public static double AverageDeviation(ReadOnlySpan<int> counts, int scaleMin)
    {
        long n = 0, sum = 0;
        for (var p = 0; p < counts.Length; p++)
        {
            n += counts[p];
            sum += counts[p] * (long)(scaleMin + p);
        }

        if (n < 2)
        {
            return double.NaN;
        }

        var mean = sum / (double)n;
        double deviation = 0;
        for (var p = 0; p < counts.Length; p++)
        {
            deviation += counts[p] * Math.Abs(scaleMin + p - mean);
        }

        return deviation / n;
    }

    /// <summary>
    /// The practical limit of AD(M) for agreement, c/6 for c options (Burke &amp; Dunlap 2002): 0.83 on five points, 1.17
    /// on seven. A team whose AD(M)(J) is at most this agrees.
    /// </summary>
    public static double AverageDeviationLimit(int options) => options / 6.0;

    /// <summary>
    /// rwg(j) from the item variances of one group. S is the mean of the variances that exist (an item with
    /// fewer than two answers has none), as R's mean(na.rm = TRUE); J stays the scale's item count, as in
    /// the reference. S is capped at the null variance, so disagreement beyond random gives 0 rather than
    /// a negative or exploding value.
    /// </summary>
    public static double? RwgJ(ReadOnlySpan<double> itemVariances, double nullVariance)
    {
        double sum = 0;
        var j = 0;
        foreach (var v in itemVariances)
        {
            if (!double.IsNaN(v))
            {
                sum += v;
                j++;
            }
        }

        return j == 0 ? null : RwgJ(sum / j, nullVariance, itemVariances.Length);
    }

    /// <summary>rwg(j) of <paramref name="items"/> items from their mean variance, capped at the null variance.</summary>
    public static double RwgJ(double meanVariance, double nullVariance, int items)
    {
        var ratio = Math.Min(meanVariance, nullVariance) / nullVariance;
        var agreement = items * (1 - ratio);
        return agreement / (agreement + ratio);
    }

    /// <summary>Single-score rwg = 1 − S²/σ² (multilevel::rwg), floored at 0; null below two members.</summary>
    public static double? Rwg(double variance, double nullVariance) =>
        double.IsNaN(variance) ? null : 1 - (Math.Min(variance, nullVariance) / nullVariance);

    /// <summary>
    /// One item's awg (Brown &amp; Hauenstein 2005) for a group of n with the given mean and variance on the
    /// range low..high, as multilevel::awg computes it: exactly 1 where the mean is a scale end (everyone gave
    /// the top answer, or everyone the bottom one: complete agreement); NaN, and so left out, where the mean is
    /// otherwise too near a scale end for the group size to reach the maximum variance the index divides by.
    /// </summary>
    public static double AwgItem(double mean, double variance, int n, double low, double high)
    {
        if (n < 2)
        {
            return double.NaN;
        }

        if (mean == low || mean == high)
        {
            // The mean of integer answers is exactly an end only when every answer is that end.
            return 1;
        }

        if (mean < ((low * (n - 1)) + high) / n || mean > ((high * (n - 1)) + low) / n)
        {
            return double.NaN;
        }

        var maxVariance = (((high + low) * mean) - (mean * mean) - (high * low)) * (n / (n - 1.0));
        return 1 - (2 * variance / maxVariance);
    }

    /// <summary>Multi-item awg: mean of the item awgs that are defined; null when none is (not truncated).</summary>
    public static double? Awg(ReadOnlySpan<double> itemMeans, ReadOnlySpan<double> itemVariances, int n, double low, double high)
    {
        double sum = 0;
        var defined = 0;
        for (var i = 0; i < itemMeans.Length; i++)
        {
            var a = AwgItem(itemMeans[i], itemVariances[i], n, low, high);
            if (!double.IsNaN(a))
            {
                sum += a;
                defined++;
            }
        }

        return defined == 0 ? null : sum / defined;
    }

    /// <summary>
    /// How reliable one team's mean is as a measure of the team: ICC(1) stepped up to the team's size by
    /// Spearman–Brown, n·ICC(1) / (1 + (n − 1)·ICC(1)), which is ICC(2) for a team of that size (Bliese 2000). An ICC(1)
    /// below 0 says teams differ no more than chance would make them, and is read as 0, as the literature does; the
    /// team's mean is then no more reliable than nothing. Null without an ICC(1) or a team.
    /// </summary>
    public static double? TeamMeanReliability(int teamSize, double? icc1)
    {
        if (icc1 is not { } icc || teamSize < 1 || double.IsNaN(icc))
        {
            return null;
        }

        var read = Math.Max(icc, 0);
        return teamSize * read / (1 + ((teamSize - 1) * read));
    }

    /// <summary>
    /// What a team's agreement means for its score, in words: whether its rwg(j) is beyond what random answers from a team
    /// of its size give (<paramref name="chance95"/>), and whether it still reaches 0.70 against the slightly skewed null
    /// that allows for staff surveys' lean towards agreeing. Null without an rwg(j) or a limit.
    /// </summary>
    public static string? TeamReading(double? rwgJ, double? slightSkew, double? chance95) => (rwgJ, chance95) switch
    {
        (null, _) or (_, null) => null,
        var (r, c) when r <= c => "no more agreement than random answers from a team of this size often give: the team's score is an average of differing views, not a view the team shares",
        _ when slightSkew >= RwgThreshold => "members agree beyond chance, even allowing for staff surveys' lean towards agreeing: the team's score describes a view the team shares",
        _ when rwgJ >= RwgThreshold => "members agree beyond chance, but not once staff surveys' usual lean towards agreeing is allowed for: read the team's score as a rough guide to a shared view",
        _ => "members agree more than chance would give, but weakly: read the team's score with care, as an average of views that differ",
    };

    /// <summary>What an ICC(1) says, in words; one below 0 is read as 0.</summary>
    public static string? IccReading(double? icc1) => icc1 switch
    {
        null => null,
        < 0 => "below zero, read as zero: teams differ no more than chance would make them, so a team's score says little about the team",
        < 0.05 => "small: little of the difference between people's scores lies between teams",
        < 0.15 => "moderate: some of the difference between people's scores lies between teams",
        _ => "large: much of the difference between people's scores lies between teams",
    };

    /// <summary>
    /// ICC(1) = (MSB − MSW)/(MSB + (k0 − 1)MSW), ICC(2) = (MSB − MSW)/MSB, from group sizes, group means and the
    /// pooled within-group sum of squares. Teams differ in size (3 to 40 is usual), so k0 is the group size of an
    /// unbalanced one-way design, (N − Σ n_j² / N) / (J − 1) (Snedecor &amp; Cochran), rather than the mean size
    /// N/J that multilevel::ICC1 uses; the two agree when every team is the same size. Null without two groups and
    /// more people than groups.
    /// </summary>
    public static IccResult? Icc(ReadOnlySpan<int> groupSizes, ReadOnlySpan<double> groupMeans, double withinSumOfSquares)
    {
        var groups = 0;
        var total = 0;
        double weightedSum = 0, sizeSquares = 0;
        for (var g = 0; g < groupSizes.Length; g++)
        {
            if (groupSizes[g] > 0)
            {
                groups++;
                total += groupSizes[g];
                sizeSquares += (double)groupSizes[g] * groupSizes[g];
                weightedSum += groupSizes[g] * groupMeans[g];
            }
        }

        if (groups < 2 || total <= groups)
        {
            return null;
        }

        var grand = weightedSum / total;
        double between = 0;
        for (var g = 0; g < groupSizes.Length; g++)
        {
            if (groupSizes[g] > 0)
            {
                var d = groupMeans[g] - grand;
                between += groupSizes[g] * d * d;
            }
        }

        var msb = between / (groups - 1);
        var msw = withinSumOfSquares / (total - groups);
        var k = (total - (sizeSquares / total)) / (groups - 1);
        // Without variation between groups (MSB = 0) ICC(2) is undefined, as is ICC(1) without any variation at all.
        var icc1Denominator = msb + ((k - 1) * msw);
        return new IccResult(msb, msw, k, icc1Denominator > 0 ? (msb - msw) / icc1Denominator : null, msb > 0 ? (msb - msw) / msb : null);
    }
}
