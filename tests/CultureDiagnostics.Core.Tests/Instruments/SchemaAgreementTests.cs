using System.Text.Json;
using System.Text.Json.Nodes;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Core.Instruments;
using Json.Schema;

namespace CultureDiagnostics.Core.Tests.Instruments;

/// <summary>
/// surveys/instrument.schema.json and the code agree: what the schema refuses the platform refuses, at the
/// same place; what only the code refuses (the rules a schema cannot state) the schema lets through. The
/// schema is judged here by JsonSchema.Net directly, not through the platform's wording of it.
/// </summary>
public class SchemaAgreementTests
{
    private static readonly string SurveysDirectory = Path.Combine(AppContext.BaseDirectory, "surveys");
    private static readonly string SchemaText = File.ReadAllText(Path.Combine(SurveysDirectory, "instrument.schema.json"));

    /// <summary>
    /// Every rule of the schema, named by its place (a JSON pointer to the keyword, or to the name in a
    /// "required" list, or to a property a conditional branch forbids), each with a change to the sample
    /// instrument that breaks that rule alone, and the place the platform must report.
    /// </summary>
    public static readonly TheoryData<string, Func<JsonObject, JsonNode>, string> SchemaRules = new()
    {
        { "#/type", _ => new JsonArray(), "$" },
        { "#/additionalProperties", j => Set(j, "revrse", true), "$.revrse" },
        { "#/required/id", j => Remove(j, "id"), "$.id" },
        { "#/required/version", j => Remove(j, "version"), "$.version" },
        { "#/required/title", j => Remove(j, "title"), "$.title" },
        { "#/required/introduction", j => Remove(j, "introduction"), "$.introduction" },
        { "#/required/estimatedMinutes", j => Remove(j, "estimatedMinutes"), "$.estimatedMinutes" },
        { "#/required/scales", j => Remove(j, "scales"), "$.scales" },
        { "#/required/constructs", j => Remove(j, "constructs"), "$.constructs" },
        { "#/required/sections", j => Remove(j, "sections"), "$.sections" },
        { "#/properties/$schema/type", j => Set(j, "$schema", 1), "$.$schema" },
        { "#/properties/version/minimum", j => Set(j, "version", 0), "$.version" },
        { "#/properties/estimatedMinutes/minimum", j => Set(j, "estimatedMinutes", 0), "$.estimatedMinutes" },
        { "#/properties/scales/type", j => Set(j, "scales", "agree"), "$.scales" },
        { "#/properties/scales/minItems", j => Set(j, "scales", new JsonArray()), "$.scales" },
        { "#/properties/constructs/type", j => Set(j, "constructs", "safety"), "$.constructs" },
        { "#/properties/constructs/minItems", j => Set(j, "constructs", new JsonArray()), "$.constructs" },
        { "#/properties/sections/type", j => Set(j, "sections", "first"), "$.sections" },
        { "#/properties/sections/minItems", j => Set(j, "sections", new JsonArray()), "$.sections" },
        { "#/properties/demographics/type", j => Set(j, "demographics", "staff-group"), "$.demographics" },
        { "#/$defs/id/type", j => Set(j, "id", 7), "$.id" },
        { "#/$defs/id/pattern", j => Set(j, "id", "Sample"), "$.id" },
        { "#/$defs/wholeNumber/type", j => Set(j, "estimatedMinutes", "two"), "$.estimatedMinutes" },
        { "#/$defs/wholeNumber/minimum", j => Set(Point(j, 0), "value", -2147483649L), "$.scales[0].points[0].value" },
        { "#/$defs/wholeNumber/maximum", j => Set(j, "version", 2147483648L), "$.version" },
        { "#/$defs/text/type", j => Set(j, "title", 5), "$.title" },
        { "#/$defs/text/pattern", j => Set(j, "title", " "), "$.title" },
        { "#/$defs/culturalElement/enum", j => Set(Construct(j), "element", "team-work"), "$.constructs[0].element" },
        { "#/$defs/option/type", j => SetAt(Options(j), 0, "yes"), "$.sections[0].items[1].options[0]" },
        { "#/$defs/option/additionalProperties", j => Set(Options(j)[0]!.AsObject(), "score", 1), "$.sections[0].items[1].options[0].score" },
        { "#/$defs/option/required/value", j => Remove(Options(j)[1]!.AsObject(), "value"), "$.sections[0].items[1].options[1].value" },
        { "#/$defs/option/required/label", j => Remove(Options(j)[0]!.AsObject(), "label"), "$.sections[0].items[1].options[0].label" },
        { "#/$defs/options/type", j => Set(j.Item(0, 1), "options", "yes"), "$.sections[0].items[1].options" },
        { "#/$defs/options/minItems", j => Set(j.Item(0, 1), "options", new JsonArray()), "$.sections[0].items[1].options" },
        { "#/$defs/scale/type", j => SetAt(j["scales"]!.AsArray(), 0, "agree"), "$.scales[0]" },
        { "#/$defs/scale/additionalProperties", j => Set(Scale(j), "default", 2), "$.scales[0].default" },
        { "#/$defs/scale/required/id", j => Remove(Scale(j), "id"), "$.scales[0].id" },
        { "#/$defs/scale/required/points", j => Remove(Scale(j), "points"), "$.scales[0].points" },
        { "#/$defs/scale/properties/points/type", j => Set(Scale(j), "points", 3), "$.scales[0].points" },
        { "#/$defs/scale/properties/points/minItems", j => Set(Scale(j), "points", new JsonArray(Point(j, 0).DeepClone())), "$.scales[0].points" },
        { "#/$defs/scale/properties/points/items/type", j => SetAt(j.Points(), 2, 3), "$.scales[0].points[2]" },
        { "#/$defs/scale/properties/points/items/additionalProperties", j => Set(Point(j, 1), "colour", "amber"), "$.scales[0].points[1].colour" },
        { "#/$defs/scale/properties/points/items/required/value", j => Remove(Point(j, 1), "value"), "$.scales[0].points[1].value" },
        { "#/$defs/scale/properties/points/items/required/label", j => Remove(Point(j, 1), "label"), "$.scales[0].points[1].label" },
        { "#/$defs/construct/type", j => SetAt(j["constructs"]!.AsArray(), 0, "safety"), "$.constructs[0]" },
        { "#/$defs/construct/additionalProperties", j => Set(Construct(j), "weight", 1), "$.constructs[0].weight" },
        { "#/$defs/construct/required/id", j => Remove(Construct(j), "id"), "$.constructs[0].id" },
        { "#/$defs/construct/required/title", j => Remove(Construct(j), "title"), "$.constructs[0].title" },
        { "#/$defs/construct/required/kind", j => Remove(Construct(j), "kind"), "$.constructs[0].kind" },
        { "#/$defs/construct/properties/kind/enum", j => Set(Construct(j), "kind", "behaviour"), "$.constructs[0].kind" },
        { "#/$defs/section/type", j => SetAt(j["sections"]!.AsArray(), 1, "second"), "$.sections[1]" },
        { "#/$defs/section/additionalProperties", j => Set(j.Section(0), "page", 1), "$.sections[0].page" },
        { "#/$defs/section/required/id", j => Remove(j.Section(0), "id"), "$.sections[0].id" },
        { "#/$defs/section/required/title", j => Remove(j.Section(0), "title"), "$.sections[0].title" },
        { "#/$defs/section/required/items", j => Remove(j.Section(1), "items"), "$.sections[1].items" },
        { "#/$defs/section/properties/condition/type", j => Set(j.Section(1), "condition", "leads"), "$.sections[1].condition" },
        { "#/$defs/section/properties/condition/additionalProperties", j => Set(Condition(j), "not", true), "$.sections[1].condition.not" },
        { "#/$defs/section/properties/condition/required/item", j => Remove(Condition(j), "item"), "$.sections[1].condition.item" },
        { "#/$defs/section/properties/condition/required/value", j => Remove(Condition(j), "value"), "$.sections[1].condition.value" },
        { "#/$defs/section/properties/items/type", j => Set(j.Section(1), "items", "q2"), "$.sections[1].items" },
        { "#/$defs/section/properties/items/minItems", j => Set(j.Section(1), "items", new JsonArray()), "$.sections[1].items" },
        { "#/$defs/item/type", j => SetAt(j.Section(1)["items"]!.AsArray(), 0, "q2"), "$.sections[1].items[0]" },
        { "#/$defs/item/additionalProperties", j => Set(j.Item(0, 0), "revrse", true), "$.sections[0].items[0].revrse" },
        { "#/$defs/item/required/id", j => Remove(j.Item(0, 2), "id"), "$.sections[0].items[2].id" },
        { "#/$defs/item/required/type", j => Remove(j.Item(0, 2), "type"), "$.sections[0].items[2].type" },
        { "#/$defs/item/required/text", j => Remove(j.Item(0, 0), "text"), "$.sections[0].items[0].text" },
        { "#/$defs/item/properties/type/enum", j => Set(j.Item(0, 2), "type", "comment"), "$.sections[0].items[2].type" },
        { "#/$defs/item/properties/reverse/type", j => Set(j.Item(0, 0), "reverse", "no"), "$.sections[0].items[0].reverse" },
        { "#/$defs/item/properties/required/type", j => Set(j.Item(0, 0), "required", 1), "$.sections[0].items[0].required" },
        { "#/$defs/item/properties/maxLength/minimum", j => Set(j.Item(0, 2), "maxLength", 0), "$.sections[0].items[2].maxLength" },
        { "#/$defs/item/allOf/0/then/required/scale", j => Remove(j.Item(0, 0), "scale"), "$.sections[0].items[0].scale" },
        { "#/$defs/item/allOf/0/then/required/construct", j => Remove(j.Item(0, 0), "construct"), "$.sections[0].items[0].construct" },
        { "#/$defs/item/allOf/0/then/properties/options", j => Set(j.Item(0, 0), "options", new JsonArray(Options(j)[0]!.DeepClone())), "$.sections[0].items[0].options" },
        { "#/$defs/item/allOf/0/then/properties/maxLength", j => Set(j.Item(0, 0), "maxLength", 100), "$.sections[0].items[0].maxLength" },
        { "#/$defs/item/allOf/1/then/required/options", j => Remove(j.Item(0, 1), "options"), "$.sections[0].items[1].options" },
        { "#/$defs/item/allOf/1/then/properties/scale", j => Set(j.Item(0, 1), "scale", "agree"), "$.sections[0].items[1].scale" },
        { "#/$defs/item/allOf/1/then/properties/construct", j => Set(j.Item(0, 1), "construct", "safety"), "$.sections[0].items[1].construct" },
        { "#/$defs/item/allOf/1/then/properties/reverse", j => Set(j.Item(0, 1), "reverse", false), "$.sections[0].items[1].reverse" },
        { "#/$defs/item/allOf/1/then/properties/maxLength", j => Set(j.Item(0, 1), "maxLength", 100), "$.sections[0].items[1].maxLength" },
        { "#/$defs/item/allOf/2/then/properties/scale", j => Set(j.Item(0, 2), "scale", "agree"), "$.sections[0].items[2].scale" },
        { "#/$defs/item/allOf/2/then/properties/construct", j => Set(j.Item(0, 2), "construct", "safety"), "$.sections[0].items[2].construct" },
        { "#/$defs/item/allOf/2/then/properties/reverse", j => Set(j.Item(0, 2), "reverse", true), "$.sections[0].items[2].reverse" },
        { "#/$defs/item/allOf/2/then/properties/options", j => Set(j.Item(0, 2), "options", new JsonArray(Options(j)[0]!.DeepClone())), "$.sections[0].items[2].options" },
        { "#/$defs/demographic/type", j => SetAt(j["demographics"]!.AsArray(), 0, "staff-group"), "$.demographics[0]" },
        { "#/$defs/demographic/additionalProperties", j => Set(Demographic(j), "optional", true), "$.demographics[0].optional" },
        { "#/$defs/demographic/required/id", j => Remove(Demographic(j), "id"), "$.demographics[0].id" },
        { "#/$defs/demographic/required/text", j => Remove(Demographic(j), "text"), "$.demographics[0].text" },
        { "#/$defs/demographic/required/options", j => Remove(Demographic(j), "options"), "$.demographics[0].options" },
    };

