using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Core.Tests.Statistics;

public class EdgeCaseBehaviourTests
{
    private static ScaleDataSet Data(int[] groups, double[] answers, string[]? labels = null, int items = 3) => new(
        Enumerable.Range(1, items).Select(i => $"q{i}").ToArray(),
        1,
        5,
        new bool[items],
        labels ?? ["a", "b"],
        groups,
        answers);

    [Fact]
    public void ReverseKeyedAnswerIsMirroredOnTheNominalScale()
    {
        Assert.Equal(7, Scoring.Reverse(1, 1, 7));
        Assert.Equal(4, Scoring.Reverse(4, 1, 7));
        Assert.Equal(1, Scoring.Reverse(5, 1, 5));
    }

    [Fact]
    public void ScaleScoreNeedsAtLeastHalfTheItemsAnswered()
    {
        Assert.Equal(4, Scoring.MinimumAnswered(7));
        Assert.Equal(2, Scoring.MinimumAnswered(4));
        Assert.Equal(4.0, Scoring.ScaleScore([4, 4, 4, 4, double.NaN, double.NaN, double.NaN]));
        Assert.Null(Scoring.ScaleScore([4, 4, 4, double.NaN, double.NaN, double.NaN, double.NaN]));
        Assert.Null(Scoring.ScaleScore([double.NaN, double.NaN]));
    }

    [Fact]
    public void RespondentBelowTheHalfRuleIsLeftOutOfScaleStatisticsButNotItemStatistics()
    {
        var nan = double.NaN;
        var result = ScaleAnalysis.Analyse(Data([0, 0, 0], [1, 2, 3, 2, 3, 4, 5, nan, nan], ["a"]));

        Assert.True(double.IsNaN(result.ScaleScores[2]));
        Assert.Equal(2, result.ScaleScore.N);
        Assert.Equal(3, result.Items[0].N);
    }

    [Fact]
    public void LooserAnsweredRuleCanBePassedAsAParameter()
    {
        var nan = double.NaN;
        var result = ScaleAnalysis.Analyse(Data([0, 0, 0], [1, 2, 3, 2, 3, 4, 5, nan, nan], ["a"]), minimumAnswered: 1);

        Assert.Equal(5, result.ScaleScores[2]);
        Assert.Equal(3, result.ScaleScore.N);
    }

    [Fact]
    public void EmptyGroupHasNoStatisticsRatherThanNaN()
    {
        var result = ScaleAnalysis.Analyse(Data([0, 0], [1, 2, 3, 2, 3, 4]));
        var empty = result.Groups[1];

        Assert.Equal(0, empty.ScaleScore.N);
        Assert.Null(empty.ScaleScore.Mean);
        Assert.Null(empty.RwgJ);
        Assert.Null(empty.RwgScaleScore);
        Assert.Equal(0, empty.Items[0].N);
        Assert.Null(empty.Items[0].Mean);
        Assert.Null(empty.Items[0].Favourable.Share);
        Assert.Null(empty.Items[0].Favourable.Ci95);
    }

    [Fact]
    public void GroupOfOneHasAMeanButNoSpreadIntervalOrAgreement()
    {
        var result = ScaleAnalysis.Analyse(Data([0, 1, 1], [5, 5, 5, 1, 2, 3, 2, 3, 4]));
        var one = result.Groups[0];

        Assert.Equal(5, one.ScaleScore.Mean);
        Assert.Equal(5, one.ScaleScore.Median);
        Assert.Null(one.ScaleScore.Sd);
        Assert.Null(one.ScaleScore.MeanCi95);
        Assert.Null(one.RwgJ);
        Assert.Null(one.RwgJListwise);
        Assert.Null(one.AwgListwise);
        Assert.Null(one.RwgScaleScore);
    }

