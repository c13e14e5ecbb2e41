using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace CultureDiagnostics.Core.Statistics;

/// <summary>Kruskal–Wallis across groups; H, P and epsilon² are null when every value is tied or fewer than two groups have data.</summary>
public sealed record KruskalWallisResult(int N, int Df, double? H, double? P, double? EpsilonSquared);

/// <summary>
/// Mann–Whitney between two groups as R's wilcox.test(exact = FALSE, correct = TRUE): W is the first group's
/// rank sum minus n1(n1 + 1)/2; Z and P are null when every value is tied. The rank-biserial correlation is
/// 2W/(n1·n2) − 1: positive when the first group tends to score higher.
/// </summary>
public sealed record MannWhitneyResult(int N1, int N2, double W, double? Z, double? P, double RankBiserial);

public static class RankTests
{
    /// <summary>Kruskal–Wallis with the tie-corrected H and its chi-square p-value (R's kruskal.test).</summary>
    public static KruskalWallisResult KruskalWallis(ReadOnlySpan<double> values, ReadOnlySpan<int> groups, int groupCount)
    {
        var n = values.Length;
        var rankSums = new double[groupCount];
        var sizes = new int[groupCount];
        var ties = RankSums(values, groups, rankSums, sizes);
        var used = 0;
        foreach (var s in sizes)
        {
            used += s > 0 ? 1 : 0;
        }

        var df = used - 1;
        if (used < 2)
        {
            return new KruskalWallisResult(n, Math.Max(df, 0), null, null, null);
        }

        double sum = 0;
        for (var g = 0; g < groupCount; g++)
        {
            if (sizes[g] > 0)
            {
                sum += rankSums[g] * rankSums[g] / sizes[g];
            }
        }

        var nd = (double)n;
        var correction = 1 - (ties / ((nd * nd * nd) - nd));
        var h = ((12.0 / (nd * (nd + 1)) * sum) - (3 * (nd + 1))) / correction;
        if (!double.IsFinite(h))
        {
            return new KruskalWallisResult(n, df, null, null, null);
        }

        // The upper incomplete gamma keeps tiny p-values that 1 − CDF would round to 0.
        var p = SpecialFunctions.GammaUpperRegularized(df / 2.0, h / 2.0);
        return new KruskalWallisResult(n, df, h, p, h / (((nd * nd) - 1) / (nd + 1)));
    }

    /// <summary>Mann–Whitney U by the normal approximation with tie and continuity correction.</summary>
    public static MannWhitneyResult MannWhitney(ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        var n1 = first.Length;
        var n2 = second.Length;
        if (n1 == 0 || n2 == 0)
        {
            throw new ArgumentException("Both groups need at least one value.");
        }

        var values = new double[n1 + n2];
        var groups = new int[n1 + n2];
        first.CopyTo(values);
        second.CopyTo(values.AsSpan(n1));
        groups.AsSpan(n1).Fill(1);
        var rankSums = new double[2];
        var ties = RankSums(values, groups, rankSums, new int[2]);

        var w = rankSums[0] - (n1 * (n1 + 1) / 2.0);
        var n = (double)(n1 + n2);
        var centred = w - (n1 * (double)n2 / 2);
        var sigma = Math.Sqrt(n1 * (double)n2 / 12 * (n + 1 - (ties / (n * (n - 1)))));
        var rankBiserial = (2 * w / (n1 * (double)n2)) - 1;
        if (!(sigma > 0))
        {
            return new MannWhitneyResult(n1, n2, w, null, null, rankBiserial);
        }

        var z = (centred - (Math.Sign(centred) * 0.5)) / sigma;
        var p = 2 * Normal.CDF(0, 1, -Math.Abs(z));
        return new MannWhitneyResult(n1, n2, w, z, Math.Min(1, p), rankBiserial);
    }

    /// <summary>
    /// Adds each value's mid-rank to its group's rank sum and counts the group sizes; returns Σ(t³ − t) over
    /// tied runs, the tie correction both tests need. One sort, no per-value allocation.
    /// </summary>
    internal static double RankSums(ReadOnlySpan<double> values, ReadOnlySpan<int> groups, double[] rankSums, int[] sizes)
    {
        var n = values.Length;
        var keys = values.ToArray();
        var order = groups.ToArray();
        Array.Sort(keys, order);
        double ties = 0;
        var start = 0;
        while (start < n)
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }

            var t = end - start;
            var midRank = (start + 1 + end) / 2.0; // ranks start + 1 .. end, averaged
            for (var i = start; i < end; i++)
            {
                rankSums[order[i]] += midRank;
                sizes[order[i]]++;
            }

            ties += ((double)t * t * t) - t;
            start = end;
        }

        return ties;
    }
}
