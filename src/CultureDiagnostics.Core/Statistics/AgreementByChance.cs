using System.Collections.Concurrent;

namespace CultureDiagnostics.Core.Statistics;

/// <summary>
/// How much agreement chance alone gives: the rwg(j) that 95% of teams of the same size stay at or below when every
/// member answers every item at random, each answer equally likely (the simulated null of multilevel::rwg.j.sim; Cohen,
/// Doveh &amp; Nahum-Shani 2009). rwg(j) over many items is high even for random answers, so a team's rwg(j) is beyond
/// chance only above this value.
/// </summary>
/// <remarks>
/// Teams of up to <see cref="SimulatedUpTo"/> are simulated: each of <see cref="SimulatedTeams"/> teams is
/// <c>teamSize</c> members answering each item independently and uniformly, as rwg.j.sim does, and its rwg(j) is computed
/// as the platform computes a team's. The generator is seeded from the size, items and options, so a value never changes
/// between runs or machines. In larger teams the mean item variance is close to its large-sample form and simulating
/// would be slow (a team of 200 on seven items is 14 million answers), so the limit comes from a gamma distribution with
/// the mean item variance's exact mean and variance under the null (Satterthwaite's approximation): within simulation
/// error of R's rwg.j.sim at 60, 100 and 200 members. Values are kept for the life of the process.
/// </remarks>
public static class AgreementByChance
{
    /// <summary>Teams simulated for each size, items and options, as the literature's 10,000.</summary>
    public const int SimulatedTeams = 10_000;

    /// <summary>The share of random teams at or below the published limit.</summary>
    public const double Level = 0.95;

    /// <summary>The largest team simulated; larger ones use the gamma approximation.</summary>
    public const int SimulatedUpTo = 50;

    private static readonly ConcurrentDictionary<(int Size, int Items, int Options), double> Limits = new();

    /// <summary>
    /// The rwg(j) against the uniform null that 95% of random teams of <paramref name="teamSize"/> stay at or below on a
    /// scale of <paramref name="items"/> items with <paramref name="options"/> answers; null for a team of fewer than two.
    /// </summary>
    public static double? RwgJ95(int teamSize, int items, int options)
    {
        if (teamSize < 2 || items < 1 || options < 2)
        {
            return null;
        }

        return Limits.GetOrAdd((teamSize, items, options), key => key.Size <= SimulatedUpTo
            ? Simulate(key.Size, key.Items, key.Options)
            : Approximate(key.Size, key.Items, key.Options));
    }

    /// <summary>
    /// The limit for a large team: the mean S of J independent item variances has mean σ² and variance Var(s²)/J, where
    /// Var(s²) = μ₄/n − σ⁴(n − 3)/(n(n − 1)) and, for answers uniform on A options, σ² = (A² − 1)/12 and
    /// μ₄ = (A² − 1)(3A² − 7)/240. S is read as a gamma variable with that mean and variance; rwg(j) falls as S rises, so
    /// the rwg(j) 95% of random teams stay at or below is rwg(j) at S's 5th percentile.
    /// </summary>
    private static double Approximate(int size, int items, int options)
    {
        var a2 = options * (double)options;
        var variance = Agreement.UniformNullVariance(options);
        var fourthMoment = (a2 - 1) * ((3 * a2) - 7) / 240;
        var varianceOfMean = ((fourthMoment / size) - (variance * variance * (size - 3.0) / (size * (size - 1.0)))) / items;
        var fifth = MathNet.Numerics.Distributions.Gamma.InvCDF(variance * variance / varianceOfMean, variance / varianceOfMean, 1 - Level);
        return Agreement.RwgJ(fifth, variance, items);
    }

    private static double Simulate(int size, int items, int options)
    {
        var nullVariance = Agreement.UniformNullVariance(options);
        var random = new Xoshiro(Seed(size, items, options));
        var rwg = new double[SimulatedTeams];
        for (var t = 0; t < rwg.Length; t++)
        {
            double variances = 0;
            for (var j = 0; j < items; j++)
            {
                long sum = 0, square = 0;
                for (var r = 0; r < size; r += 2)
                {
                    // Two answers from each 64-bit draw; a team of odd size leaves the second unused.
                    var (first, second) = random.TwoBelow(options);
                    sum += first;
                    square += first * first;
                    if (r + 1 < size)
                    {
                        sum += second;
                        square += second * second;
                    }
                }

                variances += ((size * square) - (sum * sum)) / (size * (size - 1.0));
            }

            rwg[t] = Agreement.RwgJ(variances / items, nullVariance, items);
        }

        Array.Sort(rwg);

        // The smallest simulated value that at least 95% of the teams are at or below (R's quantile type 1).
        return rwg[(int)Math.Ceiling(Level * rwg.Length) - 1];
    }

    private static ulong Seed(int size, int items, int options) =>
        0x9E3779B97F4A7C15UL ^ ((ulong)size << 40) ^ ((ulong)items << 20) ^ (ulong)options;

    /// <summary>xoshiro256** (Blackman &amp; Vigna), seeded by SplitMix64: fast, and the same sequence everywhere.</summary>
    private struct Xoshiro
    {
        private ulong s0, s1, s2, s3;

        public Xoshiro(ulong seed)
        {
            s0 = SplitMix(ref seed);
            s1 = SplitMix(ref seed);
            s2 = SplitMix(ref seed);
            s3 = SplitMix(ref seed);
        }

        /// <summary>
        /// Two whole numbers from 0 to <paramref name="bound"/> − 1, from the two halves of one draw (Lemire's multiply;
        /// its bias, below 2⁻³², is immaterial here).
        /// </summary>
        public (long First, long Second) TwoBelow(int bound)
        {
            var next = Next();
            return ((long)(((next >> 32) * (ulong)bound) >> 32), (long)(((next & 0xFFFFFFFFUL) * (ulong)bound) >> 32));
        }

        private ulong Next()
        {
            var result = ulong.RotateLeft(s1 * 5, 7) * 9;
            var t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = ulong.RotateLeft(s3, 45);
            return result;
        }

        private static ulong SplitMix(ref ulong state)
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
