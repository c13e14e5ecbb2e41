namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver;

/// <summary>
/// Echelon form modulo the prime over a given order of the columns (a lower position is eliminated first), to find
/// which columns a basis of the column space takes. Modulo the prime a rank can only be lower than over the
/// rationals: a basis found here that is as large as the exact rank is a basis over the rationals too.
/// </summary>
public sealed class ModularEchelon
{
    private readonly Dictionary<int, (int[] Positions, ulong[] Values)> _byPivot = [];

    /// <summary>The pivot positions: the columns (in the order given) that form a basis.</summary>
    public IEnumerable<int> Pivots => _byPivot.Keys;

    public int Rank => _byPivot.Count;

    /// <summary>Eliminates the rows with their columns placed at the given positions.</summary>
    public static ModularEchelon Of(IEnumerable<(int[] Columns, ulong[] Values)> rows, IReadOnlyDictionary<int, int> positionOf)
    {
        var echelon = new ModularEchelon();
        foreach (var (columns, values) in rows)
        {
            var positions = new int[columns.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                positions[i] = positionOf[columns[i]];
            }

            var sorted = (ulong[])values.Clone();
            Array.Sort(positions, sorted);
            echelon.Add(positions, sorted);
        }

        return echelon;
    }

    private void Add(int[] positions, ulong[] values)
    {
        while (positions.Length > 0 && _byPivot.TryGetValue(positions[0], out var pivot))
        {
            (positions, values) = Subtract(positions, values, values[0], pivot);
        }

        if (positions.Length == 0)
        {
            return;
        }

        var inverse = Modular.Inverse(values[0]);
        _byPivot[positions[0]] = (positions, values.Select(v => Modular.Mul(v, inverse)).ToArray());
    }

    /// <summary>x − factor·pivot (the pivot row leads with 1), over the union of their positions.</summary>
    private static (int[], ulong[]) Subtract(int[] xp, ulong[] xv, ulong factor, (int[] Positions, ulong[] Values) pivot)
    {
        var positions = new List<int>(xp.Length + pivot.Positions.Length);
        var values = new List<ulong>(xp.Length + pivot.Positions.Length);
        int i = 0, j = 0;
        while (i < xp.Length || j < pivot.Positions.Length)
        {
            int position;
            ulong value;
            if (j == pivot.Positions.Length || (i < xp.Length && xp[i] < pivot.Positions[j]))
            {
                (position, value) = (xp[i], xv[i]);
                i++;
            }
            else if (i == xp.Length || pivot.Positions[j] < xp[i])
            {
                (position, value) = (pivot.Positions[j], Modular.Sub(0, Modular.Mul(factor, pivot.Values[j])));
                j++;
            }
            else
            {
                (position, value) = (xp[i], Modular.Sub(xv[i], Modular.Mul(factor, pivot.Values[j])));
                i++;
                j++;
            }

            if (value != 0)
            {
                positions.Add(position);
                values.Add(value);
            }
        }

        return (positions.ToArray(), values.ToArray());
    }
}