    /// <summary>Every rule only the code knows, each broken once in a file the schema accepts.</summary>
    public static readonly TheoryData<string, Action<JsonObject>, string> CodeRules = new()
    {
        { "duplicate scale id 'agree'", j => j["scales"]!.AsArray().Add(Scale(j).DeepClone()), "$.scales[1].id" },
        { "duplicate construct id 'safety'", j => j["constructs"]!.AsArray().Add(Construct(j).DeepClone()), "$.constructs[1].id" },
        { "duplicate section id 'first'", j => j.Section(1)["id"] = "first", "$.sections[1].id" },
        { "duplicate item id 'q1'", j => j.Item(1, 0)["id"] = "q1", "$.sections[1].items[0].id" },
        { "duplicate demographic question id 'staff-group'", j => j["demographics"]!.AsArray().Add(Demographic(j).DeepClone()), "$.demographics[1].id" },
        { "duplicate option value 'yes'", j => Options(j)[1]!["value"] = "yes", "$.sections[0].items[1].options[1].value" },
        { "duplicate option value 'a'", j => Demographic(j)["options"]![1]!["value"] = "a", "$.demographics[0].options[1].value" },
        { "duplicate point value 2", j => Point(j, 2)["value"] = 2, "$.scales[0].points[2].value" },
        { "contiguous integers with no gaps", j => Point(j, 2)["value"] = 4, "$.scales[0].points" },
        { "from the lowest value to the highest", j => (Point(j, 0)["value"], Point(j, 2)["value"]) = (3, 1), "$.scales[0].points" },
        { "unknown scale 'agreement'", j => j.Item(0, 0)["scale"] = "agreement", "$.sections[0].items[0].scale" },
        { "unknown construct 'saftey'", j => j.Item(1, 0)["construct"] = "saftey", "$.sections[1].items[0].construct" },
        { "unknown item 'leader'", j => Condition(j)["item"] = "leader", "$.sections[1].condition.item" },
        { "a condition must name a choice item", j => Condition(j)["item"] = "note", "$.sections[1].condition.item" },
        { "comes later", j => j.Section(0)["condition"] = new JsonObject { ["item"] = "leads", ["value"] = "yes" }, "$.sections[0].condition.item" },
        { "'maybe' is not an option of item 'leads'", j => Condition(j)["value"] = "maybe", "$.sections[1].condition.value" },
        { "does not match the instrument's id and version", j => j["version"] = 2, "$" },
    };

