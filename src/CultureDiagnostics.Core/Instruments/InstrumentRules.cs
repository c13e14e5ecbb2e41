using System.Text.Json;

namespace CultureDiagnostics.Core.Instruments;

/// <summary>
/// The rules of an instrument file that surveys/instrument.schema.json cannot state: unique ids (across
/// sections for items), references to scales and constructs, scale points that run without gaps from
/// lowest to highest, section conditions that name a choice item asked earlier, and the file name. The
/// schema has checked the shape; values it refused (<paramref name="refused"/>) are left alone here, so
/// one mistake is reported once.
/// </summary>
internal sealed class InstrumentRules(ErrorSink errors, IReadOnlySet<string> refused)
{
    private readonly Dictionary<string, (string? Type, int Section, IReadOnlyList<string>? Options)> items = new(StringComparer.Ordinal);

    public void Check(JsonElement instrument, string fileName)
    {
        var root = new Place(instrument, JsonLocation.Root);
        CheckFileName(fileName, Text(root, "id"), Number(root, "version"));

        var scales = UniqueIds(root, "scales", "scale id");
        foreach (var scale in root.Entries("scales"))
        {
            CheckPoints(scale);
        }

        var constructs = UniqueIds(root, "constructs", "construct id");
        var sections = root.Entries("sections").ToList();
        UniqueIds(root, "sections", "section id");
        var everyItemKnown = Usable(root, "sections") is not null;
        for (var index = 0; index < sections.Count; index++)
        {
            everyItemKnown &= CheckItems(sections[index], index, scales, constructs);
        }

        // After every section is read, so that "comes later" can be told apart from "unknown"; and only
        // when every item could be read, or "unknown" would be a guess.
        for (var index = 0; index < sections.Count && everyItemKnown; index++)
        {
            CheckCondition(sections[index], index);
        }

        UniqueIds(root, "demographics", "demographic question id");
        foreach (var question in root.Entries("demographics"))
        {
            UniqueOptions(question);
        }
    }

