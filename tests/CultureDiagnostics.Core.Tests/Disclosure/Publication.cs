using CultureDiagnostics.Core.Disclosure;

namespace CultureDiagnostics.Core.Tests.Disclosure;

/// <summary>Turns a tree and what was published about it into the reader's figures, for <see cref="LeakFinder"/>.</summary>
internal static class Publication
{
    /// <summary>One cell per unit (its direct respondents); one figure per unit (its whole subtree).</summary>
    public static List<string> Leaks(IReadOnlyList<GroupCount> tree, IReadOnlyDictionary<string, GroupDisclosure> published, int threshold)
    {
        var index = tree.Select((g, i) => (g.GroupId, i)).ToDictionary(x => x.GroupId, x => x.i);
        var figures = tree.Select(g => new Figure(
            g.GroupId,
            [.. tree.Where(c => IsWithin(tree, c.GroupId, g.GroupId)).Select(c => index[c.GroupId])],
            ReaderSees(published[g.GroupId], threshold))).ToList();
        return LeakFinder.Leaks([.. tree.Select(g => (long)g.DirectCount)], figures, threshold, nested: true);
    }

    /// <summary>Cells are (unit, category); figures are each unit's total and, where shown, each category of its breakdown.</summary>
    public static List<string> Leaks(
        IReadOnlyList<GroupCells> tree,
        IReadOnlyDictionary<string, GroupDisclosure> totals,
        IReadOnlyDictionary<string, BreakdownDisclosure> breakdowns,
        int threshold)
    {
        var width = tree[0].DirectCells.Count;
        int Cell(int unit, int category) => (unit * width) + category;
        var figures = new List<Figure>();
        foreach (var g in tree)
        {
            var units = tree.Select((c, i) => (c, i)).Where(x => IsWithin(tree, x.c.GroupId, g.GroupId)).Select(x => x.i).ToList();
            figures.Add(new Figure(g.GroupId, [.. units.SelectMany(u => Enumerable.Range(0, width).Select(k => Cell(u, k)))], ReaderSees(totals[g.GroupId], threshold)));
            var breakdown = breakdowns[g.GroupId];
            Assert.Equal(breakdown.Shown, breakdown.Cells.Count == width);
            for (var k = 0; k < width; k++)
            {
                figures.Add(new Figure($"{g.GroupId}/{k}", [.. units.Select(u => Cell(u, k))], breakdown.Shown ? breakdown.Cells[k].Value : null));
            }
        }

        return LeakFinder.Leaks([.. tree.SelectMany(g => g.DirectCells.Select(c => (long)c))], figures, threshold, nested: false);
    }

    /// <summary>The exact value a reader gets, after checking the published form says no more than it should.</summary>
    private static long? ReaderSees(GroupDisclosure d, int threshold)
    {
        if (d.Shown)
        {
            Assert.True(d.Total >= threshold, $"{d.GroupId} shown with {d.Total}");
            Assert.Equal(d.Total, d.Published.Value);
            return d.Total;
        }

        Assert.Null(d.Published.Value);
        Assert.Equal(d.Reason == HiddenReason.BelowThreshold ? threshold : null, d.Published.FewerThan);
        return null;
    }

    private static bool IsWithin<TGroup>(IReadOnlyList<TGroup> tree, string id, string ancestor)
    {
        var parents = tree.ToDictionary(Id, Parent);
        for (string? at = id; at is not null; at = parents[at])
        {
            if (at == ancestor)
            {
                return true;
            }
        }

        return false;

        static string Id(TGroup g) => g switch { GroupCount c => c.GroupId, GroupCells c => c.GroupId, _ => throw new ArgumentException("unknown group") };
        static string? Parent(TGroup g) => g switch { GroupCount c => c.ParentId, GroupCells c => c.ParentId, _ => throw new ArgumentException("unknown group") };
    }
}