    [Fact]
    public void IdenticalAnswersGiveZeroSdAnIntervalHonestAboutHowManyAnsweredAndFullAgreement()
    {
        var result = ScaleAnalysis.Analyse(Data([0, 0, 0], [3, 3, 3, 3, 3, 3, 3, 3, 3], ["a"]));
        var group = result.Groups[0];

        Assert.Equal(0, group.ScaleScore.Sd);
        // Not [3, 3]: three people agreeing leave room for up to 1 − 0.025^(1/3) of the population to differ.
        var differing = 1 - Math.Pow(0.025, 1.0 / 3);
        var interval = group.ScaleScore.MeanCi95!.Value;
        Assert.Equal(3 - (differing * 2), interval.Low, 12);
        Assert.Equal(3 + (differing * 2), interval.High, 12);
        Assert.Equal(0, result.Items[0].Sd);
        Assert.Equal(1, group.RwgJ);
        Assert.Equal(1, group.RwgScaleScore);
        Assert.Equal(1, group.AwgListwise);
        Assert.Equal(1.0, result.ShareOfGroupsAgreeing);
    }

    [Fact]
    public void ItemSummaryGivesMedianDistributionAndBothTopTwoShares()
    {
        var summary = ItemSummary.FromCounts("q", [1, 0, 2, 3, 4], 1);

        Assert.Equal(10, summary.N);
        Assert.Equal(4, summary.Median);
        Assert.Equal([1, 0, 2, 3, 4], summary.Distribution);
        Assert.Equal(7, summary.Favourable.Count);
        Assert.Equal(0.7, summary.Favourable.Share);
        Assert.Equal(1, summary.Unfavourable.Count);
        Assert.NotNull(summary.Unfavourable.Ci95);
    }

    [Fact]
    public void MedianOfCountsInterpolatesLikeRType7()
    {
        Assert.Equal(2.5, Descriptive.MedianOfCounts([0, 1, 1, 0], 1));
        Assert.Equal(Descriptive.MedianOfSorted([1.0, 2, 2, 4]), Descriptive.MedianOfCounts([1, 2, 0, 1], 1));
        Assert.Equal(1.75, Descriptive.QuantileOfSorted([1.0, 2, 3, 4], 0.25));
    }

    [Fact]
    public void WilsonAtZeroPercentStartsAtZeroAndStaysAboveIt()
    {
        var ci = Proportions.Wilson(0, 20)!.Value;

        Assert.Equal(0, ci.Low);
        Assert.True(ci.High is > 0.1 and < 0.2); // prop.test(0, 20, correct = FALSE): 0 to 0.1611
        Assert.Equal(0.16112515, ci.High, 7);
    }

    [Fact]
    public void WilsonAtHundredPercentEndsAtOne()
    {
        var ci = Proportions.Wilson(20, 20)!.Value;

        Assert.Equal(1, ci.High);
        Assert.Equal(1 - 0.16112515, ci.Low, 7);
    }

    [Fact]
    public void WilsonOfNoAnswersIsNull() => Assert.Null(Proportions.Wilson(0, 0));

    [Fact]
    public void KruskalWallisWithEveryValueTiedHasNoStatistic()
    {
        var result = RankTests.KruskalWallis([2, 2, 2, 2], [0, 0, 1, 1], 2);

        Assert.Equal(1, result.Df);
        Assert.Null(result.H);
        Assert.Null(result.P);
    }

    [Fact]
    public void KruskalWallisWithOneGroupHasNoStatistic()
    {
        var result = RankTests.KruskalWallis([1, 2, 3], [0, 0, 0], 2);

        Assert.Null(result.H);
    }

    [Fact]
    public void KruskalWallisEpsilonSquaredIsHOverNMinusOne()
    {
        var result = RankTests.KruskalWallis([1, 2, 3, 4, 5, 6], [0, 0, 0, 1, 1, 1], 2);

        Assert.Equal(result.H!.Value / 5, result.EpsilonSquared!.Value, 12);
        Assert.Equal(3.857142857142857, result.H.Value, 12); // kruskal.test(1:6, rep(1:2, each = 3))
    }

    [Fact]
    public void MannWhitneyWithEveryValueTiedHasWButNoPValue()
    {
        var result = RankTests.MannWhitney([3, 3, 3], [3, 3]);

        Assert.Equal(3, result.W);
        Assert.Null(result.P);
        Assert.Equal(0, result.RankBiserial);
    }

    [Fact]
    public void MannWhitneyRankBiserialIsOneWhenTheFirstGroupIsAlwaysHigher()
    {
        var result = RankTests.MannWhitney([4, 5, 6], [1, 2, 3]);

        Assert.Equal(9, result.W);
        Assert.Equal(1, result.RankBiserial);
        // z = (9 − 4.5 − 0.5) / sqrt(9/12 · 7); p = erfc(z / √2)
        Assert.Equal(0.0808555983700523, result.P!.Value, 12);
    }

