using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace CultureDiagnostics.Core.Statistics;

/// <summary>
/// Sums over respondents of how many of their answers count (f, favourable say) and how many answers they gave (m):
/// what a share of pooled answers needs for an interval that treats each respondent's answers as one cluster.
/// Sums of groups add up to the sums of their union.
/// </summary>
public readonly record struct ClusteredCounts(long Respondents, long Successes, long Answers, long SuccessesSquared, long SuccessesTimesAnswers, long AnswersSquared)
{
    /// <summary>One respondent's answers: <paramref name="successes"/> of <paramref name="answers"/> count (nothing when they gave none).</summary>
    public static ClusteredCounts Of(int successes, int answers) =>
        answers == 0 ? default : new(1, successes, answers, (long)successes * successes, (long)successes * answers, (long)answers * answers);

    public static ClusteredCounts operator +(ClusteredCounts a, ClusteredCounts b) => new(
        a.Respondents + b.Respondents, a.Successes + b.Successes, a.Answers + b.Answers,
        a.SuccessesSquared + b.SuccessesSquared, a.SuccessesTimesAnswers + b.SuccessesTimesAnswers, a.AnswersSquared + b.AnswersSquared);
}

/// <summary>
/// A share of pooled answers (a scale's % favourable: favourable answers over all answers to its items) when each
/// respondent gives several. One person's answers to the items of a scale are alike, so counting them as independent
/// makes an interval far too narrow (about half as wide as it should be at organisation level in the reference data).
/// The share stays the pooled one; its standard error is the linearised, cluster-robust one with respondents as
/// clusters (R's survey::svymean with ids = ~respondent), and its interval is Korn and Graubard's: Clopper–Pearson on
/// the effective sample size p(1 − p)/var, adjusted for the respondents' degrees of freedom (survey::svyciprop,
/// method = "beta"), never more than the number of answers. Where every answer counts, or none does, there is no
/// effective sample size (0/0): the interval is then Clopper–Pearson on the respondents, as if each had given one
/// answer, which is honest about how few people that may be. One respondent has no interval.
/// </summary>
public static class ClusteredProportion
{
    private const double Alpha = 0.05;

    public static ProportionSummary Summarise(ClusteredCounts counts)
    {
        var n = checked((int)counts.Answers);
        var count = checked((int)counts.Successes);
        var respondents = checked((int)counts.Respondents);
        if (n == 0)
        {
            return new ProportionSummary(0, 0, null, null) { Respondents = 0 };
        }

        var share = (double)count / n;
        return new ProportionSummary(count, n, share, Interval(counts, share)) { Respondents = respondents };
    }

    /// <summary>The cluster-robust variance of the pooled share (n/(n − 1) Σ (f − p m)² / M², n respondents, M answers).</summary>
    public static double Variance(ClusteredCounts counts)
    {
        var p = (double)counts.Successes / counts.Answers;
        var squares = counts.SuccessesSquared - (2 * p * counts.SuccessesTimesAnswers) + (p * p * counts.AnswersSquared);
        var n = (double)counts.Respondents;
        return n / (n - 1) * Math.Max(0, squares) / ((double)counts.Answers * counts.Answers);
    }

    private static Interval? Interval(ClusteredCounts counts, double share)
    {
        if (counts.Respondents < 2)
        {
            return null;
        }

        if (counts.Successes == 0 || counts.Successes == counts.Answers)
        {
            return ClopperPearson(counts.Successes == 0 ? 0 : counts.Respondents, counts.Respondents);
        }

        var variance = Variance(counts);
        var effective = variance > 0 ? share * (1 - share) / variance : double.PositiveInfinity;
        var df = Descriptive.TQuantile(counts.Answers - 1) / Descriptive.TQuantile(counts.Respondents - 1);
        effective = Math.Min(effective * df * df, counts.Answers);
        return new Interval(
            BetaQuantile(effective * share, (effective * (1 - share)) + 1, Alpha / 2),
            BetaQuantile((effective * share) + 1, effective * (1 - share), 1 - (Alpha / 2)));
    }

    /// <summary>
    /// The p quantile of Beta(a, b): Newton's method on the regularized incomplete beta function, kept inside a
    /// bracket that halves whenever a step would leave it. MathNet's Beta.InvCDF finds the same root by Brent's method
    /// to 1e-12 but needs several times as many evaluations, and a campaign asks for two per unit, scale and share.
    /// </summary>
    private static double BetaQuantile(double a, double b, double p)
    {
        double low = 0, high = 1;
        var logBeta = SpecialFunctions.BetaLn(a, b);
        // Start from the normal approximation to the beta, inside the bracket.
        var mean = a / (a + b);
        var sd = Math.Sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
        var x = Math.Clamp(mean + (Normal.InvCDF(0, 1, p) * sd), 1e-12, 1 - 1e-12);
        for (var i = 0; i < 100; i++)
        {
            var error = SpecialFunctions.BetaRegularized(a, b, x) - p;
            if (error > 0)
            {
                high = x;
            }
            else
            {
                low = x;
            }

            var density = Math.Exp(((a - 1) * Math.Log(x)) + ((b - 1) * Math.Log(1 - x)) - logBeta);
            var next = density > 0 ? x - (error / density) : double.NaN;
            if (!(next > low && next < high))
            {
                next = (low + high) / 2;
            }

            if (Math.Abs(next - x) < 1e-15 || high - low < 1e-15)
            {
                return next;
            }

            x = next;
        }

        return x;
    }

    /// <summary>The exact binomial interval for x of n (R's binom.test).</summary>
    private static Interval ClopperPearson(long x, long n) => new(
        x == 0 ? 0 : BetaQuantile(x, n - x + 1, Alpha / 2),
        x == n ? 1 : BetaQuantile(x + 1, n - x, 1 - (Alpha / 2)));
}
