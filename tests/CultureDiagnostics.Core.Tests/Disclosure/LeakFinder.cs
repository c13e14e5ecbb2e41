using System.Numerics;

namespace CultureDiagnostics.Core.Tests.Disclosure;

/// <summary>A published or hidden figure: the cells (smallest units of respondents) it adds up, and its value if published.</summary>
internal sealed record Figure(string Label, int[] Cells, long? Published);

/// <summary>
/// The curious reader's arithmetic, done exhaustively: the unknowns are the counts of every cell (a unit's direct
/// respondents, or those of one category within a unit), and every published figure is one linear equation. A sum of
/// cells is determined exactly iff its indicator vector lies in the row space of the equations, which Gaussian
/// elimination over the integers (exact, no rounding) decides. Reports every determined group of 1 to threshold − 1
/// respondents among: hidden figures, single cells, differences of nested shown figures, and the "blocks" (cells
/// that appear in exactly the same equations, so no equation can separate them).
/// </summary>
/// <remarks>
/// For a tree of totals the equations form a nested family, and then every determined set of cells is a union of
/// blocks, each block itself determined (checked, not assumed: <paramref name="nested"/> makes a non-determined block
/// an error). So for trees this finds every leak that addition and subtraction can produce.
/// </remarks>
internal static class LeakFinder
{
    public static List<string> Leaks(long[] cellTruth, IReadOnlyList<Figure> figures, int threshold, bool nested)
    {
        var n = cellTruth.Length;
        var shown = figures.Where(f => f.Published is not null).ToList();
        var system = new RowSpace(n, shown.Select(f => (Indicator(n, f.Cells), f.Published!.Value)));
        var leaks = new List<string>();

        void Check(string label, BigInteger[] query)
        {
            if (system.Determine(query) is not { } value)
            {
                return;
            }

            var truth = Enumerable.Range(0, n).Sum(i => (long)query[i] * cellTruth[i]);
            if (value != truth)
            {
                throw new InvalidOperationException($"The checker derived {value} for {label}, but the truth is {truth}.");
            }

            if (value > 0 && value < threshold)
            {
                leaks.Add($"{label} = {value}");
            }
        }

        foreach (var hidden in figures.Where(f => f.Published is null))
        {
            Check($"hidden {hidden.Label}", Indicator(n, hidden.Cells));
        }

        for (var i = 0; i < n; i++)
        {
            Check($"cell {i}", Indicator(n, [i]));
        }

        foreach (var small in shown)
        {
            foreach (var large in shown.Where(l => l != small && l.Cells.Length > small.Cells.Length && !small.Cells.Except(l.Cells).Any()))
            {
                var difference = large.Published!.Value - small.Published!.Value;
                if (difference > 0 && difference < threshold)
                {
                    leaks.Add($"{large.Label} minus {small.Label} = {difference}");
                }
            }
        }

        var blocks = Enumerable.Range(0, n)
            .Select(i => (Cell: i, Signature: string.Join(',', shown.Select((f, k) => (f, k)).Where(x => x.f.Cells.Contains(i)).Select(x => x.k))))
            .Where(x => x.Signature.Length > 0)
            .GroupBy(x => x.Signature, x => x.Cell);
        foreach (var block in blocks)
        {
            var query = Indicator(n, [.. block]);
            if (nested && system.Determine(query) is null)
            {
                throw new InvalidOperationException($"Block [{string.Join(',', block)}] is not determined: the figures are not nested.");
            }

            Check($"block [{string.Join(',', block)}]", query);
        }

        return leaks;
    }

    private static BigInteger[] Indicator(int n, IEnumerable<int> cells)
    {
        var v = new BigInteger[n];
        foreach (var c in cells)
        {
            v[c] = 1;
        }

        return v;
    }

    /// <summary>Equations in reduced row-echelon form, rows scaled to integers (column n holds the right-hand side).</summary>
    private sealed class RowSpace
    {
        private readonly int _n;
        private readonly List<(int Pivot, BigInteger[] Row)> _rows = [];

        public RowSpace(int n, IEnumerable<(BigInteger[] Coefficients, long Value)> equations)
        {
            _n = n;
            var rows = equations.Select(e => (BigInteger[])[.. e.Coefficients, e.Value]).ToList();
            var next = 0;
            for (var col = 0; col < n && next < rows.Count; col++)
            {
                var found = rows.FindIndex(next, r => !r[col].IsZero);
                if (found < 0)
                {
                    continue;
                }

                (rows[next], rows[found]) = (rows[found], rows[next]);
                var pivot = rows[next];
                for (var j = 0; j < rows.Count; j++)
                {
                    if (j != next && !rows[j][col].IsZero)
                    {
                        rows[j] = Normalise(Combine(rows[j], pivot, col));
                    }
                }

                _rows.Add((col, pivot));
                next++;
            }

            if (rows.Skip(next).Any(r => !r[n].IsZero))
            {
                throw new InvalidOperationException("The published figures contradict each other.");
            }
        }

        /// <summary>The value of query·cells if the equations fix it, else null.</summary>
        public long? Determine(BigInteger[] query)
        {
            // q = alpha·[query | 0] − Σ β·[row | rhs]; once the coefficients vanish, alpha·value = −q[n].
            BigInteger[] q = [.. query, BigInteger.Zero, BigInteger.One];
            foreach (var (col, row) in _rows)
            {
                if (!q[col].IsZero)
                {
                    var a = q[col];
                    var p = row[col];
                    var next = new BigInteger[_n + 2];
                    for (var i = 0; i <= _n; i++)
                    {
                        next[i] = (q[i] * p) - (row[i] * a);
                    }

                    next[_n + 1] = q[_n + 1] * p;
                    q = Normalise(next);
                }
            }

            if (q.Take(_n).Any(c => !c.IsZero))
            {
                return null;
            }

            var value = BigInteger.DivRem(-q[_n], q[_n + 1], out var rest);
            return rest.IsZero ? (long)value : throw new InvalidOperationException("A sum of counts came out fractional.");
        }

        private static BigInteger[] Combine(BigInteger[] target, BigInteger[] pivot, int col)
        {
            var a = target[col];
            var p = pivot[col];
            return [.. target.Select((t, i) => (t * p) - (pivot[i] * a))];
        }

        private static BigInteger[] Normalise(BigInteger[] v)
        {
            var g = v.Aggregate(BigInteger.Zero, BigInteger.GreatestCommonDivisor);
            return g.IsZero || g.IsOne ? v : [.. v.Select(x => x / g)];
        }
    }
}
