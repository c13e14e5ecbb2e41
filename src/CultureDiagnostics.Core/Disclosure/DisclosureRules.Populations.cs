namespace CultureDiagnostics.Core.Disclosure;

/// <summary>
/// Disclosure decided on populations rather than groups. A unit's figures for one scale rest on different sets of
/// its respondents: the scale score on those who answered at least half of the scale's items; each item on those who
/// answered it (not "not applicable", not a section they were not shown); the pooled % favourable on those who
/// answered any of them; the listwise agreement indices on those who answered all of them. Each such set is a
/// population, and each family of populations (one per figure kind) is controlled across the tree on its own: a
/// figure is shown only when its population reaches the threshold and subtracting shown figures of the same family
/// cannot isolate 1 to threshold − 1 of its respondents.
/// </summary>
public static partial class DisclosureRules
{
    /// <summary>
    /// Decides every figure of one scale for every unit. A figure is shown only where its unit's respondents are
    /// shown (<paramref name="units"/>, from <see cref="ForTree"/>), and:
    /// <list type="bullet">
    /// <item>the score family (scored respondents) passes the tree rules;</item>
    /// <item>each item passes the tree rules on its own answerers, and only beside a shown score;</item>
    /// <item>the pooled % favourable is a sum over the items, so it is shown only where every item answered by anyone
    /// in the unit is shown (otherwise the pooled figure less the shown items gives the hidden one), and its own
    /// answerers pass the tree rules;</item>
    /// <item>agreement over items (rwg(j)) needs every answered item shown; the listwise indices rest on the
    /// respondents who answered every item, who must reach the threshold, and each item's answerers outside them must
    /// number 0 or at least the threshold (or the listwise figures less the item's would describe a few).</item>
    /// </list>
    /// Hiding a figure only merges its population into its parent's remainder, which stays 0 or at least the
    /// threshold, so combining these decisions with each other and with the units' never opens a gap.
    /// </summary>
    public static IReadOnlyDictionary<string, ScaleFigureDisclosure> ForScale(
        IReadOnlyList<ScalePopulations> tree, int threshold, IReadOnlyDictionary<string, GroupDisclosure> units)
    {
        CheckThreshold(threshold);
        var itemCount = tree.Count == 0 ? 0 : tree[0].DirectItemAnswers.Count;
        if (tree.Any(g => g.DirectItemAnswers.Count != itemCount))
        {
            throw new ArgumentException("Every unit must count the same items.", nameof(tree));
        }

        bool UnitShown(string id) => units.TryGetValue(id, out var unit) ? unit.Shown : throw new ArgumentException($"No decision for unit '{id}'.", nameof(units));

        var scores = Family(tree, g => g.DirectScored, threshold, id => UnitShown(id) ? null : HiddenReason.ParentFigureHidden);
        string? NeedsScore(string id) => scores[id].Shown ? null : HiddenReason.ParentFigureHidden;

        // A score is the mean of the items a person answered, so a group's scale sum times the number of items, less
        // the sums of all its items, is a weighted sum over the people who answered some items but not all; and the
        // scale sum less that weighted sum is the sum over those who answered every item. That needs every item
        // beside the score: where either set, each decided as one more family across the tree, is neither none nor
        // enough, one item is withheld (the one fewest answered, so the one those people most often left out), and
        // with it the pooled figures and agreement, which rest on every item; the score and the other items stay.
        var partial = Family(tree, g => g.DirectPartial, threshold, NeedsScore);
        var complete = Family(tree, g => g.DirectAnswered - g.DirectPartial, threshold, NeedsScore);
        static bool NoneOrEnough(GroupDisclosure d) => d.Shown || d.Total == 0;
        string? NeedsScoreAndBothAnswerSets(string id) =>
            NeedsScore(id) ?? (NoneOrEnough(partial[id]) && NoneOrEnough(complete[id]) ? null : HiddenReason.Complementary);
        var withheldFirst = FewestAnswered(tree, itemCount);
        var items = Enumerable.Range(0, itemCount)
            .Select(i => Family(tree, g => g.DirectItemAnswers[i], threshold, id => withheldFirst[id] == i ? NeedsScoreAndBothAnswerSets(id) : NeedsScore(id)))
            .ToList();
        var pooled = Family(tree, g => g.DirectAnswered, threshold, NeedsScore);

        return tree.ToDictionary(
            g => g.GroupId,
            g =>
            {
                var itemDecisions = items.Select(family => family[g.GroupId]).ToList();
                var everyAnsweredItemShown = itemDecisions.All(d => d.Shown || d.Total == 0);
                var pooledDecision = pooled[g.GroupId] is { Shown: true } p && !everyAnsweredItemShown
                    ? p with { Shown = false, Reason = HiddenReason.Complementary, Published = PublishedCount.Withheld }
                    : pooled[g.GroupId];
                var listwiseShown = g.Listwise is { } listwise
                    && everyAnsweredItemShown && scores[g.GroupId].Shown
                    && listwise >= threshold
                    && itemDecisions.All(d => d.Total - listwise is var outside && (outside == 0 || outside >= threshold));
                return new ScaleFigureDisclosure(
                    g.GroupId, scores[g.GroupId], pooledDecision, itemDecisions, everyAnsweredItemShown && scores[g.GroupId].Shown, listwiseShown);
            },
            StringComparer.Ordinal);
    }

    /// <summary>Each unit's item answered by the fewest of its respondents (and those below it), among items anyone answered.</summary>
    private static Dictionary<string, int> FewestAnswered(IReadOnlyList<ScalePopulations> tree, int itemCount)
    {
        var totals = tree.ToDictionary(g => g.GroupId, g => g.DirectItemAnswers.ToArray(), StringComparer.Ordinal);
        var children = tree.Where(g => g.ParentId is not null).ToLookup(g => g.ParentId!, g => g.GroupId, StringComparer.Ordinal);
        var memo = new Dictionary<string, long[]>(StringComparer.Ordinal);
        long[] Sum(string id)
        {
            if (memo.TryGetValue(id, out var known))
            {
                return known;
            }

            var sum = memo[id] = totals[id].Select(n => (long)n).ToArray();
            foreach (var child in children[id])
            {
                var below = Sum(child);
                for (var i = 0; i < itemCount; i++)
                {
                    sum[i] += below[i];
                }
            }

            return sum;
        }

        return tree.ToDictionary(
            g => g.GroupId,
            g => Sum(g.GroupId) is var sums && sums.Any(n => n > 0)
                ? Enumerable.Range(0, itemCount).Where(i => sums[i] > 0).MinBy(i => sums[i])
                : -1,
            StringComparer.Ordinal);
    }

    /// <summary>One family of populations across the tree: below the threshold or unsupported is hidden, then the tree rules.</summary>
    private static Dictionary<string, GroupDisclosure> Family(
        IReadOnlyList<ScalePopulations> tree, Func<ScalePopulations, int> direct, int threshold, Func<string, string?> requirement)
    {
        var outcome = SuppressionEngine.Run(
            [.. tree.Select(g => new SuppressionEngine.Node(g.GroupId, g.ParentId, [direct(g)]))],
            threshold,
            (id, total) => requirement(id) is { } reason && total[0] >= threshold ? reason
                : total[0] < threshold ? HiddenReason.BelowThreshold
                : null);
        return outcome.Totals.ToDictionary(
            kv => kv.Key,
            kv => Decision(kv.Key, checked((int)kv.Value[0]), outcome.HiddenReasons[kv.Key], threshold),
            StringComparer.Ordinal);
    }
}
