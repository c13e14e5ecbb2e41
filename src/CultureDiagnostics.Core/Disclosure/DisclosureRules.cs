using System.Security.Cryptography;
using System.Text;
using CultureDiagnostics.Core.Campaigns;

namespace CultureDiagnostics.Core.Disclosure;

/// <summary>
/// What may be published about groups of respondents. Pure functions: the caller passes the counts, thresholds and
/// keys; nothing here reads a clock, a file or configuration. The rules in plain words are in the README ("Anonymity").
/// </summary>
public static partial class DisclosureRules
{
    /// <summary>
    /// Decides which unit totals (and so which unit scores and live response counts) are shown. A unit's group is its
    /// direct respondents plus all its descendants'. Hidden: groups below the threshold, and further groups wherever
    /// subtracting shown figures would otherwise isolate 1 to threshold − 1 respondents.
    /// </summary>
    public static IReadOnlyDictionary<string, GroupDisclosure> ForTree(IReadOnlyList<GroupCount> tree, int threshold)
    {
        CheckThreshold(threshold);
        var outcome = SuppressionEngine.Run(
            [.. tree.Select(g => new SuppressionEngine.Node(g.GroupId, g.ParentId, [g.DirectCount]))],
            threshold,
            (_, total) => total[0] < threshold ? HiddenReason.BelowThreshold : null);

        return outcome.Totals.ToDictionary(
            kv => kv.Key,
            kv => Decision(kv.Key, checked((int)kv.Value[0]), outcome.HiddenReasons[kv.Key], threshold),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Decides, per unit, whether its breakdown by one demographic question is shown. A breakdown needs the unit's
    /// total shown (from <see cref="ForTree"/> on the same respondents), every cell empty or at the threshold
    /// (<see cref="BreakdownShown"/>), and no category of a shown breakdown isolating a small group by subtraction
    /// of the breakdowns shown below it.
    /// </summary>
    public static IReadOnlyDictionary<string, BreakdownDisclosure> ForBreakdowns(
        IReadOnlyList<GroupCells> tree, int threshold, IReadOnlyDictionary<string, GroupDisclosure> totals)
    {
        CheckThreshold(threshold);
        var outcome = SuppressionEngine.Run(
            [.. tree.Select(g => new SuppressionEngine.Node(g.GroupId, g.ParentId, [.. g.DirectCells.Select(c => (long)c)]))],
            threshold,
            (id, cells) =>
            {
                var total = totals.TryGetValue(id, out var t) ? t : throw new ArgumentException($"No total for group '{id}'.", nameof(totals));
                if (cells.Sum() != total.Total)
                {
                    throw new ArgumentException($"The cells of group '{id}' do not add up to its total.", nameof(tree));
                }

                return !total.Shown ? HiddenReason.ParentFigureHidden
                    : cells.Any(c => c > 0 && c < threshold) ? HiddenReason.BelowThreshold
                    : null;
            });

        return outcome.Totals.ToDictionary(
            kv => kv.Key,
            kv => outcome.HiddenReasons[kv.Key] is { } reason
                ? new BreakdownDisclosure(kv.Key, false, reason, [])
                : new BreakdownDisclosure(kv.Key, true, null, [.. kv.Value.Select(c => Publish(checked((int)c), threshold))]),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Decides which units' comments are shown: the unit's scores must be shown, it must reach the comment threshold,
    /// and (because comments are listed, so lists can be subtracted) no shown unit may have fewer than the comment
    /// threshold of respondents outside the units below it whose comments are shown.
    /// </summary>
    public static IReadOnlyDictionary<string, GroupDisclosure> ForComments(
        IReadOnlyList<GroupCount> tree, DisclosureThresholds thresholds, IReadOnlyDictionary<string, GroupDisclosure> scores)
    {
        CheckThreshold(thresholds.Comments);
        var outcome = SuppressionEngine.Run(
            [.. tree.Select(g => new SuppressionEngine.Node(g.GroupId, g.ParentId, [g.DirectCount]))],
            thresholds.Comments,
            (id, total) => !CommentsShown(checked((int)total[0]), thresholds, scores.TryGetValue(id, out var s) && s.Shown)
                ? total[0] < thresholds.Comments ? HiddenReason.BelowThreshold : HiddenReason.ParentFigureHidden
                : null);

        return outcome.Totals.ToDictionary(
            kv => kv.Key,
            kv => Decision(kv.Key, checked((int)kv.Value[0]), outcome.HiddenReasons[kv.Key], thresholds.Comments),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether one group's breakdown may be shown on its own terms: the group reaches the threshold and every cell,
    /// including the remainder (total − sum of cells: declined or not answered), is empty or reaches the threshold.
    /// Otherwise the whole breakdown is withheld, since the total minus the shown cells would give the small one.
    /// </summary>
    public static bool BreakdownShown(int groupTotal, IReadOnlyList<int> cellCounts, int threshold)
    {
        CheckThreshold(threshold);
        var remainder = groupTotal - cellCounts.Sum();
        if (remainder < 0 || cellCounts.Any(c => c < 0))
        {
            throw new ArgumentException("The cells must be non-negative and add up to at most the total.", nameof(cellCounts));
        }

        return groupTotal >= threshold && cellCounts.Append(remainder).All(c => c == 0 || c >= threshold);
    }

    /// <summary>Whether one group's comments may be shown on its own terms (see <see cref="ForComments"/> for a tree).</summary>
    public static bool CommentsShown(int groupTotal, DisclosureThresholds thresholds, bool scoresShown) =>
        scoresShown && groupTotal >= thresholds.Comments;

    /// <summary>A count on its own: exact at or above the threshold, otherwise "fewer than threshold".</summary>
    public static PublishedCount Publish(int count, int threshold)
    {
        CheckThreshold(threshold);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return count >= threshold ? PublishedCount.Exact(count) : PublishedCount.Below(threshold);
    }

    /// <summary>
    /// The response rate in whole percent, only when the count is shown and the headcount is known. Whole percent
    /// rather than coarser steps: the count itself is shown beside it, so rounding the rate would protect nothing.
    /// </summary>
    public static int? ResponseRatePercent(GroupDisclosure count, int? headcount) =>
        count.Shown && headcount is > 0 ? (int)((200L * count.Total + headcount.Value) / (2L * headcount.Value)) : null;

    /// <summary>
    /// Orders items (comments) by HMAC-SHA256 of their id under a per-campaign key: stable for the same key, unrelated
    /// to arrival order, and the same whatever order the items come in. Ids must be unique and not derived from time.
    /// </summary>
    public static IReadOnlyList<T> StableShuffle<T>(IEnumerable<T> items, Func<T, string> id, byte[] key)
    {
        if (key is null || key.Length < 16)
        {
            throw new ArgumentException("The shuffle key must be at least 16 bytes.", nameof(key));
        }

        return [.. items
            .Select(item => (Item: item, Id: id(item)))
            .Select(x => (x.Item, x.Id, Hash: HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(x.Id))))
            .OrderBy(x => x.Hash, ByteOrder.Instance)
            .ThenBy(x => x.Id, StringComparer.Ordinal)
            .Select(x => x.Item)];
    }

    internal static GroupDisclosure Decision(string id, int total, string? reason, int threshold) => reason switch
    {
        null => new(id, total, true, null, PublishedCount.Exact(total)),
        HiddenReason.BelowThreshold => new(id, total, false, reason, PublishedCount.Below(threshold)),
        _ => new(id, total, false, reason, PublishedCount.Withheld),
    };

    internal static void CheckThreshold(int threshold) =>
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, DisclosureThresholds.Minimum);

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static ByteOrder Instance { get; } = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
