using Echelon = CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver.Echelon<System.Numerics.BigInteger>;
using IntegerRow = CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver.IntegerRow<System.Numerics.BigInteger>;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver;

/// <summary>
/// A change of variables for the members of one class: the forms published on populations that cut the class
/// become coordinates of their own ("split": each such form is exactly one coordinate, so the equations of
/// different forms share no column), and the unknowns those forms leave free are the rest ("sym"). Any form f is
/// f = Σ cᵢ·φᵢ + Σ gⱼ·yⱼ over the basis forms φᵢ and the free unknowns yⱼ; a form in the span of the φ has g = 0.
/// </summary>
public sealed class SplitBasis
{
    private readonly List<Dictionary<int, Rational>> _forms;
    private readonly int[] _pivots;
    private readonly Rational[,] _inverse;

    private SplitBasis(List<Dictionary<int, Rational>> forms, List<string> words, int[] pivots, Rational[,] inverse, IReadOnlyList<int> free)
    {
        _forms = forms;
        Words = words;
        _pivots = pivots;
        _inverse = inverse;
        Free = free;
    }

    /// <summary>The split coordinates in words: the form each one is.</summary>
    public IReadOnlyList<string> Words { get; }

    public int Count => _forms.Count;

    /// <summary>The unknowns that stay as they are (the sym coordinates).</summary>
    public IReadOnlyList<int> Free { get; }

    /// <summary>A basis of the given forms (the first independent ones, in order) over a pattern of <paramref name="size"/> unknowns.</summary>
    public static SplitBasis Of(IEnumerable<ILinearForm> forms, Pattern pattern)
    {
        var span = new Echelon();
        var kept = new List<Dictionary<int, Rational>>();
        var words = new List<string>();
        foreach (var form in forms)
        {
            var coefficients = form.On(pattern);
            if (span.Add(IntegerRow.From(coefficients.Select(c => (c.Quantity, c.Coefficient)), [])))
            {
                kept.Add(coefficients.GroupBy(c => c.Quantity).ToDictionary(g => g.Key, g => g.Aggregate(Rational.Zero, (s, c) => s + c.Coefficient)));
                words.Add(form.Words);
            }
        }

        var pivots = span.Pivots.ToArray();
        var d = kept.Count;
        var matrix = new Rational[d, d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                matrix[i, j] = kept[i].GetValueOrDefault(pivots[j]);
            }
        }

        var free = Enumerable.Range(0, pattern.Count).Where(q => !pivots.Contains(q)).ToList();
        return new SplitBasis(kept, words, pivots, Invert(matrix), free);
    }

    /// <summary>The split coefficients c of a form: c = f(pivots)·B⁻¹, with B the basis forms at the pivots.</summary>
    public Rational[] Split(IReadOnlyDictionary<int, Rational> form)
    {
        var c = new Rational[Count];
        for (var i = 0; i < Count; i++)
        {
            for (var j = 0; j < Count; j++)
            {
                c[i] += form.GetValueOrDefault(_pivots[j]) * _inverse[j, i];
            }
        }

        return c;
    }

    /// <summary>The sym coefficient of a form on a free unknown, given its split coefficients.</summary>
    public Rational Sym(IReadOnlyDictionary<int, Rational> form, Rational[] split, int free)
    {
        var g = form.GetValueOrDefault(free);
        for (var i = 0; i < Count; i++)
        {
            g -= split[i] * _forms[i].GetValueOrDefault(free);
        }

        return g;
    }

    /// <summary>Gauss–Jordan inverse of a small invertible matrix, exactly.</summary>
    private static Rational[,] Invert(Rational[,] matrix)
    {
        var n = matrix.GetLength(0);
        var a = (Rational[,])matrix.Clone();
        var inverse = new Rational[n, n];
        for (var i = 0; i < n; i++)
        {
            inverse[i, i] = Rational.One;
        }

        for (var column = 0; column < n; column++)
        {
            var pivot = Enumerable.Range(column, n - column).First(r => !a[r, column].IsZero);
            for (var j = 0; j < n; j++)
            {
                (a[column, j], a[pivot, j]) = (a[pivot, j], a[column, j]);
                (inverse[column, j], inverse[pivot, j]) = (inverse[pivot, j], inverse[column, j]);
            }

            var scale = a[column, column];
            for (var j = 0; j < n; j++)
            {
                a[column, j] /= scale;
                inverse[column, j] /= scale;
            }

            for (var r = 0; r < n; r++)
            {
                var factor = a[r, column];
                if (r == column || factor.IsZero)
                {
                    continue;
                }

                for (var j = 0; j < n; j++)
                {
                    a[r, j] -= factor * a[column, j];
                    inverse[r, j] -= factor * inverse[column, j];
                }
            }
        }

        return inverse;
    }
}
