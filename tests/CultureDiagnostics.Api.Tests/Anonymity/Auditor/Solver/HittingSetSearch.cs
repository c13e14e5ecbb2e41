using Echelon = CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver.Echelon<System.Numerics.BigInteger>;
using IntegerRow = CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver.IntegerRow<System.Numerics.BigInteger>;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver;

/// <summary>A determined non-zero linear function of the contributions of a few members (block member indices).</summary>
public sealed record Leak(int[] Members, IntegerRow Vector, int[] Sources);

/// <summary>
/// Finds every set S of at most <c>budget</c> respondents some non-zero function of whose contributions alone is
/// determined, in one component of the determined combinations that avoid heavy columns (rows in reduced echelon
/// form). In the column matroid of those rows, S leaks exactly when the columns outside S do not span the column
/// space, that is when S meets every basis. So:
/// <list type="number">
/// <item>Packing: bases are found that avoid the respondents earlier bases used. Bases whose respondents are
/// pairwise disjoint must each be met by a leaking S, so more of them than the budget prove the component safe.</item>
/// <item>Otherwise an implicit hitting-set search: find a set H of at most the budget that meets every basis found
/// (and holds no leak found), and test it by eliminating with H's columns last. If the columns outside H span, the
/// pivots are a new basis avoiding H (H no longer meets them all); if not, H leaks, and the exact combinations are
/// recorded. The search ends when no such H is left, so every leaking set has been found.</item>
/// </list>
/// The eliminations run modulo a prime (<see cref="Modular"/>): a basis as large as the exact rank modulo the prime
/// is one over the rationals, and whatever looks like a leak is confirmed with exact rational arithmetic.
/// </summary>
public sealed class HittingSetSearch
{
    /// <summary>Enough sets to show that a component leaks and where; the search stops there (the block has failed anyway).</summary>
    public const int MaxLeaks = 10;

    /// <summary>
    /// How long one component may be searched. A search cut short proves nothing: the block is reported
    /// incomplete, which fails the audit as a leak would.
    /// </summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    private readonly CompressedSystem _system;
    private readonly List<IntegerRow> _rows;
    private readonly int _budget;
    private readonly (int[] Columns, ulong[] Values)[] _modular;
    private readonly int[] _columns;
    private readonly Dictionary<int, int[]> _members = [];
    private readonly Dictionary<int, List<int>> _ownersOfMember = [];
    private readonly Dictionary<int, int> _usage = [];
    private readonly List<HashSet<int>> _bases = [];
    private readonly HashSet<string> _dead = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Leak> _found = new(StringComparer.Ordinal);

    public HittingSetSearch(CompressedSystem system, List<IntegerRow> rows, int budget)
    {
        _system = system;
        _rows = rows;
        _budget = budget;
        _modular = rows.Select(r => (r.Columns, r.Values.Select(Modular.Of).ToArray())).ToArray();
        _columns = rows.SelectMany(r => r.Columns).Distinct().Order().ToArray();
        foreach (var owner in _columns.Select(c => system.Columns[c].Owner).Distinct())
        {
            _members[owner] = system.Entities[owner].Members;
            foreach (var member in _members[owner])
            {
                if (!_ownersOfMember.TryGetValue(member, out var owners))
                {
                    _ownersOfMember[member] = owners = [];
                }

                owners.Add(owner);
            }
        }
    }

    /// <summary>How many candidate sets were tested by elimination.</summary>
    public long Tested { get; private set; }

    public int Bases => _bases.Count;

    /// <summary>Whether disjoint bases proved the component safe without a search.</summary>
    public bool Certified { get; private set; }

    /// <summary>Whether the search stopped at <see cref="MaxLeaks"/> (more sets may leak).</summary>
    public bool Stopped => _found.Count >= MaxLeaks;

    /// <summary>Whether the search ran out of <see cref="Budget"/> before it could prove the component safe.</summary>
    public bool Incomplete { get; private set; }

    public IReadOnlyCollection<Leak> Run()
    {
        var packed = new HashSet<int>();
        var disjoint = 0;
        while (disjoint <= _budget && Basis([]) is { } basis)
        {
            var respondents = basis.SelectMany(o => _members[o]).ToHashSet();
            if (respondents.Overlaps(packed))
            {
                break;
            }

            packed.UnionWith(respondents);
            disjoint++;
        }

        if (disjoint > _budget)
        {
            Certified = true;
            return [];
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!Stopped && Candidate([]) is { } candidate)
        {
            if (clock.Elapsed > Budget)
            {
                Incomplete = _found.Count == 0;
                break;
            }

            Tested++;
            if (Basis(candidate) is null && !Confirm(candidate))
            {
                // Modulo the prime the columns outside looked short of a basis, exactly they are not: take the exact basis.
                ExactBasis(candidate);
            }
        }

        return _found.Values;
    }

    private bool Inside(int owner, HashSet<int> respondents) => _members[owner].All(respondents.Contains);

