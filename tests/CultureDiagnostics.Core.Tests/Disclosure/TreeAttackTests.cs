using CultureDiagnostics.Core.Disclosure;

namespace CultureDiagnostics.Core.Tests.Disclosure;

/// <summary>Each test is one attempt by a curious manager to single out a small group from published counts (threshold 5).</summary>
public sealed class TreeAttackTests
{
    private const int N = 5;

    [Fact]
    public void SubtractingShownTeamsFromTheirDirectorateDoesNotRevealTheSmallTeam()
    {
        GroupCount[] tree = [new("D", null, 0), new("A", "D", 12), new("B", "D", 9), new("C", "D", 3)];

        var published = DisclosureRules.ForTree(tree, N);

        Assert.Equal("fewer than 5", published["C"].Published.ToString());
        Assert.Equal(HiddenReason.Complementary, published["B"].Reason);
        Assert.Equal("withheld", published["B"].Published.ToString());
        Assert.Equal([24, 12], new[] { published["D"], published["A"] }.Select(d => d.Published.Value!.Value));
        Assert.Empty(Publication.Leaks(tree, published, N));
    }

    [Fact]
    public void TheLeakCheckerCatchesTheNaivePublicationOfEveryGroupAtTheThreshold()
    {
        GroupCount[] tree = [new("D", null, 0), new("A", "D", 12), new("B", "D", 9), new("C", "D", 3)];
        var naive = tree.ToDictionary(g => g.GroupId, g => Naive(tree, g.GroupId));

        var leaks = Publication.Leaks(tree, naive, N);

        // Cells 0 and 3 are D's own respondents (none) and team C: 24 − 12 − 9 exposes those 3 people together.
        Assert.Equal(["block [0,3] = 3"], leaks);
    }

    [Fact]
    public void DirectorateWithOneLargeTeamAndTwoDirectRespondentsHidesTheTeam()
    {
        GroupCount[] tree = [new("D", null, 2), new("A", "D", 10)];

        var published = DisclosureRules.ForTree(tree, N);

        Assert.Equal(12, published["D"].Published.Value);
        Assert.Equal(HiddenReason.Overlap, published["A"].Reason);
        Assert.Empty(Publication.Leaks(tree, published, N));
    }

    [Fact]
    public void ParentWithOneSmallTeamAndSomeDirectRespondentsShowsOnlyTheParent()
    {
        // The reader learns the parent has 9 and the team fewer than 5, so the direct respondents number 5 to 9: a range, not a group.
        GroupCount[] tree = [new("D", null, 6), new("A", "D", 3)];

        var published = DisclosureRules.ForTree(tree, N);

        Assert.Equal((9, "fewer than 5"), (published["D"].Published.Value!.Value, published["A"].Published.ToString()));
        Assert.Empty(Publication.Leaks(tree, published, N));
    }

    [Fact]
    public void TwoSmallHiddenTeamsThatTogetherReachTheThresholdNeedNoFurtherHiding()
    {
        GroupCount[] tree = [new("D", null, 0), new("A", "D", 12), new("B", "D", 3), new("C", "D", 3)];

        var published = DisclosureRules.ForTree(tree, N);

        Assert.True(published["A"].Shown && published["D"].Shown);
        Assert.Empty(Publication.Leaks(tree, published, N));
    }

    [Fact]
    public void HidingADirectorateReachesIntoItsTeamsWhenTheTeamsWouldStillGiveItAway()
    {
        // D1 has 4 respondents. Hiding D2 alone is not enough: trust − E − F would still be D1's 4.
        GroupCount[] tree =
        [
            new("T", null, 0), new("D1", "T", 4), new("D2", "T", 0), new("E", "D2", 10), new("F", "D2", 11),
        ];

        var published = DisclosureRules.ForTree(tree, N);

        Assert.Equal(["F", "T"], published.Values.Where(d => d.Shown).Select(d => d.GroupId).Order(StringComparer.Ordinal));
        Assert.Empty(Publication.Leaks(tree, published, N));
    }

