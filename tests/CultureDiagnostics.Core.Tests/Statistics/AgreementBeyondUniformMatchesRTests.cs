using System.Text.Json;
using CultureDiagnostics.Core.Statistics;
using static CultureDiagnostics.Core.Tests.Statistics.PsychologicalSafetyReference;

namespace CultureDiagnostics.Core.Tests.Statistics;

/// <summary>
/// Reference/agreement-beyond-uniform: agreement that can tell teams apart, from make-expected.R on the
/// psychological-safety data. rwg(j) against the slightly skewed null and AD(M)(J) (multilevel::ad.m) are exact, to
/// 1e-9. The rwg(j) that 95% of random teams reach is simulated on both sides (multilevel::rwg.j.sim with 10,000 teams;
/// the platform's own 10,000; above 50 members a gamma approximation), so the two estimates of the same quantile may
/// differ by simulation error. The standard error of the difference is √2 times R's, taken from the order statistics'
/// 95% interval R gives; each of the 27 comparisons is allowed 4.2 of them, Bonferroni's bound for a 0.1% chance that
/// any of them fails by simulation error alone (z = 4.13 for 0.001 / 27, two-sided). The mean of the 25 standardised
/// differences is about 0.1: no bias.
/// </summary>
public sealed class AgreementBeyondUniformMatchesRTests
{
    private static readonly JsonElement Expected = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "agreement-beyond-uniform", "expected.json"))).RootElement;

    [Fact]
    public void TheSlightlySkewedNullIsKozlowskiAndHultsForFiveOptionsAndTheSameShapeForOthers()
    {
        foreach (var null_ in Expected.GetProperty("slight_skew").EnumerateArray())
        {
            var options = null_.GetProperty("options").GetInt32();
            var shares = null_.GetProperty("shares").EnumerateArray().Select(s => s.GetDouble()).ToArray();
            var actual = Agreement.SlightlySkewedNull(options);
            Assert.Equal(shares.Length, actual.Length);
            for (var k = 0; k < options; k++)
            {
                Close(shares[k], actual[k], $"share of answer {k + 1} of {options}");
            }

            Close(null_.GetProperty("variance").GetDouble(), Agreement.SlightlySkewedNullVariance(options), $"variance for {options} options");
        }

        Close(1.34, Agreement.SlightlySkewedNullVariance(5), "LeBreton and Senter's slight skew on five points");
    }

    [Fact]
    public void EachTeamsRwgJAgainstTheSkewedNullAndItsAverageDeviationAreRs()
    {
        var teams = Expected.GetProperty("teams").EnumerateArray().ToList();
        Assert.Equal(30, teams.Count);
        foreach (var team in teams)
        {
            var id = team.GetProperty("team").GetInt32();
            var actual = Team(id);
            Assert.Equal(team.GetProperty("scored").GetInt32(), actual.ScaleScore.N);
            Close(Number(team, "rwg_j_slight_skew"), actual.RwgJSlightSkew, $"team {id} rwg(j) against the skewed null");
            Close(Number(team, "ad_m_j_listwise"), actual.AdMJListwise, $"team {id} AD(M)(J)");
        }
    }

    [Fact]
    public void AgainstTheSkewedNullATeamAgreesLessThanAgainstTheUniformOne()
    {
        var compared = Result.Groups.Where(g => g.RwgJ is not null).ToList();
        Assert.All(compared, g => Assert.True(g.RwgJSlightSkew <= g.RwgJ, $"team {g.Label}"));
        Assert.Contains(compared, g => g.RwgJSlightSkew < g.RwgJ - 0.05);
    }

    [Fact]
    public void TheRwgJRandomTeamsReachIsRsSimulatedNullWithinSimulationError()
    {
        var limits = Expected.GetProperty("chance").EnumerateArray().ToList();
        Assert.True(limits.Count >= 20);
        foreach (var limit in limits)
        {
            var (size, items, options) = (limit.GetProperty("gsize").GetInt32(), limit.GetProperty("nitems").GetInt32(), limit.GetProperty("nresp").GetInt32());
            var r = limit.GetProperty("rwg_95").GetDouble();
            var standardError = (limit.GetProperty("rwg_95_high").GetDouble() - limit.GetProperty("rwg_95_low").GetDouble()) / (2 * 1.96);
            var allowed = Math.Max(4.2 * Math.Sqrt(2) * standardError, 1e-9);
            var actual = AgreementByChance.RwgJ95(size, items, options);
            Assert.NotNull(actual);
            Assert.True(Math.Abs(actual.Value - r) <= allowed, $"{size} people, {items} items, {options} options: {actual:0.0000} against R's {r:0.0000} (allowed {allowed:0.0000})");
        }
    }

    [Fact]
    public void TheLimitFallsAsTeamsGrowAndIsTheSameEveryTime()
    {
        var small = AgreementByChance.RwgJ95(5, 7, 7)!.Value;
        var large = AgreementByChance.RwgJ95(40, 7, 7)!.Value;
        Assert.True(small > large);
        Assert.Equal(small, AgreementByChance.RwgJ95(5, 7, 7));
        Assert.Null(AgreementByChance.RwgJ95(1, 7, 7));
    }

    [Fact]
    public void ATeamsReadingSaysWhetherItsAgreementIsBeyondChanceAndBeyondTheLeanTowardsAgreeing()
    {
        Assert.StartsWith("no more agreement than random answers", Agreement.TeamReading(0.80, 0.60, 0.85));
        Assert.StartsWith("members agree beyond chance, even allowing", Agreement.TeamReading(0.95, 0.90, 0.60));
        Assert.StartsWith("members agree beyond chance, but not once", Agreement.TeamReading(0.80, 0.60, 0.60));
        Assert.StartsWith("members agree more than chance would give, but weakly", Agreement.TeamReading(0.65, 0.40, 0.50));
        Assert.Null(Agreement.TeamReading(null, null, 0.5));
    }

    [Fact]
    public void AverageDeviationIsTheMeanDistanceFromTheMean()
    {
        // Answers 1, 1, 4 on a 1..5 scale: mean 2, deviations 1, 1, 2.
        Close(4.0 / 3, Agreement.AverageDeviation([2, 0, 0, 1, 0], 1), "AD(M)");
        Assert.True(double.IsNaN(Agreement.AverageDeviation([1, 0, 0, 0, 0], 1)));
        Close(7 / 6.0, Agreement.AverageDeviationLimit(7), "c/6");
    }
}