    [Fact]
    public void EveryShippedInstrumentPassesTheSchemaAndTheCode()
    {
        var schema = Schema(SchemaText);
        foreach (var (fileName, json) in ShippedSurveys.InstrumentFiles())
        {
            Assert.True(schema.Evaluate(JsonDocument.Parse(json).RootElement).IsValid, $"{fileName} breaks instrument.schema.json");
            Assert.Empty(InstrumentParser.Parse(fileName, json).Errors);
        }
    }

    [Fact]
    public void ShippedInterventionCataloguePassesItsSchemaAndTheCode()
    {
        var json = File.ReadAllText(Path.Combine(SurveysDirectory, "interventions.json"));

        Assert.True(Schema(File.ReadAllText(Path.Combine(SurveysDirectory, "interventions.schema.json"))).Evaluate(JsonDocument.Parse(json).RootElement).IsValid);
        Assert.Empty(InterventionCatalogue.Parse("interventions.json", json).Errors);
    }

    [Fact]
    public void SampleInstrumentPassesTheSchema()
    {
        Assert.True(Schema(SchemaText).Evaluate(Document(SampleInstrument.Json())).IsValid);
    }

    [Theory]
    [MemberData(nameof(SchemaRules))]
    public void BreakingARuleOfTheSchemaIsRefusedByTheSchemaAndByThePlatformAtThatPlace(string rule, Func<JsonObject, JsonNode> breakIt, string place)
    {
        var broken = Document(breakIt(SampleInstrument.Json()));

        Assert.False(Schema(SchemaText).Evaluate(broken).IsValid, $"the schema accepts a file that breaks {rule}");
        Assert.True(Schema(Without(rule)).Evaluate(broken).IsValid, $"the change breaks more than {rule}");
        var result = InstrumentParser.Parse(SampleInstrument.FileName, broken.GetRawText());
        Assert.Null(result.Instrument);
        var error = Assert.Single(result.Errors);
        Assert.Equal(place, error.Path);
    }

