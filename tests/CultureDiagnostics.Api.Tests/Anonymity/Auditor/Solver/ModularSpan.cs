using System.Numerics;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver;

/// <summary>
/// Arithmetic modulo the prime 2^61 − 1, for the search's many small rank tests. A rank modulo a prime is never
/// more than the rank over the rationals (reduction maps a dependency with coprime integer coefficients to a
/// non-zero one), so a search that finds no dependency modulo the prime has proved there is none; every dependency
/// it does find is confirmed with exact rational arithmetic before it is reported.
/// </summary>
public static class Modular
{
    public const ulong Prime = 2305843009213693951;

    public static ulong Of(BigInteger value)
    {
        var r = value % Prime;
        return (ulong)(r.Sign < 0 ? r + Prime : r);
    }

    public static ulong Mul(ulong a, ulong b) => (ulong)((UInt128)a * b % Prime);

    public static ulong Sub(ulong a, ulong b) => a >= b ? a - b : a + (Prime - b);

    public static ulong Inverse(ulong a)
    {
        ulong result = 1, exponent = Prime - 2;
        while (exponent > 0)
        {
            if ((exponent & 1) == 1)
            {
                result = Mul(result, a);
            }

            a = Mul(a, a);
            exponent >>= 1;
        }

        return result;
    }
}

/// <summary>The span of dense vectors modulo the prime, in reduced echelon form (pivot entries 1).</summary>
public sealed class ModularSpan
{
    private readonly int _size;
    private readonly Dictionary<int, ulong[]> _byPivot = [];

    public ModularSpan(int size) => _size = size;

    public int Rank => _byPivot.Count;

    public ModularSpan Clone()
    {
        var copy = new ModularSpan(_size);
        foreach (var (pivot, row) in _byPivot)
        {
            copy._byPivot[pivot] = (ulong[])row.Clone();
        }

        return copy;
    }

    /// <summary>Whether the vector lies in the span.</summary>
    public bool Contains(ulong[] vector) => Reduce(vector) is null;

    /// <summary>Adds a vector; returns whether it raised the rank.</summary>
    public bool Add(ulong[] vector)
    {
        if (Reduce(vector) is not { } row)
        {
            return false;
        }

        var pivot = Array.FindIndex(row, v => v != 0);
        var inverse = Modular.Inverse(row[pivot]);
        for (var i = 0; i < _size; i++)
        {
            row[i] = Modular.Mul(row[i], inverse);
        }

        // Keep the form reduced: clear the new pivot from the rows already in.
        foreach (var other in _byPivot.Values)
        {
            var factor = other[pivot];
            if (factor != 0)
            {
                for (var i = 0; i < _size; i++)
                {
                    other[i] = Modular.Sub(other[i], Modular.Mul(factor, row[i]));
                }
            }
        }

        _byPivot[pivot] = row;
        return true;
    }

    /// <summary>A basis of the vectors λ with λ·v = 0 for every v in the span.</summary>
    public List<ulong[]> OrthogonalBasis()
    {
        var basis = new List<ulong[]>();
        for (var free = 0; free < _size; free++)
        {
            if (_byPivot.ContainsKey(free))
            {
                continue;
            }

            var lambda = new ulong[_size];
            lambda[free] = 1;
            foreach (var (pivot, row) in _byPivot)
            {
                lambda[pivot] = Modular.Sub(0, row[free]);
            }

            basis.Add(lambda);
        }

        return basis;
    }

    private ulong[]? Reduce(ulong[] vector)
    {
        var row = (ulong[])vector.Clone();
        foreach (var (pivot, basis) in _byPivot)
        {
            var factor = row[pivot];
            if (factor != 0)
            {
                for (var i = 0; i < _size; i++)
                {
                    row[i] = Modular.Sub(row[i], Modular.Mul(factor, basis[i]));
                }
            }
        }

        return row.Any(v => v != 0) ? row : null;
    }
}
