namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver;

/// <summary>One set of respondents something is known about: who, what exactly, and from which equations.</summary>
public sealed record BlockLeak(IReadOnlyList<int> Members, string Function, IReadOnlyList<int> Equations);

/// <summary>What the check found in one block, with the size of the work (for the record of how long it takes).</summary>
public sealed record BlockResult(BlockSystem Block, IReadOnlyList<BlockLeak> Leaks, int Columns, int LightRows, long Tested);

/// <summary>
/// The check of one block: compress (<see cref="CompressedSystem"/>), eliminate exactly with heavy columns first,
/// split what is left into independent components, search each (<see cref="LeakSearch"/>), keep the minimal sets,
/// and name the published equations each finding combines.
/// </summary>
public static class BlockCheck
{
    /// <summary>Beyond this many equations a finding lists the equations its rows came from instead of an exact combination.</summary>
    private const int MaxExplained = 400;

    public static BlockResult Run(BlockSystem block)
    {
        var system = CompressedSystem.Build(block);
        var echelon = new Echelon();
        foreach (var row in system.Rows)
        {
            echelon.Add(row);
        }

        var light = echelon.Reduced(pivot => pivot >= system.HeavyCount);
        var leaks = new List<Leak>();
        long tested = 0;
        foreach (var component in Components(light))
        {
            var search = new LeakSearch(system, component, block.Threshold - 1);
            leaks.AddRange(search.Run());
            tested += search.Tested;
        }

        var minimal = leaks
            .Where(l => !leaks.Any(o => o.Members.Length < l.Members.Length && o.Members.All(l.Members.Contains)))
            .DistinctBy(l => string.Join(",", l.Members))
            .Select(l => new BlockLeak(l.Members, Words(system, l.Vector), Explain(system, l)))
            .ToList();
        return new BlockResult(block, minimal, system.Columns.Count, light.Count, tested);
    }

    /// <summary>Rows that share no column, directly or through others, are searched apart.</summary>
    private static IEnumerable<List<IntegerRow>> Components(List<IntegerRow> rows)
    {
        var parent = new Dictionary<int, int>();
        int Find(int c)
        {
            if (parent.TryAdd(c, c))
            {
                return c;
            }

            var root = c;
            while (parent[root] != root)
            {
                root = parent[root];
            }

            while (parent[c] != root)
            {
                var next = parent[c];
                parent[c] = root;
                c = next;
            }

            return root;
        }

        foreach (var row in rows)
        {
            var root = Find(row.Lead);
            foreach (var column in row.Columns)
            {
                var other = Find(column);
                if (other != root)
                {
                    parent[other] = root;
                }
            }
        }

        return rows.GroupBy(r => Find(r.Lead)).Select(g => g.ToList());
    }

    /// <summary>The determined combination in words: each term is a coefficient times a column summed over its owner.</summary>
    private static string Words(CompressedSystem system, IntegerRow vector)
    {
        var terms = vector.Columns.Select((c, i) => $"{vector.Values[i]}·[{system.Columns[c].Words}] over {system.Entities[system.Columns[c].Owner].Words}").ToList();
        return string.Join(" + ", terms.Take(4)) + (terms.Count > 4 ? $" + … ({terms.Count} terms)" : "");
    }

    /// <summary>
    /// The published equations that combine into the finding: the rows it came from, each tagged with a column of
    /// its own, are eliminated; what is left of the finding's vector after subtracting them is the combination.
    /// </summary>
    private static IReadOnlyList<int> Explain(CompressedSystem system, Leak leak)
    {
        if (leak.Sources.Length > MaxExplained)
        {
            return leak.Sources;
        }

        var rowOf = system.Block.Equations.Select((e, i) => (e.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var offset = system.Columns.Count;
        var tracked = new Echelon();
        for (var k = 0; k < leak.Sources.Length; k++)
        {
            var row = system.Rows[rowOf[leak.Sources[k]]];
            var entries = row.Columns.Select((c, i) => (c, new Rational(row.Values[i], 1))).Append((offset + k, Rational.One));
            tracked.Add(IntegerRow.From(entries, []));
        }

        var rest = tracked.Reduce(IntegerRow.From(leak.Vector.Columns.Select((c, i) => (c, new Rational(leak.Vector.Values[i], 1))), []));
        if (rest.IsEmpty || rest.Lead < offset)
        {
            throw new InvalidOperationException("A finding is not a combination of the equations it came from: the elimination is wrong.");
        }

        return rest.Columns.Select(c => leak.Sources[c - offset]).ToList();
    }
}