    [Theory]
    [MemberData(nameof(CodeRules))]
    public void BreakingARuleOnlyTheCodeKnowsPassesTheSchemaAndIsRefusedByThePlatform(string problem, Action<JsonObject> breakIt, string place)
    {
        var json = SampleInstrument.Json();
        breakIt(json);

        Assert.True(Schema(SchemaText).Evaluate(Document(json)).IsValid, "the schema already refuses this");
        var result = SampleInstrument.Parse(json);
        Assert.Null(result.Instrument);
        var error = Assert.Single(result.Errors);
        Assert.Equal(place, error.Path);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    /// <summary>A rule added to the schema without a case above fails here, and so does a case naming a rule that is gone.</summary>
    [Fact]
    public void EveryRuleOfTheSchemaIsBrokenOnceAbove()
    {
        var rules = new List<string>();
        CollectRules(JsonDocument.Parse(SchemaText).RootElement, "#", inBranch: false, rules);

        Assert.Equal(rules.Order(StringComparer.Ordinal), SchemaRules.Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("instrument.schema.json", "/$defs/culturalElement/enum")]
    [InlineData("interventions.schema.json", "/properties/elements/items/properties/element/enum")]
    public void SchemasListTheCulturalElementsOfTheFramework(string schema, string pointer)
    {
        var listed = Find(JsonNode.Parse(File.ReadAllText(Path.Combine(SurveysDirectory, schema)))!, pointer).AsArray().Select(e => e!.GetValue<string>());

        Assert.Equal(CulturalFramework.Elements.Select(e => e.Id), listed);
    }

    private static void CollectRules(JsonElement schema, string pointer, bool inBranch, List<string> rules)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var at = $"{pointer}/{keyword.Name}";
            switch (keyword.Name)
            {
                // Annotations and references: they refuse nothing.
                case "$schema" or "$id" or "$ref" or "$comment" or "title" or "description" or "default" or "examples" or "errorMessage" or "patternErrorMessage":
                    break;
                case "if" or "not":
                    // A condition, or the "not" of a property refused on some items (each use of it is a rule of its branch).
                    break;
                case "required":
                    rules.AddRange(keyword.Value.EnumerateArray().Select(name => $"{at}/{name.GetString()}"));
                    break;
                case "additionalProperties" when keyword.Value.ValueKind == JsonValueKind.False:
                    rules.Add(at);
                    break;
                // In a conditional branch, each property is a rule of its own (a property refused on that kind of item).
                case "properties" when inBranch:
                    rules.AddRange(keyword.Value.EnumerateObject().Select(p => $"{at}/{p.Name}"));
                    break;
                case "properties" or "$defs":
                    foreach (var child in keyword.Value.EnumerateObject())
                    {
                        CollectRules(child.Value, $"{at}/{child.Name}", inBranch: false, rules);
                    }

                    break;
                case "allOf" or "anyOf" or "oneOf":
                    var index = 0;
                    foreach (var child in keyword.Value.EnumerateArray())
                    {
                        CollectRules(child, $"{at}/{index++}", inBranch: false, rules);
                    }

                    break;
                case "then" or "else":
                    CollectRules(keyword.Value, at, inBranch: true, rules);
                    break;
                case "items" or "additionalProperties":
                    CollectRules(keyword.Value, at, inBranch: false, rules);
                    break;
                default:
                    // Every other keyword (type, enum, pattern, minimum, minItems, and any added later) is a rule.
                    rules.Add(at);
                    break;
            }
        }
    }

