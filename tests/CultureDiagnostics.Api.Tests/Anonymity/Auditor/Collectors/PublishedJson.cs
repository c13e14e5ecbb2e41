using System.Text.Json;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Anonymity.Auditor.Model;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Collectors;

/// <summary>
/// A JSON document the platform published, read so that every number in it must be mapped: each number taken is
/// remembered, and <see cref="Unmapped"/> lists the ones no mapping took, so that a new kind of figure cannot
/// slip past the auditor.
/// </summary>
public sealed class PublishedJson(string source, JsonNode root)
{
    private readonly HashSet<JsonNode> _taken = new(ReferenceEqualityComparer.Instance);

    public string Source { get; } = source;

    public JsonNode Root { get; } = root;

    /// <summary>
    /// The fields of a shape below <paramref name="node"/>: a number is a figure; a null inside an object that is
    /// there is a statistic the platform says is not defined (NaN); a missing or null parent object means the part is
    /// not published (a suppressed cell), and gives nothing.
    /// </summary>
    public IEnumerable<Figure> Take(JsonNode? node, string where, IEnumerable<Field> fields)
    {
        if (node is null)
        {
            yield break;
        }

        foreach (var field in fields)
        {
            var (parent, name) = Parent(node, field.Path);
            if (parent is null || !parent.ContainsKey(name))
            {
                continue;
            }

            var leaf = parent[name];
            if (leaf is null)
            {
                yield return new Figure($"{Source} {where}.{field.Path}", double.NaN, field.Meaning);
                continue;
            }

            _taken.Add(leaf);
            yield return new Figure($"{Source} {where}.{field.Path}", leaf.GetValue<double>(), field.Meaning);
        }
    }

    /// <summary>One number that is there for sure.</summary>
    public Figure One(JsonNode node, string where, Meaning meaning)
    {
        _taken.Add(node);
        return new Figure($"{Source} {where}", node.GetValue<double>(), meaning);
    }

    /// <summary>A PublishedCount: its exact value is a count of the population; "fewer than N" must name the threshold.</summary>
    public IEnumerable<Figure> Count(JsonNode? count, string where, Population population, int threshold)
    {
        if (count?["value"] is { } value)
        {
            yield return One(value, $"{where}.value", new Count(population));
        }

        if (count?["fewerThan"] is { } fewerThan)
        {
            yield return One(fewerThan, $"{where}.fewerThan", new Fixed("the threshold", threshold));
        }

        // A live count while the campaign runs: a multiple of its rounding, within one rounding of the true count.
        if (count?["about"] is { } about)
        {
            var roundedTo = count["roundedTo"]!;
            yield return One(roundedTo, $"{where}.roundedTo", new Fixed("the rounding of live counts", roundedTo.GetValue<double>()));
            var until = DateOnly.ParseExact(Root["countedUntil"]!.GetValue<string>(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            yield return One(about, $"{where}.about", new RoundedCount(population, roundedTo.GetValue<int>(), until));
        }
    }

    /// <summary>
    /// A unit's row as the heatmap and the response rates give it: its depth in the structure, its respondents, and
    /// (beside a shown count) its headcount and response rate.
    /// </summary>
    public IEnumerable<Figure> UnitRow(JsonNode row, string where, TrueAnswers truth, Wave wave, TreeUnit unit)
    {
        yield return One(row["depth"]!, $"{where}.depth", new Fixed("the unit's depth in the structure", truth.DepthOf(wave.Id, unit.Id)));
        foreach (var figure in Count(row["respondents"], $"{where}.respondents", Population.Unit(wave.Id, unit.Id), wave.Threshold))
        {
            yield return figure;
        }

        if (row["headcount"] is { } headcount)
        {
            yield return One(headcount, $"{where}.headcount", new Fixed("the unit's headcount", truth.HeadcountOf(wave.Id, unit.Id)!.Value));
        }

        if (row["responseRatePercent"] is { } rate)
        {
            var of = truth.HeadcountOf(wave.Id, unit.Id)!.Value;
            yield return One(rate, $"{where}.responseRatePercent", row["respondents"]?["about"] is { } about
                ? new Fixed("the rate of a rounded live count", Math.Min(100, ((200L * about.GetValue<int>()) + of) / (2L * of)))
                : new RatePercent(Population.Unit(wave.Id, unit.Id), of));
        }
    }

    /// <summary>Every number of the document no mapping took, with its path.</summary>
    public IEnumerable<string> Unmapped() => Numbers(Root, "$").Where(n => !_taken.Contains(n.Node)).Select(n => $"{Source} {n.Path} = {n.Node.ToJsonString()}");

    private static (JsonObject? Parent, string Name) Parent(JsonNode node, string path)
    {
        var steps = path.Split('.');
        JsonNode? at = node;
        foreach (var step in steps[..^1])
        {
            at = Step(at, step);
        }

        return (at as JsonObject, steps[^1]);
    }

    private static JsonNode? Step(JsonNode? at, string step)
    {
        var bracket = step.IndexOf('[', StringComparison.Ordinal);
        if (bracket < 0)
        {
            return at?[step];
        }

        var array = at?[step[..bracket]] as JsonArray;
        var index = int.Parse(step[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        return array is not null && index < array.Count ? array[index] : null;
    }

    private static IEnumerable<(string Path, JsonNode Node)> Numbers(JsonNode? node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => Numbers(p.Value, $"{path}.{p.Key}")),
        JsonArray a => a.SelectMany((x, i) => Numbers(x, $"{path}[{i}]")),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => [(path, v)],
        _ => [],
    };
}