    /// <summary>Columns outside <paramref name="avoid"/> first (owners least used by earlier bases first), its own last.</summary>
    private Dictionary<int, int> Order(HashSet<int> avoid) => _columns
        .OrderBy(c => Inside(_system.Columns[c].Owner, avoid) ? 1 : 0)
        .ThenBy(c => _usage.GetValueOrDefault(_system.Columns[c].Owner))
        .ThenBy(c => _system.Columns[c].Owner)
        .ThenBy(c => c)
        .Select((c, i) => (c, i))
        .ToDictionary(x => x.c, x => x.i);

    /// <summary>A basis avoiding the respondents, recorded; null when the columns outside them may not span.</summary>
    private HashSet<int>? Basis(HashSet<int> avoid)
    {
        var order = Order(avoid);
        var echelon = ModularEchelon.Of(_modular, order);
        var byPosition = order.ToDictionary(x => x.Value, x => x.Key);
        var pivots = echelon.Pivots.Select(p => byPosition[p]).ToList();
        if (echelon.Rank < _rows.Count || pivots.Any(c => Inside(_system.Columns[c].Owner, avoid)))
        {
            return null;
        }

        return Record(pivots);
    }

    private void ExactBasis(HashSet<int> avoid)
    {
        var order = Order(avoid);
        var echelon = new Echelon();
        foreach (var row in _rows)
        {
            echelon.Add(IntegerRow.From(row.Columns.Select((c, i) => (order[c], new Rational(row.Values[i], 1))), []));
        }

        var byPosition = order.ToDictionary(x => x.Value, x => x.Key);
        var pivots = echelon.Pivots.Select(p => byPosition[p]).ToList();
        if (echelon.Rank < _rows.Count || pivots.Any(c => Inside(_system.Columns[c].Owner, avoid)))
        {
            throw new InvalidOperationException("Exactly, a set neither leaks nor leaves a basis outside it: the elimination is wrong.");
        }

        Record(pivots);
    }

    private HashSet<int> Record(List<int> pivots)
    {
        var owners = pivots.Select(c => _system.Columns[c].Owner).ToHashSet();
        foreach (var owner in owners)
        {
            _usage[owner] = _usage.GetValueOrDefault(owner) + 1;
        }

        _bases.Add(owners);
        return owners;
    }

    /// <summary>
    /// A set of respondents within the budget that meets every basis found and holds no leak found, or null. Depth
    /// first: the basis it does not meet with the fewest affordable owners decides how to grow it.
    /// </summary>
    private HashSet<int>? Candidate(HashSet<int> chosen)
    {
        var key = string.Join(",", chosen.Order());
        if (_dead.Contains(key) || _found.Values.Any(l => l.Members.All(chosen.Contains)))
        {
            return null;
        }

        var inside = chosen.SelectMany(m => _ownersOfMember.GetValueOrDefault(m) ?? []).Where(o => Inside(o, chosen)).ToHashSet();
        List<int>? options = null;
        foreach (var basis in _bases)
        {
            if (basis.Overlaps(inside))
            {
                continue;
            }

            var affordable = basis.Where(o => chosen.Count + _members[o].Count(m => !chosen.Contains(m)) <= _budget).ToList();
            if (options is null || affordable.Count < options.Count)
            {
                options = affordable;
            }

            if (options.Count == 0)
            {
                break;
            }
        }

        if (options is null)
        {
            // Meets every basis (the empty set meets none, so there is always at least one basis by now).
            return chosen.Count > 0 ? chosen : null;
        }

        foreach (var owner in options.OrderBy(o => _members[o].Length).ThenBy(o => o))
        {
            var grown = new HashSet<int>(chosen);
            grown.UnionWith(_members[owner]);
            if (Candidate(grown) is { } found)
            {
                return found;
            }
        }

        _dead.Add(key);
        return null;
    }

    /// <summary>
    /// The exact check of a set of respondents S: the rows pivoted in S, restricted to the columns of respondents
    /// outside S, are dependent exactly when a non-zero combination of S's contributions alone is determined; each
    /// such combination is recorded with its exact vector. Returns whether S leaks.
    /// </summary>
    private bool Confirm(HashSet<int> respondents)
    {
        bool InsideColumn(int column) => Inside(_system.Columns[column].Owner, respondents);
        var rows = _rows.Where(r => InsideColumn(r.Lead)).ToList();
        var outside = new Echelon();
        foreach (var column in rows.SelectMany(r => r.Columns).Distinct().Where(c => !InsideColumn(c)))
        {
            outside.Add(IntegerRow.Dense(rows.Select(r => r.ValueAt(column)).ToArray()));
        }

        var leaks = outside.OrthogonalBasis(rows.Count);
        foreach (var lambda in leaks)
        {
            var entries = rows.SelectMany((row, i) => row.Columns.Select((c, j) => (c, lambda[i] * new Rational(row.Values[j], 1))));
            var sources = rows.Where((_, i) => !lambda[i].IsZero).SelectMany(r => r.Sources).Distinct().Order().ToArray();
            var vector = IntegerRow.From(entries, sources);
            var support = vector.Columns.SelectMany(c => _members[_system.Columns[c].Owner]).Distinct().Order().ToArray();
            if (vector.IsEmpty || !support.All(respondents.Contains))
            {
                throw new InvalidOperationException("An exact combination left its set of respondents: the elimination is wrong.");
            }

            _found.TryAdd(string.Join(",", support), new Leak(support, vector, sources));
        }

        return leaks.Count > 0;
    }
}
