namespace CultureDiagnostics.Core.Disclosure;

/// <summary>
/// Complementary suppression on a tree whose counts are vectors (one component per demographic category; one
/// component for plain totals).
/// </summary>
/// <remarks>
/// What a reader can compute from shown figures of nested groups is exactly the "remainder" of each shown group G:
/// the respondents of G who are in no shown group below G (G's direct respondents plus everything under hidden
/// children, down to the next shown groups). Any sum or difference of shown figures is a union of remainders.
/// So the whole publication is safe when every remainder (each component) is 0 or at least the threshold. Groups
/// are visited bottom-up; when G's remainder is too small, the smallest shown group on G's frontier whose
/// remainder can absorb it is hidden as well (hiding only merges remainders upward, so it never breaks a group
/// already visited).
/// </remarks>
internal static class SuppressionEngine
{
    internal sealed record Node(string Id, string? ParentId, long[] Direct);

    internal sealed record Outcome(IReadOnlyDictionary<string, long[]> Totals, IReadOnlyDictionary<string, string?> HiddenReasons);

    public static Outcome Run(IReadOnlyList<Node> nodes, int threshold, Func<string, long[], string?> primaryReason)
    {
        var byId = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (!byId.TryAdd(node.Id, node))
            {
                throw new ArgumentException($"Group '{node.Id}' appears twice.", nameof(nodes));
            }

            if (node.Direct.Any(c => c < 0))
            {
                throw new ArgumentException($"Group '{node.Id}' has a negative count.", nameof(nodes));
            }
        }

        var width = nodes.Count == 0 ? 0 : nodes[0].Direct.Length;
        var children = byId.Keys.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (node.Direct.Length != width)
            {
                throw new ArgumentException($"Group '{node.Id}' has {node.Direct.Length} cells, expected {width}.", nameof(nodes));
            }

            if (node.ParentId is { } parent)
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    throw new ArgumentException($"Group '{node.Id}' names an unknown parent '{parent}'.", nameof(nodes));
                }

                list.Add(node.Id);
            }
        }

        foreach (var list in children.Values)
        {
            list.Sort(StringComparer.Ordinal);
        }

        var order = ChildrenFirst(nodes, children);
        var totals = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var id in order)
        {
            var total = (long[])byId[id].Direct.Clone();
            foreach (var child in children[id])
            {
                Add(total, totals[child]);
            }

            totals[id] = total;
        }

        var hidden = order.ToDictionary(id => id, id => primaryReason(id, totals[id]), StringComparer.Ordinal);

        long[] Remainder(string id)
        {
            var sum = (long[])byId[id].Direct.Clone();
            foreach (var child in children[id].Where(c => hidden[c] is not null))
            {
                Add(sum, Remainder(child));
            }

            return sum;
        }

        void Frontier(string id, List<string> into)
        {
            foreach (var child in children[id])
            {
                if (hidden[child] is null)
                {
                    into.Add(child);
                }
                else
                {
                    Frontier(child, into);
                }
            }
        }

        foreach (var id in order)
        {
            while (hidden[id] is null)
            {
                var remainder = Remainder(id);
                var bad = Enumerable.Range(0, width).Where(k => remainder[k] > 0 && remainder[k] < threshold).ToList();
                if (bad.Count == 0)
                {
                    break;
                }

                var frontier = new List<string>();
                Frontier(id, frontier);

                // A frontier group whose own remainder is non-empty in a short component absorbs it at once (that
                // remainder is already 0 or >= threshold); one that is empty there only opens up its own parts.
                var pick = Smallest(frontier.Where(f => bad.Any(k => Remainder(f)[k] > 0)))
                    ?? Smallest(frontier.Where(f => bad.Any(k => totals[f][k] > 0)));
                if (pick is null)
                {
                    // Nothing below can absorb it: hide the group itself; its remainder then joins its parent's.
                    hidden[id] = HiddenReason.Complementary;
                    break;
                }

                hidden[pick] = frontier.Count == 1 ? HiddenReason.Overlap : HiddenReason.Complementary;
            }
        }

        return new Outcome(totals, hidden);

        string? Smallest(IEnumerable<string> candidates) => candidates
            .OrderBy(c => totals[c].Sum())
            .ThenBy(c => c, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>Every group after all of its descendants; rejects cycles.</summary>
    private static List<string> ChildrenFirst(IReadOnlyList<Node> nodes, Dictionary<string, List<string>> children)
    {
        var preorder = new List<string>(nodes.Count);
        var stack = new Stack<string>(nodes.Where(n => n.ParentId is null).Select(n => n.Id).OrderBy(id => id, StringComparer.Ordinal));
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            preorder.Add(id);
            foreach (var child in children[id])
            {
                stack.Push(child);
            }
        }

        if (preorder.Count != nodes.Count)
        {
            throw new ArgumentException("The groups contain a cycle.", nameof(nodes));
        }

        preorder.Reverse();
        return preorder;
    }

    private static void Add(long[] into, long[] other)
    {
        for (var k = 0; k < into.Length; k++)
        {
            into[k] += other[k];
        }
    }
}
