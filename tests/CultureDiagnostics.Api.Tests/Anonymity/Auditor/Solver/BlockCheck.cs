using Echelon = CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver.Echelon<System.Numerics.BigInteger>;
using IntegerRow = CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver.IntegerRow<System.Numerics.BigInteger>;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver;

/// <summary>One set of respondents something is known about: who, what exactly, and from which equations.</summary>
public sealed record BlockLeak(IReadOnlyList<int> Members, string Function, IReadOnlyList<int> Equations);

/// <summary>What the check found in one block, with the size of the work (for the record of how long it takes).</summary>
/// <param name="Stopped">The search stopped after enough findings: more sets may leak.</param>
/// <param name="Incomplete">The search ran out of time before it could prove the block safe: that fails like a finding.</param>
public sealed record BlockResult(BlockSystem Block, IReadOnlyList<BlockLeak> Leaks, int Columns, int LightRows, long Tested, bool Stopped, bool Incomplete, TimeSpan Elapsed);

/// <summary>
/// The check of one block: compress (<see cref="CompressedSystem"/>), eliminate exactly with heavy columns first,
/// split what is left into independent components, search each (<see cref="HittingSetSearch"/>), keep the minimal sets,
/// and name the published equations each finding combines.
/// </summary>
public static class BlockCheck
{
    /// <summary>Beyond this many equations a finding lists the equations its rows came from instead of an exact combination.</summary>
    private const int MaxExplained = 400;

    public static BlockResult Run(BlockSystem block)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var system = CompressedSystem.Build(block);
        List<IntegerRow> light;
        int rank;
        try
        {
            (light, rank) = Eliminate<long>(system);
        }
        catch (OverflowException)
        {
            (light, rank) = Eliminate<System.Numerics.BigInteger>(system);
        }

        var leaks = new List<Leak>();
        long tested = 0;
        var stopped = false;
        var incomplete = false;
        foreach (var component in Components(light))
        {
            var search = new HittingSetSearch(system, component, block.Threshold - 1);
            leaks.AddRange(search.Run());
            tested += search.Tested;
            stopped |= search.Stopped;
            incomplete |= search.Incomplete;
        }

        var minimal = leaks
            .Where(l => !leaks.Any(o => o.Members.Length < l.Members.Length && o.Members.All(l.Members.Contains)))
            .DistinctBy(l => string.Join(",", l.Members))
            .Select(l => new BlockLeak(l.Members, Words(system, l.Vector), Explain(system, l)))
            .ToList();
        return new BlockResult(block, minimal, system.Columns.Count, light.Count, tested, stopped, incomplete, clock.Elapsed);
    }

    /// <summary>
    /// Exact elimination with heavy columns first: the rows pivoted on light columns are zero on every heavy one,
    /// and are the determined combinations a small set could be behind. Over <see cref="long"/> when it fits.
    /// </summary>
    private static (List<IntegerRow> Light, int Rank) Eliminate<T>(CompressedSystem system)
        where T : System.Numerics.IBinaryInteger<T>
    {
        var echelon = new Echelon<T>();
        foreach (var row in system.Rows)
        {
            echelon.Add(row.As<T>());
        }

        return (echelon.Reduced(pivot => pivot >= system.HeavyCount).Select(r => r.As<System.Numerics.BigInteger>()).ToList(), echelon.Rank);
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
