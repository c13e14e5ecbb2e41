using CultureDiagnostics.Core.Disclosure;

namespace CultureDiagnostics.Core.Tests.Disclosure;

/// <summary>Random organisation trees: depth 1 to 4 below the root, 1 to 4 children, counts 0 to 30 (often small).</summary>
internal static class RandomTrees
{
    public static (List<GroupCells> Tree, int Threshold) Generate(int seed, int categories)
    {
        var random = new Random(seed);
        var threshold = random.Next(3, 11);
        var depth = random.Next(1, 5);
        var tree = new List<GroupCells>();

        void Grow(string id, string? parent, int level)
        {
            var leaf = level == depth || (level > 0 && random.Next(4) == 0);

            // Units above teams usually have no respondents of their own; sometimes a few answered through their link.
            var cells = Enumerable.Range(0, categories)
                .Select(_ => leaf || random.Next(3) == 0 ? Count(random, threshold) : 0)
                .ToList();
            tree.Add(new GroupCells(id, parent, cells));
            if (!leaf)
            {
                var children = random.Next(1, level == 0 ? 5 : 4);
                for (var c = 0; c < children; c++)
                {
                    Grow($"{id}.{c}", id, level + 1);
                }
            }
        }

        Grow("u", null, 0);
        return (tree, threshold);
    }

    public static List<GroupCount> Totals(IEnumerable<GroupCells> tree) =>
        [.. tree.Select(g => new GroupCount(g.GroupId, g.ParentId, g.DirectCells.Sum()))];

    private static int Count(Random random, int threshold) =>
        random.Next(2) == 0 ? random.Next(0, threshold + 3) : random.Next(0, 31);
}
