using MathNet.Numerics.Distributions;

namespace CultureDiagnostics.Core.Statistics;

/// <summary>Difference of two means (first − second) with its Welch 95% interval, degrees of freedom and two-sided p-value.</summary>
public sealed record MeanDifference(double Difference, Interval Ci95, double Df, double P);

public static class MeanComparison
{
    /// <summary>
    /// Welch's interval for the difference of two means (R's t.test(var.equal = FALSE)), for a unit against the
    /// organisation or against its previous wave. Welch because unit and organisation rarely share a variance.
    /// Null when either side has fewer than two values or both variances are 0.
    /// </summary>
    public static MeanDifference? Welch(double mean1, double sd1, int n1, double mean2, double sd2, int n2)
    {
        if (n1 < 2 || n2 < 2 || double.IsNaN(sd1) || double.IsNaN(sd2))
        {
            return null;
        }

        var se1 = sd1 * sd1 / n1;
        var se2 = sd2 * sd2 / n2;
        var se = Math.Sqrt(se1 + se2);
        if (!(se > 0))
        {
            return null;
        }

        var df = (se1 + se2) * (se1 + se2) / ((se1 * se1 / (n1 - 1)) + (se2 * se2 / (n2 - 1)));
        var diff = mean1 - mean2;
        var half = StudentT.InvCDF(0, 1, df, 0.975) * se;
        var p = 2 * StudentT.CDF(0, 1, df, -Math.Abs(diff / se));
        return new MeanDifference(diff, new Interval(diff - half, diff + half), df, Math.Min(1, p));
    }

    public static MeanDifference? Welch(ContinuousSummary first, ContinuousSummary second) =>
        first.Mean is null || second.Mean is null || first.Sd is null || second.Sd is null
            ? null
            : Welch(first.Mean.Value, first.Sd.Value, first.N, second.Mean.Value, second.Sd.Value, second.N);
}
