using CultureDiagnostics.Core.Spc;

namespace CultureDiagnostics.Core.Tests.Spc;

public class XmrChartBehaviourTests
{
    private static readonly double[] Steady = [10, 11, 9, 10, 12, 10, 9, 11, 10, 10, 11, 9];

    [Fact]
    public void EmptySeriesHasNoPointsAndNoVariation()
    {
        var result = XmrChart.Analyse([], new SpcOptions(ImprovementDirection.Increase, Target: 5));

        Assert.Empty(result.Points);
        Assert.Null(result.LastPointVariation);
        Assert.Null(result.Assurance);
    }

    [Fact]
    public void SinglePointHasAMeanButNoLimitsAndIsCommonCause()
    {
        var result = XmrChart.Analyse([7], new SpcOptions(ImprovementDirection.Increase, Target: 5));
        var point = Assert.Single(result.Points);

        Assert.Equal(7, point.Mean);
        Assert.Null(point.Lpl);
        Assert.Null(point.Upl);
        Assert.Equal(PointTypes.CommonCause, point.PointType);
        Assert.Null(result.Assurance);
    }

    [Fact]
    public void RebaseAtSeveralPointsGivesEachSegmentItsOwnMeanAndLimits()
    {
        double[] values = [.. Steady[..6], .. Steady[..6].Select(v => v + 20), .. Steady[..6].Select(v => v + 40)];
        var result = XmrChart.Analyse(values, new SpcOptions(ImprovementDirection.Increase, RebaseAtIndex: [7, 13]));

        Assert.Equal(10.333333333333334, result.Points[0].Mean, 12);
        Assert.Equal(30.333333333333334, result.Points[6].Mean, 12);
        Assert.Equal(50.333333333333336, result.Points[12].Mean, 12);
        Assert.Equal(result.Points[0].Upl!.Value + 40, result.Points[17].Upl!.Value, 9);
        Assert.All(result.Points, p => Assert.Equal(PointTypes.CommonCause, p.PointType));
    }

    [Fact]
    public void WithoutRebaseTheSameStepsAreSpecialCause()
    {
        double[] values = [.. Steady[..6], .. Steady[..6].Select(v => v + 20), .. Steady[..6].Select(v => v + 40)];
        var result = XmrChart.Analyse(values, new SpcOptions(ImprovementDirection.Increase));

        Assert.Equal(PointTypes.Concern, result.Points[0].PointType);
        Assert.Equal(PointTypes.Improvement, result.Points[17].PointType);
    }

    [Fact]
    public void RebaseOutsideTheSeriesIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => XmrChart.Analyse(Steady, new SpcOptions(ImprovementDirection.Increase, RebaseAtIndex: [0])));

    [Fact]
    public void NeutralSeriesReportsHighAndLowAndNoAssurance()
    {
        double[] values = [.. Steady, 40];
        var result = XmrChart.Analyse(values, new SpcOptions(ImprovementDirection.Neutral, Target: 10));

        Assert.Equal(PointTypes.NeutralHigh, result.Points[^1].PointType);
        Assert.Equal(SpecialCauseTypes.AboveUcl, result.Points[^1].SpecialCauseType);
        Assert.Null(result.Assurance);
    }

    [Theory]
    [InlineData(ImprovementDirection.Increase, 100, AssuranceTypes.ConsistentFail)]
    [InlineData(ImprovementDirection.Increase, 0, AssuranceTypes.ConsistentPass)]
    [InlineData(ImprovementDirection.Decrease, 100, AssuranceTypes.ConsistentPass)]
    [InlineData(ImprovementDirection.Decrease, 0, AssuranceTypes.ConsistentFail)]
    [InlineData(ImprovementDirection.Decrease, 10, AssuranceTypes.Inconsistent)]
    public void TargetBeyondTheLimitsIsConsistentlyMetOrMissed(ImprovementDirection direction, double target, string expected) =>
        Assert.Equal(expected, XmrChart.Analyse(Steady, new SpcOptions(direction, target)).Assurance);

    [Fact]
    public void PointOnTheMeanBreaksARunOnOneSide()
    {
        // six above, one on the mean, six above: no run of seven
        Assert.DoesNotContain(true, SpcRules.PartOfRunOnOneSide([1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1]));
        Assert.All(SpcRules.PartOfRunOnOneSide([1, 1, 1, 1, 1, 1, 1]), Assert.True);
    }

    [Fact]
    public void TieBreaksATrend()
    {
        Assert.DoesNotContain(true, SpcRules.PartOfTrend([1, 2, 3, 3, 4, 5, 6, 7]));
        Assert.All(SpcRules.PartOfTrend([1, 2, 3, 4, 5, 6, 7]), Assert.True);
    }

    [Fact]
    public void TwoNearLimitPointsOnOppositeSidesAreNotASignal()
    {
        Assert.DoesNotContain(true, SpcRules.PartOfTwoInThree([true, false, true], [1, 1, -1]));
        Assert.Equal([true, false, true], SpcRules.PartOfTwoInThree([true, false, true], [1, 1, 1]));
    }
}
