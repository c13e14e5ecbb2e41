using System.Text.Json;
using CultureDiagnostics.Core.Statistics;
using static CultureDiagnostics.Core.Tests.Statistics.PsychologicalSafetyReference;

namespace CultureDiagnostics.Core.Tests.Statistics;

/// <summary>Every value in psychological-safety/expected.json, reproduced to 1e-9.</summary>
public class ScaleAnalysisMatchesRTests
{
    public static TheoryData<int> Teams()
    {
        var data = new TheoryData<int>();
        foreach (var team in Expected.GetProperty("teams").EnumerateArray())
        {
            data.Add(team.GetProperty("team").GetInt32());
        }

        return data;
    }

    public static TheoryData<string> Items()
    {
        var data = new TheoryData<string>();
        foreach (var item in Expected.GetProperty("items").EnumerateArray())
        {
            data.Add(item.GetProperty("item").GetString()!);
        }

        return data;
    }

    [Fact]
    public void AlphaStandardisedAlphaAndAverageCorrelationMatchPsychAlpha()
    {
        var expected = Expected.GetProperty("alpha");
        Close(Number(expected, "raw"), Result.Alpha.Raw, "raw");
        Close(Number(expected, "std"), Result.Alpha.Standardised, "std");
        Close(Number(expected, "average_r"), Result.Alpha.AverageR, "average_r");
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void ItemRDropAndAlphaIfDeletedMatchPsychAlpha(string item)
    {
        var expected = Expected.GetProperty("alpha").GetProperty("items").EnumerateArray().Single(e => e.GetProperty("item").GetString() == item);
        var actual = Result.Alpha.Items.Single(i => i.Item == item);
        Close(Number(expected, "r_drop"), actual.RDrop, $"{item} r_drop");
        Close(Number(expected, "alpha_if_deleted"), actual.AlphaIfDeleted, $"{item} alpha_if_deleted");
    }

    [Fact]
    public void IccFromOneWayAnovaOfScaleScoreOnTeamMatchesR()
    {
        var expected = Expected.GetProperty("icc");
        var icc = Result.Icc!;
        Close(Number(expected, "msb"), icc.Msb, "msb");
        Close(Number(expected, "msw"), icc.Msw, "msw");
        // ICC(1) uses k0, the group size of an unbalanced design, rather than multilevel's N/J: its values come from
        // Reference/icc-unbalanced (make-expected.R, from R's aov on the same responses).
        var unbalanced = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "icc-unbalanced", "expected.json"))).RootElement;
        Close(Number(unbalanced, "k0"), icc.K, "k0");
        Close(Number(unbalanced, "icc1_k0"), icc.Icc1, "icc1 with k0");
        Close(Number(unbalanced, "msb"), icc.Msb, "msb (R's aov)");
        Close(Number(expected, "icc2"), icc.Icc2, "icc2");
    }

    [Fact]
    public void ScaleScoreMeanAndTIntervalMatchTTest()
    {
        var expected = Expected.GetProperty("scale_score_mean_ci95");
        Close(Number(expected, "mean"), Result.ScaleScore.Mean, "mean");
        Close(Number(expected, "low"), Result.ScaleScore.MeanCi95?.Low, "low");
        Close(Number(expected, "high"), Result.ScaleScore.MeanCi95?.High, "high");
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void ItemCountsFavourableShareWilsonIntervalMeanAndSdMatchR(string item)
    {
        var expected = Expected.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("item").GetString() == item);
        var actual = Result.Items.Single(i => i.Item == item);
        Assert.Equal(expected.GetProperty("n").GetInt32(), actual.N);
        Assert.Equal(expected.GetProperty("favourable").GetInt32(), actual.Favourable.Count);
        Close(Number(expected, "percent"), actual.Favourable.Share, "percent");
        Close(Number(expected, "wilson_low"), actual.Favourable.Ci95?.Low, "wilson_low");
        Close(Number(expected, "wilson_high"), actual.Favourable.Ci95?.High, "wilson_high");
        Close(Number(expected, "mean"), actual.Mean, "mean");
        Close(Number(expected, "sd"), actual.Sd, "sd");
    }

    [Theory]
    [MemberData(nameof(Teams))]
    public void TeamScoreAndAgreementIndicesMatchMultilevel(int team)
    {
        var expected = Expected.GetProperty("teams").EnumerateArray().Single(e => e.GetProperty("team").GetInt32() == team);
        var actual = Team(team);
        Assert.Equal(expected.GetProperty("n").GetInt32(), actual.ScaleScore.N);
        Close(Number(expected, "mean"), actual.ScaleScore.Mean, "mean");
        Close(Number(expected, "sd"), actual.ScaleScore.Sd, "sd");
        Close(Number(expected, "rwg_j"), actual.RwgJ, "rwg_j");
        Close(Number(expected, "rwg_j_listwise"), actual.RwgJListwise, "rwg_j_listwise");
        Close(Number(expected, "awg_listwise"), actual.AwgListwise, "awg_listwise");
        Close(Number(expected, "rwg_scale_score"), actual.RwgScaleScore, "rwg_scale_score");
    }

    [Fact]
    public void MannWhitneyBetweenTheTwoLargestTeamsMatchesWilcoxTest()
    {
        var expected = Expected.GetProperty("mann_whitney");
        var largest = Result.Groups.OrderByDescending(g => g.ScaleScore.N).Take(2).ToArray();
        Assert.Equal(expected.GetProperty("team_a").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), largest[0].Label);
        Assert.Equal(expected.GetProperty("team_b").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), largest[1].Label);
        var test = Result.CompareGroups(largest[0].Group, largest[1].Group)!;
        Close(Number(expected, "W"), test.W, "W");
        Close(Number(expected, "p"), test.P, "p");
    }

    [Fact]
    public void KruskalWallisOfScaleScoreByTeamMatchesKruskalTest()
    {
        var expected = Expected.GetProperty("kruskal_wallis");
        Close(Number(expected, "H"), Result.KruskalWallis.H, "H");
        Assert.Equal(expected.GetProperty("df").GetInt32(), Result.KruskalWallis.Df);
        Close(Number(expected, "p"), Result.KruskalWallis.P, "p");
    }

    [Fact]
    public void HalfAnsweredRuleLeavesEveryReferenceRespondentScored()
    {
        // The reference defines the score as the mean of answered items; the half rule must not drop anyone here.
        Assert.Equal(Data.RespondentCount, Result.ScaleScores.Count(s => !double.IsNaN(s)));
        Assert.Equal(4, Result.MinimumAnswered);
    }
}
