namespace CultureDiagnostics.Core.Organisation;

/// <summary>
/// The organisation structure as a tree. The root is the organisation; its level names follow depth
/// (directorate, department, team), and any unit without children is treated as a team.
/// </summary>
public sealed class OrganisationTree
{
    private readonly Dictionary<string, Unit> _byId;
    private readonly Dictionary<string, List<Unit>> _children;

    public OrganisationTree(IEnumerable<Unit> units)
    {
        _byId = units.ToDictionary(u => u.Id);
        _children = _byId.Values
            .Where(u => u.ParentId is not null)
            .GroupBy(u => u.ParentId!)
            .ToDictionary(g => g.Key, g => g.OrderBy(u => u.Name, StringComparer.Ordinal).ToList());
        Roots = _byId.Values.Where(u => u.ParentId is null).OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<Unit> Roots { get; }

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

        return DepthOf(id) switch
        {
            0 => "organisation",
            1 => "directorate",
            2 => "department",
            _ => "team",
        };
    }
}