    private void CheckFileName(string fileName, string? id, int? version)
    {
        if (id is null || version is null)
        {
            return;
        }

        var expected = $"{id}.v{version}.json";
        var actual = Path.GetFileName(fileName);
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            errors.Add(JsonLocation.Root, $"file name '{actual}' does not match the instrument's id and version: expected '{expected}'");
        }
    }

    /// <summary>Reports ids used twice in an array; returns the ids, or null when some entry's id could not be read (a reference to it cannot be judged).</summary>
    private HashSet<string>? UniqueIds(Place owner, string array, string what)
    {
        if (Usable(owner, array) is not { } entries)
        {
            return null;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var complete = true;
        foreach (var entry in entries)
        {
            if (Text(entry, "id") is not { } id)
            {
                complete = false;
            }
            else if (!ids.Add(id))
            {
                errors.Add(entry.PathOf("id"), $"duplicate {what} '{id}'");
            }
        }

        return complete ? ids : null;
    }

    /// <summary>Point values are unique, then contiguous, then listed from lowest to highest: each reported only when the one before holds.</summary>
    private void CheckPoints(Place scale)
    {
        var points = scale.Entries("points").ToList();
        var values = points.Select(p => Number(p, "value")).ToList();
        if (refused.Contains(scale.PathOf("points")) || values.Any(v => v is null))
        {
            return;
        }

        var seen = new HashSet<int>();
        for (var i = 0; i < points.Count; i++)
        {
            if (!seen.Add(values[i]!.Value))
            {
                errors.Add(points[i].PathOf("value"), $"duplicate point value {values[i]}");
            }
        }

        if (seen.Count != points.Count)
        {
            return;
        }

        var sorted = values.Select(v => v!.Value).Order().ToList();
        if (sorted.Count > 0 && sorted[^1] - sorted[0] + 1 != sorted.Count)
        {
            errors.Add(scale.PathOf("points"), $"point values must be contiguous integers with no gaps (found {string.Join(", ", sorted)})");
        }
        else if (!values.Select(v => v!.Value).SequenceEqual(sorted))
        {
            errors.Add(scale.PathOf("points"), "points must be listed from the lowest value to the highest");
        }
    }

    /// <summary>Checks a section's items and remembers them for the conditions; false when some item could not be read.</summary>
    private bool CheckItems(Place section, int sectionIndex, IReadOnlySet<string>? scales, IReadOnlySet<string>? constructs)
    {
        if (Usable(section, "items") is not { } entries)
        {
            return false;
        }

        var complete = true;
        foreach (var item in entries)
        {
            var type = Text(item, "type");
            if (type == "scale")
            {
                Reference(item, "scale", scales);
                Reference(item, "construct", constructs);
            }

            var options = type == "choice" ? UniqueOptions(item) : null;
            if (Text(item, "id") is not { } id)
            {
                complete = false;
            }
            else if (!items.TryAdd(id, (type, sectionIndex, options)))
            {
                errors.Add(item.PathOf("id"), $"duplicate item id '{id}': item ids must be unique across the whole instrument");
            }
        }

        return complete;
    }

    private void Reference(Place item, string name, IReadOnlySet<string>? known)
    {
        if (known is not null && Text(item, name) is { } value && !known.Contains(value))
        {
            var list = known.Count == 0 ? "none are defined" : $"defined: {SchemaCheck.Quoted(known)}";
            errors.Add(item.PathOf(name), $"unknown {name} '{value}' ({list})");
        }
    }

    /// <summary>The option values of a choice item or demographic question, each once; null when they cannot be relied on.</summary>
    private List<string>? UniqueOptions(Place owner)
    {
        if (Usable(owner, "options") is not { } entries)
        {
            return null;
        }

        var values = new List<string>();
        var complete = true;
        foreach (var option in entries)
        {
            if (Text(option, "value") is not { } value)
            {
                complete = false;
            }
            else if (values.Contains(value, StringComparer.Ordinal))
            {
                errors.Add(option.PathOf("value"), $"duplicate option value '{value}'");
                complete = false;
            }
            else
            {
                values.Add(value);
            }
        }

        return complete && values.Count > 0 ? values : null;
    }

    /// <summary>A condition names a choice item of an earlier section (answered before the section is shown) and one of its options.</summary>
    private void CheckCondition(Place section, int sectionIndex)
    {
        if (section.Property("condition") is not { } condition || Text(condition, "item") is not { } itemId)
        {
            return;
        }

        var value = Text(condition, "value");
        if (!items.TryGetValue(itemId, out var item))
        {
            errors.Add(condition.PathOf("item"), $"unknown item '{itemId}': a condition must name a choice item in an earlier section");
        }
        else if (item.Type is "scale" or "text")
        {
            errors.Add(condition.PathOf("item"), $"item '{itemId}' is a {item.Type} item: a condition must name a choice item");
        }
        else if (item.Section >= sectionIndex)
        {
            errors.Add(condition.PathOf("item"), $"item '{itemId}' comes later: a condition must name a choice item in an earlier section");
        }
        else if (value is not null && item.Options is not null && !item.Options.Contains(value, StringComparer.Ordinal))
        {
            errors.Add(condition.PathOf("value"), $"'{value}' is not an option of item '{itemId}': use one of {SchemaCheck.Quoted(item.Options)}");
        }
    }

    /// <summary>The entries of an array the schema accepted, or null.</summary>
    private List<Place>? Usable(Place owner, string name) =>
        owner.Property(name) is { Value.ValueKind: JsonValueKind.Array } array && !refused.Contains(array.Path) ? owner.Entries(name).ToList() : null;

    /// <summary>A string the schema accepted, or null.</summary>
    private string? Text(Place owner, string name) =>
        owner.Property(name) is { Value.ValueKind: JsonValueKind.String } p && !refused.Contains(p.Path) ? p.Value.GetString() : null;

    /// <summary>A whole number the schema accepted, or null.</summary>
    private int? Number(Place owner, string name) =>
        owner.Property(name) is { Value.ValueKind: JsonValueKind.Number } p && !refused.Contains(p.Path) && p.Value.TryGetInt32(out var n) ? n : null;

    /// <summary>A value and its place in the file; reads tolerate any shape (the schema reports shapes).</summary>
    private readonly record struct Place(JsonElement Value, string Path)
    {
        public string PathOf(string name) => JsonLocation.Child(Path, name);

        public Place? Property(string name) =>
            Value.ValueKind == JsonValueKind.Object && Value.TryGetProperty(name, out var child) ? new Place(child, PathOf(name)) : null;

        public IEnumerable<Place> Entries(string name) => Property(name) is { Value.ValueKind: JsonValueKind.Array } array
            ? array.Value.EnumerateArray().Select((e, i) => new Place(e, JsonLocation.Index(array.Path, i)))
            : [];
    }
}