    /// <summary>The schema with one rule taken out: the keyword, the name in a "required" list, or the property of a branch.</summary>
    private static string Without(string rule)
    {
        var schema = JsonNode.Parse(SchemaText)!;
        var segments = rule.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parent = Find(schema, "/" + string.Join('/', segments[..^1]));
        if (parent is JsonArray required)
        {
            required.Remove(required.First(n => n!.GetValue<string>() == segments[^1]));
        }
        else
        {
            Assert.True(parent.AsObject().Remove(segments[^1]), $"{rule} is not in the schema");
        }

        return schema.ToJsonString();
    }

    private static JsonNode Find(JsonNode root, string pointer) =>
        pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate(root, (node, segment) =>
            node is JsonArray array ? array[int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture)]! : node[segment]!);

    private static JsonSchema Schema(string text) => JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    private static JsonElement Document(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement;

    private static JsonObject Set(JsonObject target, string name, JsonNode? value)
    {
        target[name] = value;
        return Root(target);
    }

    private static JsonObject SetAt(JsonArray target, int index, JsonNode? value)
    {
        target[index] = value;
        return Root(target);
    }

    private static JsonObject Remove(JsonObject target, string name)
    {
        Assert.True(target.Remove(name));
        return Root(target);
    }

    private static JsonObject Root(JsonNode node) => node.Root.AsObject();

    private static JsonObject Scale(JsonObject j) => j["scales"]![0]!.AsObject();

    private static JsonObject Point(JsonObject j, int index) => j.Points()[index]!.AsObject();

    private static JsonObject Construct(JsonObject j) => j["constructs"]![0]!.AsObject();

    private static JsonArray Options(JsonObject j) => j.Item(0, 1)["options"]!.AsArray();

    private static JsonObject Condition(JsonObject j) => j.Section(1)["condition"]!.AsObject();

    private static JsonObject Demographic(JsonObject j) => j["demographics"]![0]!.AsObject();
}
