namespace CultureDiagnostics.Core.Statistics;

/// <summary>
/// One item for one group (or everyone), after reverse-scoring: n, mean with t interval, SD, median,
/// the count at each scale point (index 0 = scale minimum), and the top-two (favourable) and
/// bottom-two (unfavourable) shares with Wilson intervals.
/// </summary>
public sealed record ItemSummary(
    string Item,
    int N,
    double? Mean,
    Interval? MeanCi95,
    double? Sd,
    double? Median,
    IReadOnlyList<int> Distribution,
    ProportionSummary Favourable,
    ProportionSummary Unfavourable)
{
    /// <summary>How many points at each end count as favourable or unfavourable.</summary>
    public const int TopBoxPoints = 2;

    /// <summary>Summarises integer answers given as counts per scale point; exact sums, no pass over the raw data.</summary>
    public static ItemSummary FromCounts(string item, ReadOnlySpan<int> counts, int scaleMin)
    {
        var (n, mean, variance) = Moments(counts, scaleMin);
        var box = Math.Min(TopBoxPoints, counts.Length);
        int favourable = 0, unfavourable = 0;
        for (var p = 0; p < box; p++)
        {
            favourable += counts[counts.Length - 1 - p];
            unfavourable += counts[p];
        }

        double? sd = double.IsNaN(variance) ? null : Math.Sqrt(variance);
        return new ItemSummary(
            item,
            n,
            n == 0 ? null : mean,
            sd is null ? null : Descriptive.MeanInterval(mean, sd.Value, n, scaleMin, scaleMin + counts.Length - 1),
            sd,
            n == 0 ? null : Descriptive.MedianOfCounts(counts, scaleMin),
            counts.ToArray(),
            Proportions.Summarise(favourable, n),
            Proportions.Summarise(unfavourable, n));
    }

    /// <summary>n, mean and n − 1 variance (NaN below two) of answers given as counts per point.</summary>
    public static (int N, double Mean, double Variance) Moments(ReadOnlySpan<int> counts, int scaleMin)
    {
        var n = 0;
        double sum = 0;
        for (var p = 0; p < counts.Length; p++)
        {
            n += counts[p];
            sum += counts[p] * (double)(scaleMin + p);
        }

        if (n == 0)
        {
            return (0, double.NaN, double.NaN);
        }

        var mean = sum / n;
        if (n < 2)
        {
            return (n, mean, double.NaN);
        }

        double ss = 0;
        for (var p = 0; p < counts.Length; p++)
        {
            var d = scaleMin + p - mean;
            ss += counts[p] * d * d;
        }

        return (n, mean, ss / (n - 1));
    }
}
