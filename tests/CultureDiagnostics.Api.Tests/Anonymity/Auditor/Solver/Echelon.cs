using System.Numerics;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver;

/// <summary>
/// Exact Gaussian elimination over column positions (a lower position is eliminated first). Rows are added one
/// at a time and kept in echelon form, each under its own pivot; <see cref="Reduced"/> then clears every pivot
/// column from the other rows. The span of the rows is exactly the span of what was added.
/// </summary>
public sealed class Echelon<T>
    where T : IBinaryInteger<T>
{
    private readonly SortedDictionary<int, IntegerRow<T>> _byPivot = [];

    public int Rank => _byPivot.Count;

    public IEnumerable<int> Pivots => _byPivot.Keys;

    public IntegerRow<T> RowOf(int pivot) => _byPivot[pivot];

    public bool HasPivot(int column) => _byPivot.ContainsKey(column);

    public Echelon<T> Clone()
    {
        var copy = new Echelon<T>();
        foreach (var (pivot, row) in _byPivot)
        {
            copy._byPivot[pivot] = row;
        }

        return copy;
    }

    /// <summary>Adds a row; returns whether it raised the rank (false: it was a combination of the rows already in).</summary>
    public bool Add(IntegerRow<T> row)
    {
        row = Reduce(row);
        if (row.IsEmpty)
        {
            return false;
        }

        _byPivot[row.Lead] = row;
        return true;
    }

    /// <summary>The row less every multiple of the rows already in that it can lose; empty when it is in their span.</summary>
    public IntegerRow<T> Reduce(IntegerRow<T> row)
    {
        // Stored rows have distinct leads, so a combination of them leads with its smallest lead: eliminating
        // leads only decides membership in their span.
        while (!row.IsEmpty && _byPivot.TryGetValue(row.Lead, out var pivot))
        {
            row = row.Eliminate(pivot, row.Lead);
        }

        return row;
    }

    /// <summary>The rows whose pivot passes <paramref name="keep"/>, in reduced echelon form among themselves, by pivot.</summary>
    public List<IntegerRow<T>> Reduced(Func<int, bool> keep)
    {
        var rows = _byPivot.Where(p => keep(p.Key)).Select(p => p.Value).ToList();
        for (var i = rows.Count - 1; i > 0; i--)
        {
            var pivot = rows[i].Lead;
            for (var j = 0; j < i; j++)
            {
                if (rows[j].Touches(pivot))
                {
                    rows[j] = rows[j].Eliminate(rows[i], pivot);
                }
            }
        }

        return rows;
    }

    /// <summary>
    /// A basis of the vectors λ (over the <paramref name="size"/> coordinates) orthogonal to every row: the
    /// combinations of a small set of rows that a set of columns cannot tell apart.
    /// </summary>
    public List<Rational[]> OrthogonalBasis(int size)
    {
        var reduced = Reduced(_ => true);
        var pivots = reduced.Select(r => r.Lead).ToHashSet();
        var basis = new List<Rational[]>();
        for (var free = 0; free < size; free++)
        {
            if (pivots.Contains(free))
            {
                continue;
            }

            var vector = new Rational[size];
            vector[free] = Rational.One;
            foreach (var row in reduced)
            {
                var value = row.ValueAt(free);
                if (!T.IsZero(value))
                {
                    vector[row.Lead] = new Rational(-BigInteger.CreateChecked(value), BigInteger.CreateChecked(row.Values[0]));
                }
            }

            basis.Add(vector);
        }

        return basis;
    }
}
