using Echelon = CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver.Echelon<System.Numerics.BigInteger>;
using IntegerRow = CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver.IntegerRow<System.Numerics.BigInteger>;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver;

/// <summary>Who owns a column: an atom (members no equation tells apart) or a class of atoms sharing a pattern.</summary>
public sealed record Entity(int Id, int[] Members, string Words);

/// <summary>A column of the compressed system: an unknown (or a fixed combination of unknowns) of its owner's members, summed.</summary>
public sealed record Column(int Owner, string Words, bool Heavy);

/// <summary>
/// A block's equations over compressed columns, ready for elimination. Two exact reductions shrink the system
/// without changing what can be worked out about any set of respondents:
/// <list type="number">
/// <item>Atoms: members in exactly the same populations with the same pattern have identical coefficients
/// everywhere, so every determined quantity treats them alike; only their sum is a column.</item>
/// <item>Classes: members of one class (same unit and pattern) are told apart only by the populations that cut
/// the class (demographic categories). Changing each member's unknowns to the forms those populations publish
/// ("split" coordinates) plus a complement on which they vanish ("sym" coordinates) leaves every equation
/// either with no sym part or with the same sym part for every member of the class, so the sym parts of a
/// class are one column owned by the whole class. The change of variables is invertible per respondent, so a
/// function of a set's contributions stays one.</item>
/// </list>
/// A column owned by at least the threshold's respondents can never be part of a small set's contribution: such
/// "heavy" columns come first in the order, so the rows that survive elimination with a later pivot are exactly
/// the determined combinations that avoid them.
/// </summary>
public sealed class CompressedSystem
{
    private CompressedSystem(BlockSystem block, List<Entity> entities, List<Column> columns, List<IntegerRow> rows, int heavyCount)
    {
        Block = block;
        Entities = entities;
        Columns = columns;
        Rows = rows;
        HeavyCount = heavyCount;
    }

    public BlockSystem Block { get; }

    public List<Entity> Entities { get; }

    /// <summary>Columns in elimination order: heavy first.</summary>
    public List<Column> Columns { get; }

    /// <summary>One row per equation (sources = its id), over column positions.</summary>
    public List<IntegerRow> Rows { get; }

    public int HeavyCount { get; }

    public static CompressedSystem Build(BlockSystem block)
    {
        var memberships = block.Members.Select(_ => new List<int>()).ToList();
        foreach (var equation in block.Equations)
        {
            foreach (var member in equation.Members)
            {
                memberships[member].Add(equation.Id);
            }
        }

        // Atoms: same pattern, same class, same equations.
        var atoms = Enumerable.Range(0, block.Members.Count)
            .GroupBy(m => $"{block.Members[m].ClassKey}\u0001{block.Members[m].Pattern.Key}\u0001{string.Join(",", memberships[m])}", StringComparer.Ordinal)
            .Select(g => g.ToArray())
            .ToList();
        var atomOf = new int[block.Members.Count];
        for (var a = 0; a < atoms.Count; a++)
        {
            foreach (var m in atoms[a])
            {
                atomOf[m] = a;
            }
        }

        var entities = atoms.Select((members, a) => new Entity(a, members, Describe(block, members))).ToList();
        var classes = Enumerable.Range(0, atoms.Count)
            .GroupBy(a => $"{block.Members[atoms[a][0]].ClassKey}\u0001{block.Members[atoms[a][0]].Pattern.Key}", StringComparer.Ordinal)
            .Select(g => g.ToArray())
            .ToList();

        var equationsOfAtom = atoms.Select(members => memberships[members[0]].ToHashSet()).ToList();
        var layouts = new List<ClassLayout>();
        foreach (var atomIds in classes)
        {
            var pattern = block.Members[atoms[atomIds[0]][0]].Pattern;
            if (atomIds.Length == 1)
            {
                layouts.Add(new ClassLayout(atomIds, pattern, null, -1));
                continue;
            }

            // Populations that hold some atoms of the class but not all: their forms are the split coordinates.
            var cutting = block.Equations
                .Where(e => atomIds.Any(a => equationsOfAtom[a].Contains(e.Id)) && !atomIds.All(a => equationsOfAtom[a].Contains(e.Id)))
                .Select(e => e.Form)
                .DistinctBy(f => f.Key)
                .ToList();
            var basis = SplitBasis.Of(cutting, pattern);
            var members = atomIds.SelectMany(a => atoms[a]).ToArray();
            var owner = -1;
            if (basis.Free.Count > 0)
            {
                owner = entities.Count;
                entities.Add(new Entity(owner, members, Describe(block, members)));
            }

            layouts.Add(new ClassLayout(atomIds, pattern, basis, owner));
        }

        var (columns, positionOf) = LayOut(block, entities, layouts, atoms);
        var classOfAtom = new Dictionary<int, ClassLayout>();
        foreach (var layout in layouts)
        {
            foreach (var a in layout.Atoms)
            {
                classOfAtom[a] = layout;
            }
        }

        var rows = new List<IntegerRow>();
        foreach (var equation in block.Equations)
        {
            var entries = new List<(int, Rational)>();
            var atomsIn = equation.Members.Select(m => atomOf[m]).Distinct().ToList();
            foreach (var a in atomsIn)
            {
                var layout = classOfAtom[a];
                var coefficients = equation.Form.On(layout.Pattern);
                if (layout.Basis is null)
                {
                    entries.AddRange(coefficients.Select(c => (positionOf[(a, c.Quantity)], c.Coefficient)));
                    continue;
                }

                var split = layout.Basis.Split(Coefficients(coefficients));
                for (var i = 0; i < split.Length; i++)
                {
                    if (!split[i].IsZero)
                    {
                        entries.Add((positionOf[(a, -1 - i)], split[i]));
                    }
                }
            }

            // The sym part: once per class the equation holds whole (an equation that cuts the class has none).
            foreach (var layout in atomsIn.Select(a => classOfAtom[a]).Distinct().Where(l => l.Owner >= 0))
            {
                var f = Coefficients(equation.Form.On(layout.Pattern));
                var split = layout.Basis!.Split(f);
                foreach (var free in layout.Basis.Free)
                {
                    var g = layout.Basis.Sym(f, split, free);
                    if (!g.IsZero)
                    {
                        entries.Add((positionOf[(-1 - layout.Owner, free)], g));
                    }
                }
            }

            rows.Add(IntegerRow.From(entries, [equation.Id]));
        }

        return new CompressedSystem(block, entities, columns, rows, columns.Count(c => c.Heavy));
    }