    [Fact]
    public void WelchIntervalMatchesTTest()
    {
        // 1..4 against 2, 4, .., 10: Welch–Satterthwaite df 5.5208, interval symmetric about −3.5
        var d = MeanComparison.Welch(2.5, Math.Sqrt(5.0 / 3), 4, 6, Math.Sqrt(10), 5)!;

        Assert.Equal(-3.5, d.Difference, 12);
        Assert.Equal(5.520787746170677, d.Df, 10);
        var half = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, d.Df, 0.975) * Math.Sqrt((5.0 / 3 / 4) + 2);
        Assert.Equal(-3.5 - half, d.Ci95.Low, 12);
        Assert.Equal(-3.5 + half, d.Ci95.High, 12);
        Assert.True(d.Ci95.Low < -7 && d.Ci95.High > 0); // qt(.975, 5.52) ≈ 2.5 gives about −7.39..0.39
    }

    [Fact]
    public void WelchNeedsTwoValuesOnEachSide() =>
        Assert.Null(MeanComparison.Welch(3, 1, 1, 4, 1, 10));

    [Fact]
    public void AnswerOffTheScaleIsRejectedByTheDataSet() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Data([0], [1, 2, 6]));

    [Fact]
    public void IccTwoIsNullWhenTeamsDoNotDifferAtAll()
    {
        // Two teams with the same mean: MSB = 0, so ICC(2) = (MSB − MSW)/MSB is undefined, not −∞.
        var icc = Agreement.Icc([2, 2], [3.0, 3.0], withinSumOfSquares: 4)!;

        Assert.Equal(0, icc.Msb);
        Assert.Null(icc.Icc2);
        // MSW = 4 / (4 − 2) = 2 and k = 2, so ICC(1) = (0 − 2) / (0 + 1 × 2) = −1.
        Assert.Equal(-1.0, icc.Icc1!.Value, 12);
    }

    [Fact]
    public void IccIsNullEverywhereWhenEveryAnswerIsTheSame()
    {
        var icc = Agreement.Icc([2, 3], [4.0, 4.0], withinSumOfSquares: 0)!;
        Assert.Null(icc.Icc1);
        Assert.Null(icc.Icc2);
    }
}

public class ReliabilityWithoutVarianceTests
{
    [Fact]
    public void CovariancesThatCancelExactlyGiveNoAlphaRatherThanAHugeOne()
    {
        // 0.1 + 0.2 is 0.30000000000000004 in floating point: the total, exactly 0, comes out as about 5.6e-17.
        var covariance = new[,] { { 0.1 + 0.2, -0.3 }, { -0.3, 0.3 } };

        var result = Reliability.Alpha(covariance, ["q1", "q2"]);

        Assert.Null(result.Raw);
    }

    [Fact]
    public void AnOrdinaryScaleStillHasItsAlpha()
    {
        var covariance = new[,] { { 1.0, 0.5 }, { 0.5, 1.0 } };

        var result = Reliability.Alpha(covariance, ["q1", "q2"]);

        Assert.Equal(2.0 / 3.0, result.Raw!.Value, 12);
    }
}

public class TeamsAgreeingTests
{
    [Fact]
    public void TeamsMeetingRwgJCountOnlyTeamsWhoseOwnAgreementIsPublished()
    {
        // Three teams of four, two items on 1..5: every team has an rwg(j).
        var answers = new double[] { 4, 4, 4, 5, 5, 4, 4, 4, 1, 5, 5, 1, 2, 4, 4, 2, 3, 3, 3, 3, 3, 3, 3, 3 };
        var data = new ScaleDataSet(["q1", "q2"], 1, 5, [false, false], ["a", "b", "c"], [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2], answers);
        var analysis = ScaleAnalysis.Analyse(data);
        Assert.Equal(3, analysis.GroupsWithRwgJ);

        var across = AcrossGroups.Over(analysis, [0, 1, 2], [0, 2]);

        Assert.Equal(2, across.GroupsWithRwgJ);
        Assert.Equal(analysis.Icc!.Icc1, across.Icc!.Icc1);
    }
}
