namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver;

/// <summary>A determined non-zero linear function of the contributions of a few members (block member indices).</summary>
public sealed record Leak(int[] Members, IntegerRow Vector, int[] Sources);

/// <summary>
/// Finds every set of at most <c>budget</c> respondents some non-zero function of whose contributions alone is
/// determined. Input: the determined combinations that avoid heavy columns, as rows in reduced echelon form (row i
/// has pivot p_i, and no other row touches p_i). A vector of the span supported on a set S is Σ λ_i·row_i over
/// the rows with pivots in S, so S leaks exactly when some combination of the rows pivoted in S cancels on every
/// column outside S.
/// <para>
/// The search: take the smallest row ρ0 of such a combination (every row is tried). The owners of the pivots of
/// the combination's rows form a set A, connected through shared columns (a combination that falls into two parts
/// with no column in common is two combinations), so A is enumerated as a connected set containing ρ0's owner
/// (ESU, each set once per ρ0). At each A the rows of A from ρ0 on are tested exactly: the smallest set of further
/// owners ("absorbed") whose columns a combination may keep, so that it vanishes elsewhere. A branch is cut only by
/// a bound that holds for every larger A: every row that takes part has its columns that no other row of A touches
/// either absorbed or touched by a row of an owner yet to come, and each respondent of the remaining budget can
/// pay for at most as many of those owners as the best single owner or absorption covers.
/// </para>
/// </summary>
public sealed class LeakSearch
{
    private readonly CompressedSystem _system;
    private readonly List<IntegerRow> _rows;
    private readonly int _budget;
    private readonly int[] _pivotOwner;
    private readonly Dictionary<int, List<int>> _rowsOfColumn = [];
    private readonly Dictionary<int, List<int>> _rowsOfEntity = [];
    private readonly Dictionary<int, HashSet<int>> _adjacency = [];
    private readonly Dictionary<string, Leak> _found = new(StringComparer.Ordinal);

    public LeakSearch(CompressedSystem system, List<IntegerRow> rows, int budget)
    {
        _system = system;
        _rows = rows;
        _budget = budget;
        _pivotOwner = rows.Select(r => system.Columns[r.Lead].Owner).ToArray();
        for (var r = 0; r < rows.Count; r++)
        {
            foreach (var column in rows[r].Columns)
            {
                if (!_rowsOfColumn.TryGetValue(column, out var list))
                {
                    _rowsOfColumn[column] = list = [];
                }

                list.Add(r);
            }

            if (!_rowsOfEntity.TryGetValue(_pivotOwner[r], out var own))
            {
                _rowsOfEntity[_pivotOwner[r]] = own = [];
            }

            own.Add(r);
        }
    }

    /// <summary>How many sets were tested exactly: the work the bound left to do.</summary>
    public long Tested { get; private set; }

    public IReadOnlyCollection<Leak> Run()
    {
        for (var r0 = 0; r0 < _rows.Count; r0++)
        {
            var seed = _pivotOwner[r0];
            var members = _system.Entities[seed].Members.ToHashSet();
            if (members.Count > _budget)
            {
                continue;
            }

            var closed = new HashSet<int>(Adjacent(seed)) { seed };
            var extension = Adjacent(seed).Where(e => e != seed && HasRowAfter(e, r0)).ToList();
            Extend([seed], members, extension, closed, r0);
        }

        return _found.Values;
    }

    private void Extend(List<int> owners, HashSet<int> members, List<int> extension, HashSet<int> closed, int r0)
    {
        var rows = RowsOf(owners, r0);
        if (!CanStillLeak(owners, members, rows, r0))
        {
            return;
        }

        Test(members, rows);
        var pending = new List<int>(extension);
        while (pending.Count > 0)
        {
            var next = pending[^1];
            pending.RemoveAt(pending.Count - 1);
            var grown = new HashSet<int>(members);
            grown.UnionWith(_system.Entities[next].Members);
            if (grown.Count > _budget)
            {
                continue;
            }

            var nextExtension = new List<int>(pending);
            nextExtension.AddRange(Adjacent(next).Where(e => !closed.Contains(e) && HasRowAfter(e, r0)));
            var nextClosed = new HashSet<int>(closed);
            nextClosed.UnionWith(Adjacent(next));
            nextClosed.Add(next);
            Extend([.. owners, next], grown, nextExtension, nextClosed, r0);
        }
    }

    private List<int> RowsOf(List<int> owners, int r0) =>
        owners.SelectMany(o => _rowsOfEntity[o]).Where(r => r >= r0).Order().ToList();

    private bool HasRowAfter(int entity, int r0) => _rowsOfEntity.TryGetValue(entity, out var rows) && rows[^1] > r0;

    private HashSet<int> Adjacent(int entity)
    {
        if (_adjacency.TryGetValue(entity, out var adjacent))
        {
            return adjacent;
        }

        adjacent = [];
        foreach (var r in _rowsOfEntity.GetValueOrDefault(entity) ?? [])
        {
            foreach (var column in _rows[r].Columns)
            {
                foreach (var other in _rowsOfColumn[column])
                {
                    adjacent.Add(_pivotOwner[other]);
                }
            }
        }

        adjacent.Remove(entity);
        return _adjacency[entity] = adjacent;
    }

    private bool IsPaid(int owner, HashSet<int> members) => _system.Entities[owner].Members.All(members.Contains);

