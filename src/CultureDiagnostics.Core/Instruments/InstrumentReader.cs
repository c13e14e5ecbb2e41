using System.Text.Json;

namespace CultureDiagnostics.Core.Instruments;

/// <summary>
/// Turns an instrument file that passed the schema and <see cref="InstrumentRules"/> into an
/// <see cref="Instrument"/>, applying the defaults the format documents. Nothing is checked here: a
/// file reaches this class only once nothing is wrong with it.
/// </summary>
internal static class InstrumentReader
{
    public static Instrument Read(JsonElement root) => new(
        root.GetProperty("id").GetString()!,
        root.GetProperty("version").GetInt32(),
        root.GetProperty("title").GetString()!,
        root.GetProperty("introduction").GetString()!,
        root.GetProperty("estimatedMinutes").GetInt32(),
        Entries(root, "scales").Select(Scale).ToList(),
        Entries(root, "constructs").Select(Construct).ToList(),
        Entries(root, "sections").Select(Section).ToList(),
        Entries(root, "demographics").Select(Demographic).ToList());

    private static ResponseScale Scale(JsonElement scale) => new(
        scale.GetProperty("id").GetString()!,
        Entries(scale, "points").Select(p => new ScalePoint(p.GetProperty("value").GetInt32(), p.GetProperty("label").GetString()!)).ToList(),
        Optional(scale, "notApplicable"));

    private static Construct Construct(JsonElement construct) => new(
        construct.GetProperty("id").GetString()!,
        construct.GetProperty("title").GetString()!,
        construct.GetProperty("kind").GetString()!,
        Optional(construct, "element"),
        Optional(construct, "description"));

    private static Section Section(JsonElement section) => new(
        section.GetProperty("id").GetString()!,
        section.GetProperty("title").GetString()!,
        Optional(section, "description"),
        section.TryGetProperty("condition", out var condition)
            ? new SectionCondition(condition.GetProperty("item").GetString()!, condition.GetProperty("value").GetString()!)
            : null,
        Entries(section, "items").Select(Item).ToList());

    private static Item Item(JsonElement item)
    {
        var type = item.GetProperty("type").GetString() switch
        {
            "scale" => ItemType.Scale,
            "choice" => ItemType.Choice,
            _ => ItemType.Text,
        };
        return new Item(
            item.GetProperty("id").GetString()!,
            type,
            item.GetProperty("text").GetString()!,
            Optional(item, "scale"),
            Optional(item, "construct"),
            Reverse: item.TryGetProperty("reverse", out var reverse) && reverse.GetBoolean(),
            // Comments are optional unless the file says otherwise; a question is answered unless it says otherwise.
            Required: item.TryGetProperty("required", out var required) ? required.GetBoolean() : type != ItemType.Text,
            Options(item),
            type == ItemType.Text ? (item.TryGetProperty("maxLength", out var max) ? max.GetInt32() : InstrumentParser.DefaultTextMaxLength) : null);
    }

    private static DemographicQuestion Demographic(JsonElement question) => new(
        question.GetProperty("id").GetString()!,
        question.GetProperty("text").GetString()!,
        Options(question));

    private static List<ChoiceOption> Options(JsonElement owner) =>
        Entries(owner, "options").Select(o => new ChoiceOption(o.GetProperty("value").GetString()!, o.GetProperty("label").GetString()!)).ToList();

    private static List<JsonElement> Entries(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var array) ? array.EnumerateArray().ToList() : [];

    private static string? Optional(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) ? value.GetString() : null;
}
