using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace CultureDiagnostics.Core.Statistics;

/// <summary>A two-sided interval; for a proportion, on the 0..1 scale.</summary>
public readonly record struct Interval(double Low, double High);

/// <summary>Summary of a continuous variable (a scale score) for one group.</summary>
public sealed record ContinuousSummary(int N, double? Mean, Interval? MeanCi95, double? Sd, double? Median)
{
    public static readonly ContinuousSummary Empty = new(0, null, null, null, null);
}

/// <summary>Plain descriptive statistics with R's conventions (n − 1 variance, type 7 quantiles).</summary>
public static class Descriptive
{
    public const double ConfidenceLevel = 0.95;

    /// <summary>Two-pass mean: the correction pass keeps it as close to R's long-double mean as 1e-12 matters.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        double sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        var mean = sum / values.Length;
        double correction = 0;
        foreach (var v in values)
        {
            correction += v - mean;
        }

        return mean + (correction / values.Length);
    }

    /// <summary>Sample variance (n − 1); NaN below two values.</summary>
    public static double Variance(ReadOnlySpan<double> values) => Variance(values, Mean(values));

    public static double Variance(ReadOnlySpan<double> values, double mean)
    {
        if (values.Length < 2)
        {
            return double.NaN;
        }

        double ss = 0;
        foreach (var v in values)
        {
            var d = v - mean;
            ss += d * d;
        }

        return ss / (values.Length - 1);
    }

    /// <summary>R's default quantile (type 7) of values already sorted ascending.</summary>
    public static double QuantileOfSorted(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.IsEmpty)
        {
            return double.NaN;
        }

        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    public static double MedianOfSorted(ReadOnlySpan<double> sorted) => QuantileOfSorted(sorted, 0.5);

    /// <summary>Type 7 median of integer scale answers given as counts per scale point (point = min + index).</summary>
    public static double MedianOfCounts(ReadOnlySpan<int> counts, int min)
    {
        var n = 0;
        foreach (var c in counts)
        {
            n += c;
        }

        if (n == 0)
        {
            return double.NaN;
        }

        var h = (n - 1) * 0.5;
        var lo = (int)Math.Floor(h);
        var low = OrderStatistic(counts, min, lo);
        var high = OrderStatistic(counts, min, Math.Min(lo + 1, n - 1));
        return low + ((h - lo) * (high - low));
    }

    // The value at zero-based rank `rank` in the sorted answers that the counts describe.
    private static int OrderStatistic(ReadOnlySpan<int> counts, int min, int rank)
    {
        var cumulative = 0;
        for (var p = 0; p < counts.Length; p++)
        {
            cumulative += counts[p];
            if (rank < cumulative)
            {
                return min + p;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(rank));
    }

    /// <summary>
    /// The t interval R's t.test gives for a mean of values on the scale <paramref name="low"/>..<paramref name="high"/>;
    /// null below two values. Where every value is the same (SD 0) the t interval has no width, which would claim
    /// certainty from a handful of people: the interval is then the range of means the population could have given
    /// what was seen, with at most the share of people who differ from everyone asked that a Clopper–Pearson 95%
    /// interval allows for 0 of n (1 − 0.025^(1/n), R's binom.test(0, n)), all of them at the farthest scale end.
    /// </summary>
    public static Interval? MeanInterval(double mean, double sd, int n, double low, double high)
    {
        if (n < 2 || double.IsNaN(sd))
        {
            return null;
        }

        if (sd == 0)
        {
            var differing = 1 - Math.Pow((1 - ConfidenceLevel) / 2, 1.0 / n);
            return new Interval(mean - (differing * (mean - low)), mean + (differing * (high - mean)));
        }

        var half = TQuantile(n - 1) * sd / Math.Sqrt(n);
        return new Interval(mean - half, mean + half);
    }

    /// <summary>Whether a sample's SD is 0 but for rounding (n copies of a mean such as 30/7 need not sum exactly): everyone gave the same value.</summary>
    private static bool WithoutVariation(double sd, double mean) => sd <= 1e-12 * Math.Max(1, Math.Abs(mean));

    /// <summary>Two-sided 95% critical value of Student's t.</summary>
    public static double TQuantile(double df)
    {
        // MathNet inverts the t CDF by root finding (tens of microseconds); a results page asks for thousands
        // of group × item intervals, so whole-number df are cached. Racing writers store the same value.
        var whole = (int)df;
        if (whole == df && whole >= 1 && whole < TCache.Length)
        {
            var cached = Volatile.Read(ref TCache[whole]);
            if (cached != 0)
            {
                return cached;
            }

            var computed = StudentT.InvCDF(0, 1, df, 0.5 + (ConfidenceLevel / 2));
            Volatile.Write(ref TCache[whole], computed);
            return computed;
        }

        return StudentT.InvCDF(0, 1, df, 0.5 + (ConfidenceLevel / 2));
    }

    private static readonly double[] TCache = new double[4096];

    /// <summary>
    /// Summary of a continuous sample. Reorders <paramref name="values"/> in place (callers pass a scratch copy):
    /// the median is found by selection, in linear time, rather than by sorting every group's scores.
    /// </summary>
    public static ContinuousSummary SummariseInPlace(double[] values, double low, double high)
    {
        if (values.Length == 0)
        {
            return ContinuousSummary.Empty;
        }

        var mean = Mean(values);
        var variance = Variance(values, mean);
        // An SD that is 0 but for rounding is published as 0, so that the interval and every page treat it alike.
        double? sd = double.IsNaN(variance) ? null : Math.Sqrt(variance) is var s && WithoutVariation(s, mean) ? 0 : s;
        var median = ArrayStatistics.MedianInplace(values);
        return new ContinuousSummary(values.Length, mean, sd is null ? null : MeanInterval(mean, sd.Value, values.Length, low, high), sd, median);
    }
}
