using System.Numerics;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver;

/// <summary>
/// One equation in fraction-free form: integer coefficients on column positions (ascending), divided by their
/// common divisor so that they stay small through elimination, with the published equations it was combined from.
/// </summary>
public sealed class IntegerRow
{
    private IntegerRow(int[] columns, BigInteger[] values, int[] sources)
    {
        Columns = columns;
        Values = values;
        Sources = sources;
    }

    public int[] Columns { get; }

    public BigInteger[] Values { get; }

    /// <summary>The ids of the published equations this row is a combination of (ascending).</summary>
    public int[] Sources { get; }

    public bool IsEmpty => Columns.Length == 0;

    /// <summary>The first column with a non-zero coefficient: the pivot once the row is in echelon form.</summary>
    public int Lead => Columns[0];

    /// <summary>A row from rational coefficients (zeros dropped, columns summed), scaled to coprime integers.</summary>
    public static IntegerRow From(IEnumerable<(int Column, Rational Value)> entries, int[] sources)
    {
        var sums = new SortedDictionary<int, Rational>();
        foreach (var (column, value) in entries)
        {
            sums[column] = sums.TryGetValue(column, out var sum) ? sum + value : value;
        }

        var kept = sums.Where(e => !e.Value.IsZero).ToList();
        var scale = kept.Aggregate(BigInteger.One, (lcm, e) => lcm / BigInteger.GreatestCommonDivisor(lcm, e.Value.Denominator) * e.Value.Denominator);
        return Normalised(
            kept.Select(e => e.Key).ToArray(),
            kept.Select(e => e.Value.Numerator * (scale / e.Value.Denominator)).ToArray(),
            sources);
    }

    public BigInteger ValueAt(int column)
    {
        var index = Array.BinarySearch(Columns, column);
        return index >= 0 ? Values[index] : BigInteger.Zero;
    }

    public bool Touches(int column) => Array.BinarySearch(Columns, column) >= 0;

    /// <summary>The row with <paramref name="column"/> eliminated by <paramref name="pivot"/> (which must touch it).</summary>
    public IntegerRow Eliminate(IntegerRow pivot, int column)
    {
        var mine = ValueAt(column);
        if (mine.IsZero)
        {
            return this;
        }

        var theirs = pivot.ValueAt(column);
        var gcd = BigInteger.GreatestCommonDivisor(mine, theirs);
        return Combine(this, theirs / gcd, pivot, -(mine / gcd));
    }

    /// <summary>a·x + b·y over the union of their columns, normalised.</summary>
    public static IntegerRow Combine(IntegerRow x, BigInteger a, IntegerRow y, BigInteger b)
    {
        var columns = new List<int>(x.Columns.Length + y.Columns.Length);
        var values = new List<BigInteger>(x.Columns.Length + y.Columns.Length);
        int i = 0, j = 0;
        while (i < x.Columns.Length || j < y.Columns.Length)
        {
            int column;
            BigInteger value;
            if (j == y.Columns.Length || (i < x.Columns.Length && x.Columns[i] < y.Columns[j]))
            {
                (column, value) = (x.Columns[i], a * x.Values[i]);
                i++;
            }
            else if (i == x.Columns.Length || y.Columns[j] < x.Columns[i])
            {
                (column, value) = (y.Columns[j], b * y.Values[j]);
                j++;
            }
            else
            {
                (column, value) = (x.Columns[i], (a * x.Values[i]) + (b * y.Values[j]));
                i++;
                j++;
            }

            if (!value.IsZero)
            {
                columns.Add(column);
                values.Add(value);
            }
        }

        return Normalised(columns.ToArray(), values.ToArray(), MergeSources(x.Sources, y.Sources));
    }

    private static IntegerRow Normalised(int[] columns, BigInteger[] values, int[] sources)
    {
        if (values.Length == 0)
        {
            return new IntegerRow(columns, values, sources);
        }

        var gcd = BigInteger.Zero;
        foreach (var v in values)
        {
            gcd = BigInteger.GreatestCommonDivisor(gcd, v);
            if (gcd.IsOne)
            {
                break;
            }
        }

        if (values[0].Sign < 0)
        {
            gcd = -gcd;
        }

        if (!gcd.IsOne)
        {
            for (var k = 0; k < values.Length; k++)
            {
                values[k] /= gcd;
            }
        }

        return new IntegerRow(columns, values, sources);
    }

    private static int[] MergeSources(int[] x, int[] y)
    {
        if (x.Length == 0 || ReferenceEquals(x, y))
        {
            return y;
        }

        if (y.Length == 0)
        {
            return x;
        }

        var merged = new List<int>(x.Length + y.Length);
        int i = 0, j = 0;
        while (i < x.Length || j < y.Length)
        {
            if (j == y.Length || (i < x.Length && x[i] < y[j]))
            {
                merged.Add(x[i++]);
            }
            else if (i == x.Length || y[j] < x[i])
            {
                merged.Add(y[j++]);
            }
            else
            {
                merged.Add(x[i++]);
                j++;
            }
        }

        return merged.ToArray();
    }
}
