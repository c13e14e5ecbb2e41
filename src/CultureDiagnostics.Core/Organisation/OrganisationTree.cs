namespace CultureDiagnostics.Core.Organisation;

/// <summary>
/// The organisation structure as a tree. The root is the organisation; its level names follow depth
/// (directorate, department, team), and any unit without children is treated as a team.
/// </summary>
public sealed class OrganisationTree
{
    private readonly Dictionary<string, Unit> _byId;
    private readonly Dictionary<string, List<Unit>> _children;

    /// <summary>How many levels of the whole organisation lie above this tree's roots (see <see cref="Surveyed"/>).</summary>
    private readonly int _levelsAbove;

    public OrganisationTree(IEnumerable<Unit> units)
        : this(units, 0)
    {
    }

    private OrganisationTree(IEnumerable<Unit> units, int levelsAbove)
    {
        _levelsAbove = levelsAbove;
        _byId = units.ToDictionary(u => u.Id);
        _children = _byId.Values
            .Where(u => u.ParentId is not null)
            .GroupBy(u => u.ParentId!)
            .ToDictionary(g => g.Key, g => g.OrderBy(u => u.Name, StringComparer.Ordinal).ToList());
        Roots = _byId.Values.Where(u => u.ParentId is null).OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<Unit> Roots { get; }

    /// <summary>
    /// The part of the organisation a campaign surveyed: the units it invited and the units above them, and nothing
    /// else, so that its results list only units that took part. Above the units it invited, the tree starts at the
    /// lowest unit that holds them all, unless every team below a higher one was invited (a pulse of one
    /// directorate's teams is that directorate's results, not the whole organisation's with everyone else missing). A unit above those invited counts as its headcount only
    /// the surveyed units' below it, unless every team under it was invited.
    /// </summary>
    public static OrganisationTree Surveyed(OrganisationTree whole, IEnumerable<string> invited)
    {
        var invitedIds = invited.Where(id => whole.Find(id) is not null).ToHashSet(StringComparer.Ordinal);
        var kept = invitedIds.SelectMany(id => whole.AncestorsOf(id).Select(a => a.Id).Append(id)).ToHashSet(StringComparer.Ordinal);
        bool EveryTeamInvited(string id) =>
            whole.SubtreeOf(id).Where(u => whole.ChildrenOf(u.Id).Count == 0).All(u => invitedIds.Contains(u.Id));
        var units = whole.Units.Where(u => kept.Contains(u.Id))
            .Select(u => invitedIds.Contains(u.Id) || EveryTeamInvited(u.Id) ? u : u with { Headcount = null })
            .ToDictionary(u => u.Id, StringComparer.Ordinal);

        // Drop units above the lowest one holding every invited unit: each has one surveyed child, and was surveyed
        // neither itself nor as a whole.
        var levelsAbove = 0;
        while (units.Values.Where(u => u.ParentId is null).ToList() is [var root]
            && !invitedIds.Contains(root.Id) && !EveryTeamInvited(root.Id)
            && units.Values.Where(u => u.ParentId == root.Id).ToList() is [var only])
        {
            units.Remove(root.Id);
            units[only.Id] = only with { ParentId = null };
            levelsAbove++;
        }

        return new OrganisationTree(units.Values, levelsAbove);
    }

    public IReadOnlyCollection<Unit> Units => _byId.Values;

    public Unit? Find(string id) => _byId.GetValueOrDefault(id);

    public IReadOnlyList<Unit> ChildrenOf(string id) =>
        _children.TryGetValue(id, out var list) ? list : [];

    /// <summary>The unit's ancestors, nearest first.</summary>
    public IEnumerable<Unit> AncestorsOf(string id)
    {
        var current = Find(id);
        while (current?.ParentId is { } parentId && Find(parentId) is { } parent)
        {
            yield return parent;
            current = parent;
        }
    }

    /// <summary>The unit and every unit below it.</summary>
    public IEnumerable<Unit> SubtreeOf(string id)
    {
        if (Find(id) is not { } start)
        {
            yield break;
        }

        var stack = new Stack<Unit>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            var unit = stack.Pop();
            yield return unit;
            foreach (var child in ChildrenOf(unit.Id))
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>Every unit, each followed by its children (alphabetical), with its depth below the organisation.</summary>
    public IReadOnlyList<(Unit Unit, int Depth)> InTreeOrder()
    {
        var ordered = new List<(Unit, int)>(_byId.Count);
        var stack = new Stack<(Unit, int)>(Roots.Reverse().Select(r => (r, 0)));
        while (stack.Count > 0)
        {
            var (unit, depth) = stack.Pop();
            ordered.Add((unit, depth));
            foreach (var child in ChildrenOf(unit.Id).Reverse())
            {
                stack.Push((child, depth + 1));
            }
        }

        return ordered;
    }

    /// <summary>The unit's headcount, or the sum of its children's when it has none of its own; null when unknown.</summary>
    public int? HeadcountOf(string id)
    {
        if (Find(id) is not { } unit)
        {
            return null;
        }

        if (unit.Headcount is { } own)
        {
            return own;
        }

        var children = ChildrenOf(id).Select(c => HeadcountOf(c.Id)).ToList();
        return children.Count == 0 || children.Any(c => c is null) ? null : children.Sum();
    }

    public int DepthOf(string id) => AncestorsOf(id).Count();

    public string LevelOf(string id)
    {
        if (ChildrenOf(id).Count == 0 && Find(id)?.ParentId is not null)
        {
            return "team";
        }

        return (DepthOf(id) + _levelsAbove) switch
        {
            0 => "organisation",
            1 => "directorate",
            2 => "department",
            _ => "team",
        };
    }
}