    [Fact]
    public void ASmallDirectorateIsProtectedAmongItsSiblingDirectoratesToo()
    {
        GroupCount[] tree =
        [
            new("T", null, 0),
            new("D1", "T", 0), new("A", "D1", 2), new("B", "D1", 1),
            new("D2", "T", 0), new("C", "D2", 30),
            new("D3", "T", 0), new("E", "D3", 8),
        ];

        var published = DisclosureRules.ForTree(tree, N);

        Assert.Equal(HiddenReason.BelowThreshold, published["D1"].Reason);
        Assert.False(published["D3"].Shown && published["E"].Shown);
        Assert.Empty(Publication.Leaks(tree, published, N));
    }

    [Fact]
    public void OneMoreLiveResponseTurnsFewerThanFiveIntoFiveAndNothingMore()
    {
        // Before: team A has 4 of the directorate's 11, so B (7) is withheld to keep 11 − 7 from giving A away.
        GroupCount[] before = [new("D", null, 0), new("A", "D", 4), new("B", "D", 7)];
        GroupCount[] after = [new("D", null, 0), new("A", "D", 5), new("B", "D", 7)];

        var early = DisclosureRules.ForTree(before, N);
        var later = DisclosureRules.ForTree(after, N);

        Assert.Equal(["11", "fewer than 5", "withheld"], new[] { "D", "A", "B" }.Select(id => early[id].Published.ToString()));
        Assert.Equal(["12", "5", "7"], new[] { "D", "A", "B" }.Select(id => later[id].Published.ToString()));
        Assert.Empty(Publication.Leaks(before, early, N));
        Assert.Empty(Publication.Leaks(after, later, N));

        // What remains possible, by design of live counts: comparing the two snapshots shows that one person answered
        // in between. Counts say who took part, never what anyone answered; that is why scores are never published live.
    }

    [Theory]
    [InlineData(0, "fewer than 5")]
    [InlineData(4, "fewer than 5")]
    [InlineData(5, "5")]
    [InlineData(37, "37")]
    public void ACountOnItsOwnIsExactOnlyFromTheThreshold(int count, string expected) =>
        Assert.Equal(expected, DisclosureRules.Publish(count, N).ToString());

    [Fact]
    public void ResponseRateIsShownInWholePercentOnlyBesideAShownCount()
    {
        GroupCount[] tree = [new("D", null, 0), new("A", "D", 12), new("B", "D", 9), new("C", "D", 3)];
        var published = DisclosureRules.ForTree(tree, N);

        Assert.Equal(67, DisclosureRules.ResponseRatePercent(published["A"], 18));
        Assert.Null(DisclosureRules.ResponseRatePercent(published["B"], 20));
        Assert.Null(DisclosureRules.ResponseRatePercent(published["C"], 4));
        Assert.Null(DisclosureRules.ResponseRatePercent(published["D"], null));
    }

    [Fact]
    public void ThresholdBelowTheMinimumIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DisclosureRules.ForTree([new("D", null, 10)], 2));

    [Fact]
    public void ATreeWithALoopIsRefused() =>
        Assert.Throws<ArgumentException>(() => DisclosureRules.ForTree([new("R", null, 1), new("A", "B", 3), new("B", "A", 3)], N));

    private static GroupDisclosure Naive(IReadOnlyList<GroupCount> tree, string id)
    {
        var total = Subtree(tree, id).Sum(g => g.DirectCount);
        return total >= N
            ? new(id, total, true, null, PublishedCount.Exact(total))
            : new(id, total, false, HiddenReason.BelowThreshold, PublishedCount.Below(N));
    }

    private static IEnumerable<GroupCount> Subtree(IReadOnlyList<GroupCount> tree, string id) =>
        tree.Where(g => g.GroupId == id).Concat(tree.Where(g => g.ParentId == id).SelectMany(c => Subtree(tree, c.GroupId)));
}
