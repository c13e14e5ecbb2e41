using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Disclosure;

namespace CultureDiagnostics.Core.Tests.Disclosure;

/// <summary>Attempts through demographic breakdowns, filters and comments (score threshold 5, comment threshold 10).</summary>
public sealed class SegmentAttackTests
{
    private const int N = 5;

    [Fact]
    public void ADemographicCellOfTwoWithholdsTheWholeBreakdown()
    {
        Assert.False(DisclosureRules.BreakdownShown(20, [10, 8, 2], N));
        Assert.True(DisclosureRules.BreakdownShown(20, [10, 10], N));
    }

    [Fact]
    public void TwoWhoDeclinedTheQuestionCountAsACellOfTheirOwn() =>
        Assert.False(DisclosureRules.BreakdownShown(20, [10, 8], N));

    [Fact]
    public void AnEmptyCategoryDoesNotWithholdTheBreakdown() =>
        Assert.True(DisclosureRules.BreakdownShown(20, [12, 0, 8], N));

    [Fact]
    public void SubtractingATeamsNursesFromTheDirectoratesNursesRevealsNothing()
    {
        // Directorate's own link: 2 nurses, 3 others. Nurses: 12 in D, 10 in team A, so D − A would be 2 nurses.
        GroupCells[] tree = [new("D", null, [2, 3, 0]), new("A", "D", [10, 10, 0])];
        var totals = DisclosureRules.ForTree([new("D", null, 5), new("A", "D", 20)], N);

        var breakdowns = DisclosureRules.ForBreakdowns(tree, N, totals);

        Assert.Equal(HiddenReason.Overlap, breakdowns["A"].Reason);
        Assert.Equal(["12", "13", "fewer than 5"], breakdowns["D"].Cells.Select(c => c.ToString()));
        Assert.Empty(Publication.Leaks(tree, totals, breakdowns, N));
    }

    [Fact]
    public void ABreakdownIsNeverShownForAUnitWhoseTotalIsHidden()
    {
        GroupCells[] tree = [new("D", null, [0, 0]), new("A", "D", [6, 6]), new("B", "D", [5, 0])];
        var totals = DisclosureRules.ForTree(RandomTrees.Totals(tree), 10);

        var breakdowns = DisclosureRules.ForBreakdowns(tree, 10, totals);

        Assert.Equal(HiddenReason.ParentFigureHidden, breakdowns["B"].Reason);
        Assert.Empty(breakdowns["B"].Cells);
    }

    [Fact]
    public void CellsThatDoNotAddUpToTheUnitTotalAreRefused()
    {
        var totals = DisclosureRules.ForTree([new("A", null, 12)], N);
        Assert.Throws<ArgumentException>(() => DisclosureRules.ForBreakdowns([new("A", null, [6, 5])], N, totals));
    }

    [Fact]
    public void AFilteredSegmentTwoSmallerThanItsSegmentIsHidden()
    {
        var nurses = Members(1, 12);
        var youngNurses = Members(1, 10);

        var published = DisclosureRules.SuppressOverlaps([new("nurses", nurses), new("nurses-under-30", youngNurses)], N);

        Assert.True(published["nurses"].Shown);
        Assert.Equal(HiddenReason.Overlap, published["nurses-under-30"].Reason);
    }

    [Fact]
    public void UnitMinusTeamIsHiddenUnlessTheCallerPrefersItThenTheUnitGoes()
    {
        var unit = Members(1, 30);
        var unitWithoutTeam = Members(1, 27);

        var plain = DisclosureRules.SuppressOverlaps([new("unit", unit), new("unit-without-team", unitWithoutTeam)], N);
        var preferred = DisclosureRules.SuppressOverlaps([new("unit", unit), new("unit-without-team", unitWithoutTeam, Preferred: true)], N);

        Assert.Equal((true, false), (plain["unit"].Shown, plain["unit-without-team"].Shown));
        Assert.Equal((false, true), (preferred["unit"].Shown, preferred["unit-without-team"].Shown));
    }

    [Fact]
    public void SegmentsThatDoNotNestMayBothBeShown()
    {
        var published = DisclosureRules.SuppressOverlaps([new("a", Members(1, 12)), new("b", Members(3, 14))], N);
        Assert.True(published["a"].Shown && published["b"].Shown);
    }

    [Theory]
    [InlineData(9, true, false)]
    [InlineData(10, true, true)]
    [InlineData(40, false, false)]
    public void CommentsNeedTheCommentThresholdAndShownScores(int respondents, bool scoresShown, bool expected) =>
        Assert.Equal(expected, DisclosureRules.CommentsShown(respondents, DisclosureThresholds.Default, scoresShown));

    [Fact]
    public void ComparingADirectoratesCommentsWithItsLargeTeamsDoesNotIsolateTheOtherTwo()
    {
        // Comment lists can be subtracted line by line: D's 12 minus A's 10 would be the other 2 people's comments.
        GroupCount[] tree = [new("D", null, 2), new("A", "D", 10)];
        var thresholds = DisclosureThresholds.Default;
        var scores = DisclosureRules.ForTree(tree, thresholds.Scores);

        var comments = DisclosureRules.ForComments(tree, thresholds, scores);

        Assert.Equal((true, false), (comments["D"].Shown, comments["A"].Shown));
    }

    private static HashSet<string> Members(int from, int to) => [.. Enumerable.Range(from, to - from + 1).Select(i => $"r{i}")];
}
