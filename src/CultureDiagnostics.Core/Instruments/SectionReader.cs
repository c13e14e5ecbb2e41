using System.Text.Json;

namespace CultureDiagnostics.Core.Instruments;

/// <summary>
/// Reads the sections and their items. Item ids are unique across the whole instrument, and a
/// section condition may only refer to a choice item in an earlier section (the respondent has to
/// have answered it before the section is shown).
/// </summary>
internal sealed class SectionReader(ErrorSink errors, IReadOnlySet<string> scaleIds, IReadOnlySet<string> constructIds)
{
    private readonly Dictionary<string, (ItemType? Type, int Section, IReadOnlyList<ChoiceOption>? Options)> items = new(StringComparer.Ordinal);
    private readonly List<(int Section, string Path, string? Item, string? Value)> conditions = [];

    public List<Section> Read(JsonObjectReader root)
    {
        var sections = new List<Section>();
        var sectionIds = new HashSet<string>(StringComparer.Ordinal);
        var entries = root.Array("sections", required: true);
        if (root.HasArray("sections") && entries.Count == 0)
        {
            errors.Add(root.PathOf("sections"), "an instrument needs at least one section");
        }

        for (var index = 0; index < entries.Count; index++)
        {
            var (element, path) = entries[index];
            var section = JsonObjectReader.Open(element, path, errors, "id", "title", "description", "condition", "items");
            if (section is null)
            {
                continue;
            }

            var id = section.Id("id");
            if (id is not null && !sectionIds.Add(id))
            {
                errors.Add(section.PathOf("id"), $"duplicate section id '{id}'");
            }

            var title = section.String("title", required: true);
            var description = section.String("description", required: false);
            var condition = ReadCondition(section, index);
            var sectionItems = ReadItems(section, index);
            if (id is not null && title is not null)
            {
                sections.Add(new Section(id, title, description, condition, sectionItems));
            }
        }

        CheckConditions();
        return sections;
    }

    private SectionCondition? ReadCondition(JsonObjectReader section, int index)
    {
        if (!section.Has("condition"))
        {
            return null;
        }

        var path = section.PathOf("condition");
        var condition = JsonObjectReader.Open(section.Element("condition"), path, errors, "item", "value");
        if (condition is null)
        {
            return null;
        }

        var item = condition.String("item", required: true);
        var value = condition.String("value", required: true);
        conditions.Add((index, path, item, value));
        return item is null || value is null ? null : new SectionCondition(item, value);
    }

    /// <summary>Checked after every section is read, so "comes later" can be told apart from "unknown".</summary>
    private void CheckConditions()
    {
        foreach (var (section, path, itemId, value) in conditions)
        {
            if (itemId is null)
            {
                continue;
            }

            if (!items.TryGetValue(itemId, out var item))
            {
                errors.Add($"{path}.item", $"unknown item '{itemId}': a condition must name a choice item in an earlier section");
            }
            else if (item.Type is not null && item.Type != ItemType.Choice)
            {
                errors.Add($"{path}.item", $"item '{itemId}' is a {item.Type.Value.ToString().ToLowerInvariant()} item: a condition must name a choice item");
            }
            else if (item.Section >= section)
            {
                errors.Add($"{path}.item", $"item '{itemId}' comes later: a condition must name a choice item in an earlier section");
            }
            else if (value is not null && item.Options is not null && !item.Options.Any(o => o.Value == value))
            {
                errors.Add($"{path}.value",
                    $"'{value}' is not an option of item '{itemId}': use one of {InstrumentParser.Quoted(item.Options.Select(o => o.Value))}");
            }
        }
    }

    private List<Item> ReadItems(JsonObjectReader section, int sectionIndex)
    {
        var result = new List<Item>();
        var entries = section.Array("items", required: true);
        if (section.HasArray("items") && entries.Count == 0)
        {
            errors.Add(section.PathOf("items"), "a section needs at least one item");
        }

        foreach (var (element, path) in entries)
        {
            var reader = JsonObjectReader.Open(element, path, errors,
                "id", "type", "text", "scale", "construct", "reverse", "required", "options", "maxLength");
            if (reader is null)
            {
                continue;
            }

            var item = ReadItem(reader, sectionIndex);
            if (item is not null)
            {
                result.Add(item);
            }
        }

        return result;
    }

    private Item? ReadItem(JsonObjectReader item, int sectionIndex)
    {
        var id = item.Id("id");
        var type = ReadType(item);
        var text = item.String("text", required: true);
        string? scale = null;
        string? construct = null;
        List<ChoiceOption>? options = null;
        int? maxLength = null;
        var reverse = item.Bool("reverse");
        var required = item.Bool("required");

        switch (type)
        {
            case ItemType.Scale:
                scale = Reference(item, "scale", scaleIds);
                construct = Reference(item, "construct", constructIds);
                NotAllowed(item, "options", "choice items");
                NotAllowed(item, "maxLength", "text items");
                break;
            case ItemType.Choice:
                NotAllowed(item, "scale", "scale items");
                NotAllowed(item, "construct", "scale items");
                NotAllowed(item, "reverse", "scale items");
                NotAllowed(item, "maxLength", "text items");
                options = InstrumentParser.ReadOptions(item, errors, required: true);
                break;
            case ItemType.Text:
                NotAllowed(item, "scale", "scale items");
                NotAllowed(item, "construct", "scale items");
                NotAllowed(item, "reverse", "scale items");
                NotAllowed(item, "options", "choice items");
                maxLength = item.Has("maxLength") ? item.Int("maxLength", required: false, minimum: 1) : InstrumentParser.DefaultTextMaxLength;
                break;
        }

        if (id is not null)
        {
            if (items.ContainsKey(id))
            {
                errors.Add(item.PathOf("id"), $"duplicate item id '{id}': item ids must be unique across the whole instrument");
            }
            else
            {
                items[id] = (type, sectionIndex, options);
            }
        }

        if (id is null || type is null || text is null)
        {
            return null;
        }

        return new Item(
            id,
            type.Value,
            text,
            scale,
            construct,
            Reverse: type == ItemType.Scale && reverse == true,
            Required: required ?? type != ItemType.Text,
            options ?? [],
            maxLength);
    }

    private ItemType? ReadType(JsonObjectReader item)
    {
        var type = item.String("type", required: true);
        switch (type)
        {
            case null:
                return null;
            case "scale":
                return ItemType.Scale;
            case "choice":
                return ItemType.Choice;
            case "text":
                return ItemType.Text;
            default:
                errors.Add(item.PathOf("type"), $"unknown item type '{type}': use one of \"scale\", \"choice\", \"text\"");
                return null;
        }
    }

    private string? Reference(JsonObjectReader item, string name, IReadOnlySet<string> known)
    {
        var value = item.String(name, required: true);
        if (value is not null && !known.Contains(value))
        {
            var list = known.Count == 0 ? "none are defined" : $"defined: {InstrumentParser.Quoted(known)}";
            errors.Add(item.PathOf(name), $"unknown {name} '{value}' ({list})");
        }

        return value;
    }

    private void NotAllowed(JsonObjectReader item, string name, string appliesTo)
    {
        if (item.Has(name))
        {
            errors.Add(item.PathOf(name), $"'{name}' applies only to {appliesTo}");
        }
    }
}
