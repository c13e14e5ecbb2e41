using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Disclosure;

namespace CultureDiagnostics.Core.Tests.Disclosure;

/// <summary>Over hundreds of random trees, nobody can add and subtract published counts down to a small group.</summary>
public sealed class DisclosurePropertyTests
{
    private const int Trees = 400;

    [Fact]
    public void NoSmallGroupCanBeReconstructedFromPublishedUnitTotals()
    {
        var (shown, publishable) = (0, 0);
        for (var seed = 1; seed <= Trees; seed++)
        {
            var (cells, threshold) = RandomTrees.Generate(seed, 1);
            var tree = RandomTrees.Totals(cells);

            var published = DisclosureRules.ForTree(tree, threshold);

            Assert.True(Publication.Leaks(tree, published, threshold) is [], $"seed {seed}: {string.Join("; ", Publication.Leaks(tree, published, threshold))}");
            publishable += published.Values.Count(d => d.Total >= threshold);
            shown += published.Values.Count(d => d.Shown);
        }

        // Hiding everything would also be safe; the rules must hide only what they need to.
        Assert.True(shown > publishable * 0.7, $"{shown} of {publishable} groups at the threshold shown");
    }

    [Fact]
    public void TheLeakCheckerFindsLeaksInNaivePublicationsOfTheSameTrees()
    {
        var leaky = 0;
        for (var seed = 1; seed <= Trees; seed++)
        {
            var (cells, threshold) = RandomTrees.Generate(seed, 1);
            var tree = RandomTrees.Totals(cells);
            var totals = DisclosureRules.ForTree(tree, threshold);
            var naive = totals.ToDictionary(
                kv => kv.Key,
                kv => kv.Value.Total >= threshold ? kv.Value with { Shown = true, Reason = null, Published = PublishedCount.Exact(kv.Value.Total) } : kv.Value);

            leaky += Publication.Leaks(tree, naive, threshold).Count > 0 ? 1 : 0;
        }

        Assert.True(leaky > Trees / 4, $"only {leaky} of {Trees} naive publications leak");
    }

    [Fact]
    public void NoSmallGroupCanBeReconstructedFromTotalsAndDemographicBreakdownsTogether()
    {
        var shownBreakdowns = 0;
        for (var seed = 1; seed <= Trees / 2; seed++)
        {
            var (tree, threshold) = RandomTrees.Generate(seed, 2 + (seed % 3));
            var totals = DisclosureRules.ForTree(RandomTrees.Totals(tree), threshold);

            var breakdowns = DisclosureRules.ForBreakdowns(tree, threshold, totals);

            var leaks = Publication.Leaks(tree, totals, breakdowns, threshold);
            Assert.True(leaks is [], $"seed {seed}: {string.Join("; ", leaks)}");
            Assert.All(breakdowns.Values.Where(b => b.Shown), b => Assert.True(totals[b.GroupId].Shown));
            shownBreakdowns += breakdowns.Values.Count(b => b.Shown);
        }

        Assert.True(shownBreakdowns > 0);
    }

    [Fact]
    public void CommentsAreShownOnlyWithScoresAndNoSmallGroupsCommentsCanBeIsolated()
    {
        var shownComments = 0;
        for (var seed = 1; seed <= Trees; seed++)
        {
            var (cells, threshold) = RandomTrees.Generate(seed, 1);
            var tree = RandomTrees.Totals(cells);
            var thresholds = new DisclosureThresholds(threshold, threshold * 2);
            var scores = DisclosureRules.ForTree(tree, thresholds.Scores);

            var comments = DisclosureRules.ForComments(tree, thresholds, scores);

            Assert.All(comments.Values.Where(c => c.Shown), c => Assert.True(scores[c.GroupId].Shown));
            Assert.Empty(Publication.Leaks(tree, comments, thresholds.Comments));
            shownComments += comments.Values.Count(c => c.Shown);
        }

        Assert.True(shownComments > 0);
    }

    [Fact]
    public void NoTwoShownNestedSegmentsDifferByFewerThanTheThreshold()
    {
        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            var threshold = random.Next(3, 11);
            var everyone = Enumerable.Range(0, 40).Select(i => $"r{i}").ToList();
            var segments = new List<OverlapGroup> { new("all", everyone.ToHashSet()) };
            for (var s = 0; s < 8; s++)
            {
                var parent = segments[random.Next(segments.Count)];
                var members = parent.Members.Where(_ => random.Next(10) < 8).ToHashSet();
                segments.Add(new OverlapGroup($"s{s}", members, Preferred: random.Next(4) == 0));
            }

            var published = DisclosureRules.SuppressOverlaps(segments, threshold);

            var shown = segments.Where(g => published[g.Id].Shown).ToList();
            Assert.All(shown, g => Assert.True(g.Members.Count >= threshold));
            Assert.DoesNotContain(
                shown.SelectMany(a => shown.Select(b => (a, b))),
                p => p.a.Members.IsProperSubsetOf(p.b.Members) && p.b.Members.Count - p.a.Members.Count < threshold);
        }
    }
}