    /// <summary>Heavy columns first, then the light ones grouped by owner.</summary>
    private static (List<Column> Columns, Dictionary<(int, int), int> PositionOf) LayOut(
        BlockSystem block, List<Entity> entities, List<ClassLayout> layouts, List<int[]> atoms)
    {
        // Keys: (atom, quantity) for whole patterns, (atom, −1 − i) for split coordinates, (−1 − class owner, quantity) for sym ones.
        var all = new List<((int, int) Key, Column Column)>();
        foreach (var layout in layouts)
        {
            foreach (var a in layout.Atoms)
            {
                var owner = entities[a];
                var heavy = owner.Members.Length >= block.Threshold;
                if (layout.Basis is null)
                {
                    all.AddRange(Enumerable.Range(0, layout.Pattern.Count).Select(q => ((a, q), new Column(a, layout.Pattern.Quantities[q], heavy))));
                }
                else
                {
                    all.AddRange(layout.Basis.Words.Select((words, i) => ((a, -1 - i), new Column(a, words, heavy))));
                }
            }

            if (layout.Owner >= 0)
            {
                var heavy = entities[layout.Owner].Members.Length >= block.Threshold;
                all.AddRange(layout.Basis!.Free.Select(q => ((-1 - layout.Owner, q), new Column(layout.Owner, "the rest of " + layout.Pattern.Quantities[q], heavy))));
            }
        }

        var ordered = all.Where(x => x.Column.Heavy).Concat(all.Where(x => !x.Column.Heavy)).ToList();
        return (ordered.Select(x => x.Column).ToList(), ordered.Select((x, i) => (x.Key, i)).ToDictionary(x => x.Key, x => x.i));
    }

    private static Dictionary<int, Rational> Coefficients(IReadOnlyList<(int Quantity, Rational Coefficient)> form) =>
        form.GroupBy(c => c.Quantity).ToDictionary(g => g.Key, g => g.Aggregate(Rational.Zero, (sum, c) => sum + c.Coefficient));

    private static string Describe(BlockSystem block, int[] members) =>
        members.Length == 1 ? block.Members[members[0]].Words : $"{members.Length} respondents ({block.Members[members[0]].Words} and alike)";

    /// <summary>A class's change of variables (null: the class is one atom, whose unknowns stay as they are).</summary>
    private sealed record ClassLayout(int[] Atoms, Pattern Pattern, SplitBasis? Basis, int Owner);
}