    /// <summary>The bound: false when no set of owners containing these can leak with ρ0 and a row of each owner taking part.</summary>
    private bool CanStillLeak(List<int> owners, HashSet<int> members, List<int> rows, int r0)
    {
        var left = _budget - members.Count;
        var touches = new Dictionary<int, int>();
        foreach (var r in rows)
        {
            foreach (var column in _rows[r].Columns)
            {
                touches[column] = touches.GetValueOrDefault(column) + 1;
            }
        }

        foreach (var owner in owners)
        {
            var candidates = owner == _pivotOwner[r0] ? [r0] : _rowsOfEntity[owner].Where(r => r > r0);
            if (candidates.Min(r => Need(r, members, touches, r0)) > left)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A lower bound on the respondents it costs to cancel or keep the columns only row r touches.</summary>
    private int Need(int r, HashSet<int> members, Dictionary<int, int> touches, int r0)
    {
        var lonely = new HashSet<int>();
        var cover = new Dictionary<int, HashSet<int>>();
        foreach (var column in _rows[r].Columns)
        {
            var owner = _system.Columns[column].Owner;
            if (touches[column] != 1 || IsPaid(owner, members))
            {
                continue;
            }

            lonely.Add(owner);
            foreach (var other in _rowsOfColumn[column])
            {
                var coverer = _pivotOwner[other];
                if (other > r0 && !IsPaid(coverer, members))
                {
                    if (!cover.TryGetValue(coverer, out var covered))
                    {
                        cover[coverer] = covered = [];
                    }

                    covered.Add(owner);
                }
            }
        }

        if (lonely.Count == 0)
        {
            return 0;
        }

        // Absorbing an owner covers it (a class covers itself and its atoms: at most two owners per respondent).
        var best = lonely.Any(o => _system.Entities[o].Members.Length > 1) ? 2 : 1;
        foreach (var covered in cover.Values)
        {
            best = Math.Max(best, covered.Count);
        }

        return (lonely.Count + best - 1) / best;
    }

    /// <summary>The exact test of one set of rows: is some combination zero outside a few respondents?</summary>
    private void Test(HashSet<int> members, List<int> rows)
    {
        Tested++;
        var k = rows.Count;
        var vectors = new Dictionary<int, List<IntegerRow>>();
        var columns = rows.SelectMany(r => _rows[r].Columns).Distinct();
        foreach (var column in columns)
        {
            var owner = _system.Columns[column].Owner;
            if (IsPaid(owner, members))
            {
                continue;
            }

            var vector = Echelon.Dense(rows.Select(r => _rows[r].ValueAt(column)).ToList());
            if (!vectors.TryGetValue(owner, out var list))
            {
                vectors[owner] = list = [];
            }

            list.Add(vector);
        }

        // Owners whose columns span the same directions are kept or absorbed together.
        var directions = vectors
            .GroupBy(v => SpanKey(v.Value), StringComparer.Ordinal)
            .Select(g => new Direction(g.Select(v => v.Key).ToList(), g.First().Value))
            .ToList();
        var kept = new Echelon();
        var open = new List<Direction>();
        foreach (var direction in directions)
        {
            var weight = new HashSet<int>(members);
            foreach (var owner in direction.Owners)
            {
                weight.UnionWith(_system.Entities[owner].Members);
            }

            if (weight.Count > _budget)
            {
                direction.Vectors.ForEach(v => kept.Add(v));
            }
            else
            {
                open.Add(direction);
            }
        }

        if (kept.Rank < k)
        {
            Absorb(kept, open, 0, members, rows);
        }
    }

    private void Absorb(Echelon kept, List<Direction> open, int index, HashSet<int> members, List<int> rows)
    {
        while (index < open.Count && open[index].Vectors.All(v => kept.Reduce(v).IsEmpty))
        {
            index++;
        }

        var all = kept.Clone();
        for (var i = index; i < open.Count; i++)
        {
            open[i].Vectors.ForEach(v => all.Add(v));
        }

        if (all.Rank < rows.Count)
        {
            foreach (var lambda in all.OrthogonalBasis(rows.Count))
            {
                Record(lambda, rows);
            }

            return;
        }

        var direction = open[index];
        var keep = kept.Clone();
        direction.Vectors.ForEach(v => keep.Add(v));
        if (keep.Rank < rows.Count)
        {
            Absorb(keep, open, index + 1, members, rows);
        }

        var absorbed = new HashSet<int>(members);
        foreach (var owner in direction.Owners)
        {
            absorbed.UnionWith(_system.Entities[owner].Members);
        }

        if (absorbed.Count <= _budget)
        {
            Absorb(kept, open, index + 1, absorbed, rows);
        }
    }

    private void Record(Rational[] lambda, List<int> rows)
    {
        var entries = new List<(int, Rational)>();
        var sources = new SortedSet<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (lambda[i].IsZero)
            {
                continue;
            }

            var row = _rows[rows[i]];
            sources.UnionWith(row.Sources);
            for (var c = 0; c < row.Columns.Length; c++)
            {
                entries.Add((row.Columns[c], lambda[i] * new Rational(row.Values[c], 1)));
            }
        }

        var vector = IntegerRow.From(entries, [.. sources]);
        var respondents = vector.Columns.SelectMany(c => _system.Entities[_system.Columns[c].Owner].Members).Distinct().Order().ToArray();
        if (vector.IsEmpty || respondents.Length > _budget)
        {
            throw new InvalidOperationException("The leak search recorded a combination outside its budget: the search is wrong.");
        }

        _found.TryAdd(string.Join(",", respondents), new Leak(respondents, vector, vector.Sources));
    }

    private static string SpanKey(List<IntegerRow> vectors)
    {
        var span = new Echelon();
        vectors.ForEach(v => span.Add(v));
        return string.Join(";", span.Reduced(_ => true).Select(r => string.Join(",", r.Columns.Select((c, i) => $"{c}:{r.Values[i]}"))));
    }

    private sealed record Direction(List<int> Owners, List<IntegerRow> Vectors);
}
