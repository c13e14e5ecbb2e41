namespace CultureDiagnostics.Core.Disclosure;

public static partial class DisclosureRules
{
    /// <summary>
    /// For groups that are not a tree of units, such as filtered segments (unit × demographic value, a segment
    /// filtered again) or "directorate without team X": hides every group below the threshold, then, while two shown
    /// groups are nested (one's members within the other's) and differ by 1 to threshold − 1 members, hides one of
    /// them. It hides the smaller (more specific) one unless only that one is <see cref="OverlapGroup.Preferred"/>;
    /// the pair with the smallest difference is settled first.
    /// </summary>
    /// <remarks>
    /// This settles pairs. Three or more groups can still combine (a segment minus two disjoint shown sub-segments):
    /// publish tree-shaped families through <see cref="ForTree"/> and <see cref="ForBreakdowns"/>, which settle those,
    /// and offer only a fixed set of filters rather than arbitrary combinations.
    /// </remarks>
    public static IReadOnlyDictionary<string, GroupDisclosure> SuppressOverlaps(IReadOnlyList<OverlapGroup> groups, int threshold)
    {
        CheckThreshold(threshold);
        var reasons = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (!reasons.TryAdd(group.Id, group.Members.Count < threshold ? HiddenReason.BelowThreshold : null))
            {
                throw new ArgumentException($"Group '{group.Id}' appears twice.", nameof(groups));
            }
        }

        while (true)
        {
            var shown = groups.Where(g => reasons[g.Id] is null).OrderBy(g => g.Members.Count).ThenBy(g => g.Id, StringComparer.Ordinal).ToList();
            var clash = (
                from small in shown
                from large in shown
                where small.Members.Count < large.Members.Count
                let difference = large.Members.Count - small.Members.Count
                where difference < threshold && small.Members.IsSubsetOf(large.Members)
                orderby difference, small.Members.Count // stable: ties keep the size-then-id order above
                select (Small: small, Large: large)).FirstOrDefault();
            if (clash == default)
            {
                break;
            }

            var hide = clash.Small.Preferred && !clash.Large.Preferred ? clash.Large : clash.Small;
            reasons[hide.Id] = HiddenReason.Overlap;
        }

        return groups.ToDictionary(g => g.Id, g => Decision(g.Id, g.Members.Count, reasons[g.Id], threshold), StringComparer.Ordinal);
    }
}
