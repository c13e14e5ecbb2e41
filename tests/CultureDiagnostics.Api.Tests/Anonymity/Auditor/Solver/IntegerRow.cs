using System.Numerics;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver;

/// <summary>
/// One equation in fraction-free form: integer coefficients on column positions (ascending), divided by their
/// common divisor so that they stay small through elimination, with the published equations it was combined from.
/// Generic in the integer: the large eliminations run on <see cref="long"/> with checked arithmetic (an overflow
/// throws, and the caller starts again with <see cref="BigInteger"/>), everything else on <see cref="BigInteger"/>.
/// </summary>
public sealed class IntegerRow<T>
    where T : IBinaryInteger<T>
{
    private IntegerRow(int[] columns, T[] values, int[] sources)
    {
        Columns = columns;
        Values = values;
        Sources = sources;
    }

    public int[] Columns { get; }

    public T[] Values { get; }

    /// <summary>The ids of the published equations this row is a combination of (ascending).</summary>
    public int[] Sources { get; }

    public bool IsEmpty => Columns.Length == 0;

    /// <summary>The first column with a non-zero coefficient: the pivot once the row is in echelon form.</summary>
    public int Lead => Columns[0];

    /// <summary>A row from rational coefficients (zeros dropped, columns summed), scaled to coprime integers.</summary>
    internal static IntegerRow<T> From(IEnumerable<(int Column, Rational Value)> entries, int[] sources)
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
            kept.Select(e => T.CreateChecked(e.Value.Numerator * (scale / e.Value.Denominator))).ToArray(),
            sources);
    }

    /// <summary>A dense vector over coordinates 0..n−1 (zeros dropped), normalised.</summary>
    internal static IntegerRow<T> Dense(T[] values)
    {
        var columns = new List<int>(values.Length);
        var kept = new List<T>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (!T.IsZero(values[i]))
            {
                columns.Add(i);
                kept.Add(values[i]);
            }
        }

        return Normalised(columns.ToArray(), kept.ToArray(), []);
    }

    /// <summary>The row's coefficients as text, for grouping rows that are multiples of each other.</summary>
    public string Key() => string.Join(",", Columns.Select((c, i) => $"{c}:{Values[i]}"));

    public T ValueAt(int column)
    {
        var index = Array.BinarySearch(Columns, column);
        return index >= 0 ? Values[index] : T.Zero;
    }

    /// <summary>The same row over another integer type (checked: a value that does not fit throws).</summary>
    public IntegerRow<TOther> As<TOther>()
        where TOther : IBinaryInteger<TOther> =>
        IntegerRow<TOther>.Of(Columns, Values.Select(TOther.CreateChecked).ToArray(), Sources);

    private static IntegerRow<T> Of(int[] columns, T[] values, int[] sources) => new(columns, values, sources);

    public bool Touches(int column) => Array.BinarySearch(Columns, column) >= 0;

    /// <summary>The row with <paramref name="column"/> eliminated by <paramref name="pivot"/> (which must touch it).</summary>
    public IntegerRow<T> Eliminate(IntegerRow<T> pivot, int column)
    {
        var mine = ValueAt(column);
        if (T.IsZero(mine))
        {
            return this;
        }

        var theirs = pivot.ValueAt(column);
        var gcd = Gcd(mine, theirs);
        return Combine(this, theirs / gcd, pivot, checked(-(mine / gcd)));
    }

    /// <summary>a·x + b·y over the union of their columns, normalised.</summary>
    internal static IntegerRow<T> Combine(IntegerRow<T> x, T a, IntegerRow<T> y, T b)
    {
        var columns = new List<int>(x.Columns.Length + y.Columns.Length);
        var values = new List<T>(x.Columns.Length + y.Columns.Length);
        int i = 0, j = 0;
        while (i < x.Columns.Length || j < y.Columns.Length)
        {
            int column;
            T value;
            if (j == y.Columns.Length || (i < x.Columns.Length && x.Columns[i] < y.Columns[j]))
            {
                (column, value) = (x.Columns[i], checked(a * x.Values[i]));
                i++;
            }
            else if (i == x.Columns.Length || y.Columns[j] < x.Columns[i])
            {
                (column, value) = (y.Columns[j], checked(b * y.Values[j]));
                j++;
            }
            else
            {
                (column, value) = (x.Columns[i], checked((a * x.Values[i]) + (b * y.Values[j])));
                i++;
                j++;
            }

            if (!T.IsZero(value))
            {
                columns.Add(column);
                values.Add(value);
            }
        }

        return Normalised(columns.ToArray(), values.ToArray(), MergeSources(x.Sources, y.Sources));
    }

    private static IntegerRow<T> Normalised(int[] columns, T[] values, int[] sources)
    {
        if (values.Length == 0)
        {
            return new IntegerRow<T>(columns, values, sources);
        }

        var gcd = T.Zero;
        foreach (var v in values)
        {
            gcd = Gcd(gcd, v);
            if (gcd == T.One)
            {
                break;
            }
        }

        if (T.IsNegative(values[0]))
        {
            gcd = -gcd;
        }

        if (gcd != T.One)
        {
            for (var k = 0; k < values.Length; k++)
            {
                values[k] /= gcd;
            }
        }

        return new IntegerRow<T>(columns, values, sources);
    }

    private static T Gcd(T a, T b)
    {
        (a, b) = (T.Abs(a), T.Abs(b));
        while (!T.IsZero(b))
        {
            (a, b) = (b, a % b);
        }

        return a;
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
