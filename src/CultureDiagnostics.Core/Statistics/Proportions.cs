using MathNet.Numerics.Distributions;

namespace CultureDiagnostics.Core.Statistics;

/// <summary>
/// A count out of n answers with its 95% interval; the share is null when n is 0. <see cref="Respondents"/> is set
/// where the answers are several per respondent (a scale's pooled answers): how many people gave them.
/// </summary>
public sealed record ProportionSummary(int Count, int N, double? Share, Interval? Ci95)
{
    public int? Respondents { get; init; }
}

public static class Proportions
{
    private static readonly double Z975 = Normal.InvCDF(0, 1, 0.975);

    /// <summary>
    /// Wilson score interval without continuity correction, as R's prop.test(correct = FALSE):
    /// it stays inside 0..1 and is honest at 0% and 100%, where the Wald interval collapses.
    /// </summary>
    public static Interval? Wilson(int successes, int n)
    {
        if (n <= 0)
        {
            return null;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, n);

        var p = (double)successes / n;
        var z = Z975;
        var z22n = z * z / (2.0 * n);
        var spread = z * Math.Sqrt((p * (1 - p) / n) + (z22n / (2.0 * n)));
        var denominator = 1 + (2 * z22n);
        // prop.test pins the ends exactly rather than trusting rounding.
        var low = p <= 0 ? 0 : (p + z22n - spread) / denominator;
        var high = p >= 1 ? 1 : (p + z22n + spread) / denominator;
        return new Interval(low, high);
    }

    public static ProportionSummary Summarise(int count, int n) =>
        new(count, n, n == 0 ? null : (double)count / n, Wilson(count, n));
}
