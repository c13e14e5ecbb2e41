using CultureDiagnostics.Core.Disclosure;

namespace CultureDiagnostics.Core.Tests.Disclosure;

/// <summary>
/// Over random trees where a scale's figures rest on different populations (items left blank or "not applicable",
/// respondents without a score under the half-items rule, a few complete respondents), every family of figures is
/// safe on its own population, and figures that combine others are shown only beside all of them.
/// </summary>
public sealed class ScalePopulationPropertyTests
{
    private const int Trees = 300;

    [Fact]
    public void EveryFamilyOfFiguresIsSafeOnItsOwnPopulation()
    {
        var (shownItems, pooledShown) = (0, 0);
        for (var seed = 1; seed <= Trees; seed++)
        {
            var (cells, threshold) = RandomTrees.Generate(seed, 1);
            var random = new Random(seed);
            var populations = cells.Select(g => Populations(g, random)).ToList();
            var units = DisclosureRules.ForTree(RandomTrees.Totals(cells), threshold);

            var decided = DisclosureRules.ForScale(populations, threshold, units);

            AssertSafe(seed, populations, p => p.DirectScored, d => d.Score, decided, threshold);
            AssertSafe(seed, populations, p => p.DirectAnswered, d => d.Pooled, decided, threshold);
            for (var i = 0; i < populations[0].DirectItemAnswers.Count; i++)
            {
                var item = i;
                AssertSafe(seed, populations, p => p.DirectItemAnswers[item], d => d.Items[item], decided, threshold);
            }

            // A score beside all its unit's items gives the weighted sum over the people who answered some items but
            // not all, and with it the sum over those who answered every item: wherever both are shown, each of these
            // two sets must be safe as a family of its own.
            var answeredSome = populations.Select(p => new GroupCount(p.GroupId, p.ParentId, p.DirectPartial)).ToList();
            var answeredAll = populations.Select(p => new GroupCount(p.GroupId, p.ParentId, p.DirectAnswered - p.DirectPartial)).ToList();
            foreach (var (name, counts) in new[] { ("some items but not all", answeredSome), ("every item", answeredAll) })
            {
                var revealed = decided.ToDictionary(kv => kv.Key, kv =>
                {
                    var d = kv.Value;
                    var total = counts.Where(c => Within(counts, c.GroupId, kv.Key)).Sum(c => c.DirectCount);
                    var shown = total > 0 && d.Score.Shown && d.Items.All(x => x.Shown || x.Total == 0);
                    return new GroupDisclosure(kv.Key, total, shown, shown ? null : HiddenReason.Complementary, shown ? PublishedCount.Exact(total) : PublishedCount.Withheld);
                });
                var leaks = Publication.Leaks(counts, revealed, threshold);
                Assert.True(leaks is [], $"seed {seed}: scores beside items, people who answered {name}: {string.Join("; ", leaks)}");
            }

            foreach (var d in decided.Values)
            {
                Assert.False(d.Score.Shown && !units[d.GroupId].Shown, $"seed {seed}: {d.GroupId}'s score shown in a hidden unit");
                Assert.False(d.Items.Any(x => x.Shown) && !d.Score.Shown, $"seed {seed}: {d.GroupId}'s items shown without its score");
                Assert.False(d.Pooled.Shown && d.Items.Any(x => !x.Shown && x.Total > 0), $"seed {seed}: {d.GroupId}'s pooled figure shown beside a hidden item");
                shownItems += d.Items.Count(x => x.Shown);
                pooledShown += d.Pooled.Shown ? 1 : 0;
            }
        }

        // Hiding everything would be safe too: the rules must leave most figures shown.
        Assert.True(shownItems > 1000 && pooledShown > 200, $"{shownItems} items and {pooledShown} pooled figures shown");
    }

    [Fact]
    public void ListwiseAgreementNeedsItsCompleteRespondentsAndEveryItemsOthersToReachTheThreshold()
    {
        var units = new Dictionary<string, GroupDisclosure> { ["t"] = new("t", 12, true, null, PublishedCount.Exact(12)) };
        ScaleFigureDisclosure Decide(int listwise, params int[] items) =>
            DisclosureRules.ForScale([new ScalePopulations("t", null, 12, 12, items, listwise)], 5, units)["t"];

        Assert.True(Decide(12, 12, 12, 12).ListwiseAgreement);
        Assert.True(Decide(7, 12, 12, 7).ListwiseAgreement);
        Assert.False(Decide(2, 12, 12, 12).ListwiseAgreement); // two complete respondents
        Assert.False(Decide(9, 12, 12, 9).ListwiseAgreement); // three answered an item but not all of them
        Assert.True(Decide(9, 12, 12, 9).Agreement);
    }

    private static void AssertSafe(
        int seed, List<ScalePopulations> populations, Func<ScalePopulations, int> direct, Func<ScaleFigureDisclosure, GroupDisclosure> family,
        IReadOnlyDictionary<string, ScaleFigureDisclosure> decided, int threshold)
    {
        var tree = populations.Select(p => new GroupCount(p.GroupId, p.ParentId, direct(p))).ToList();
        var published = decided.ToDictionary(kv => kv.Key, kv => family(kv.Value));
        var leaks = Publication.Leaks(tree, published, threshold);
        Assert.True(leaks is [], $"seed {seed}: {string.Join("; ", leaks)}");
    }

    private static bool Within(List<GroupCount> tree, string id, string ancestor)
    {
        for (string? at = id; at is not null; at = tree.Single(g => g.GroupId == at).ParentId)
        {
            if (at == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A unit's populations: some answered only a few items, some left single items blank.</summary>
    private static ScalePopulations Populations(GroupCells unit, Random random)
    {
        var answered = unit.DirectCells.Sum();
        var scored = answered - random.Next(0, Math.Min(answered, 3) + 1) * random.Next(2);
        var items = Enumerable.Range(0, 4).Select(_ => answered - (random.Next(3) == 0 ? random.Next(0, Math.Min(answered, 4) + 1) : 0)).ToList();
        return new ScalePopulations(unit.GroupId, unit.ParentId, answered, scored, items, items.Min(), answered - items.Min());
    }
}

/// <summary>The rules for figures that rest on how people's answers are spread over a scale's items.</summary>
public sealed class AnswerPatternRuleTests
{
    private static readonly Dictionary<string, GroupDisclosure> Team = new() { ["t"] = new("t", 12, true, null, PublishedCount.Exact(12)) };

    [Fact]
    public void ATeamsItemsAreNotAllShownBesideItsScoreWhenAFewAnsweredSomeItemsButNotAll()
    {
        ScaleFigureDisclosure Decide(int partial) =>
            DisclosureRules.ForScale([new ScalePopulations("t", null, 12, 12, [12, 12, 12 - partial, 12], 12 - partial, partial)], 5, Team)["t"];

        Assert.All(Decide(0).Items, d => Assert.True(d.Shown));
        Assert.True(Decide(1).Score.Shown);
        // One person's weighted answers: the item fewest answered is withheld, and agreement with it.
        Assert.Equal([true, true, false, true], Decide(1).Items.Select(d => d.Shown));
        Assert.False(Decide(1).Agreement);
        Assert.All(Decide(5).Items, d => Assert.True(d.Shown));
    }
}
