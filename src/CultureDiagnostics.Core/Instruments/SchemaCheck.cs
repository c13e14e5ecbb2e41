using System.Globalization;
using System.Text.Json;
using Json.Schema;

namespace CultureDiagnostics.Core.Instruments;

/// <summary>
/// Checks a document against one of the JSON Schemas shipped in surveys/ (embedded in this assembly, so
/// the rules the program enforces are the ones it was built with) and words each failure for the author
/// of the file: where, in JSON path form, and what is wrong, in the file's own property names. Which
/// values break which rule is decided by JsonSchema.Net; this class only finds the words.
/// </summary>
internal sealed class SchemaCheck
{
    public static readonly SchemaCheck Instrument = Embedded("instrument.schema.json");
    public static readonly SchemaCheck Interventions = Embedded("interventions.schema.json");

    private static readonly EvaluationOptions Hierarchical = new() { OutputFormat = OutputFormat.Hierarchical };

    private readonly JsonSchema schema;
    private readonly JsonElement root;

    public SchemaCheck(string schemaText)
    {
        ArgumentNullException.ThrowIfNull(schemaText);
        // A registry of its own: the shared one refuses a second schema with the same $id (tests build several).
        schema = JsonSchema.FromText(schemaText, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        root = JsonDocument.Parse(schemaText).RootElement;
    }

    /// <summary>The schema's text, as shipped in surveys/ (for tests that tie the schema to the code).</summary>
    public static string Text(string fileName)
    {
        using var stream = typeof(SchemaCheck).Assembly.GetManifestResourceStream($"schemas.{fileName}")
            ?? throw new InvalidOperationException($"The schema {fileName} is not embedded in {typeof(SchemaCheck).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Every failure, as (JSON path, message); empty when the document follows the schema.</summary>
    public IReadOnlyList<(string Path, string Message)> Check(JsonElement document)
    {
        var problems = new List<(string, string)>();
        Collect(schema.Evaluate(document, Hierarchical), document, problems);
        return problems.Distinct().ToList();
    }

    private static SchemaCheck Embedded(string fileName) => new(Text(fileName));

    /// <summary>
    /// Follows failing results only from failing parents: a failed "if" (which fails nothing) or a
    /// passing branch never reaches the author. A failing result with no words of its own and no failing
    /// part (JsonSchema.Net words no "not") is worded from the rule itself.
    /// </summary>
    private void Collect(EvaluationResults result, JsonElement document, List<(string, string)> problems)
    {
        if (result.IsValid)
        {
            return;
        }

        var before = problems.Count;
        var pointer = result.InstanceLocation.ToString();
        var at = JsonLocation.Segments(result.EvaluationPath.ToString()).ToArray();
        foreach (var (keyword, libraryMessage) in result.Errors ?? new Dictionary<string, string>())
        {
            problems.AddRange(Words(keyword, libraryMessage, at, pointer, document));
        }

        foreach (var detail in result.Details ?? [])
        {
            Collect(detail, document, problems);
        }

        if (problems.Count == before)
        {
            problems.AddRange(Words("", "", at, pointer, document));
        }
    }

    private IEnumerable<(string, string)> Words(string keyword, string libraryMessage, string[] evaluationPath, string pointer, JsonElement document)
    {
        var instance = JsonLocation.Find(document, pointer);
        var path = JsonLocation.Words(document, pointer);
        var name = JsonLocation.LastName(document, pointer);
        var rule = Resolve(evaluationPath);
        if (rule.ValueKind == JsonValueKind.Object && rule.TryGetProperty("errorMessage", out var custom))
        {
            yield return (path, $"'{name}' {custom.GetString()}");
            yield break;
        }

        switch (keyword)
        {
            case "required":
                foreach (var missing in rule.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Where(r => !instance.TryGetProperty(r, out _)))
                {
                    yield return (JsonLocation.Child(path, missing), $"missing required property '{missing}'");
                }

                break;
            case "" when evaluationPath.Length > 0 && evaluationPath[^1] == "additionalProperties":
                var allowed = Resolve(evaluationPath[..^1]).GetProperty("properties").EnumerateObject().Select(p => p.Name);
                yield return (path, $"unknown property '{name}' (allowed: {string.Join(", ", allowed)})");
                break;
            case "":
                // A "false" schema, or a "not" the library leaves unworded.
                yield return (path, $"'{name}' is not allowed here");
                break;
            case "type":
                yield return (path, $"expected {Expected(rule.GetProperty("type"))} but found {Found(instance, rule.GetProperty("type"))}");
                break;
            case "pattern" when string.IsNullOrWhiteSpace(instance.GetString()):
            case "minLength":
                yield return (path, $"'{name}' must not be empty");
                break;
            case "pattern":
                var explanation = rule.TryGetProperty("patternErrorMessage", out var hint) ? hint.GetString() : $"it must match {rule.GetProperty("pattern").GetString()}";
                yield return (path, $"'{instance.GetString()}' is not a valid {name}: {explanation}");
                break;
            case "minimum":
                yield return (path, $"'{name}' must be at least {rule.GetProperty("minimum").GetRawText()} (found {instance.GetRawText()})");
                break;
            case "maximum":
                yield return (path, $"'{name}' must be at most {rule.GetProperty("maximum").GetRawText()} (found {instance.GetRawText()})");
                break;
            case "minItems":
                var least = rule.GetProperty("minItems").GetInt32();
                yield return (path, $"'{name}' needs at least {least} {(least == 1 ? "entry" : "entries")} (found {instance.GetArrayLength()})");
                break;
            case "enum":
                var title = rule.TryGetProperty("title", out var t) ? t.GetString() : name;
                var shown = Shown(instance);
                yield return (path, $"unknown {title} '{shown}': use one of {Quoted(rule.GetProperty("enum").EnumerateArray().Select(Shown))}");
                break;
            default:
                // A rule the schema gained after this wording was written: the library's own words still say what is wrong.
                yield return (path, libraryMessage);
                break;
        }
    }

    /// <summary>
    /// The subschema an evaluation path leads to. Only local references ("#/...") are followed: the
    /// shipped schemas use no others.
    /// </summary>
    private JsonElement Resolve(string[] evaluationPath)
    {
        var node = root;
        for (var i = 0; i < evaluationPath.Length; i++)
        {
            var segment = evaluationPath[i];
            switch (segment)
            {
                case "$ref":
                    node = JsonLocation.Find(root, node.GetProperty("$ref").GetString()!.TrimStart('#'));
                    break;
                case "properties" or "patternProperties" or "$defs" or "dependentSchemas":
                    node = node.GetProperty(segment).GetProperty(evaluationPath[++i]);
                    break;
                case "allOf" or "anyOf" or "oneOf" or "prefixItems":
                    node = node.GetProperty(segment)[int.Parse(evaluationPath[++i], CultureInfo.InvariantCulture)];
                    break;
                case "items":
                    node = node.GetProperty(segment);
                    // JsonSchema.Net 8 writes the items keyword twice in evaluation paths (".../items/items").
                    if (i + 1 < evaluationPath.Length && evaluationPath[i + 1] == "items")
                    {
                        i++;
                    }

                    break;
                default:
                    node = node.GetProperty(segment);
                    break;
            }
        }

        return node;
    }

    private static string Expected(JsonElement type) => type.ValueKind == JsonValueKind.Array
        ? string.Join(" or ", type.EnumerateArray().Select(t => Article(t.GetString()!)))
        : Article(type.GetString()!);

    private static string Found(JsonElement instance, JsonElement expected) => instance.ValueKind switch
    {
        // A fraction where a whole number belongs: show the number itself, "a number" would puzzle.
        JsonValueKind.Number when expected.ValueKind == JsonValueKind.String && expected.GetString() == "integer" => instance.GetRawText(),
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Article(string type) => type switch
    {
        "object" or "array" or "integer" => $"an {type}",
        "boolean" => "true or false",
        "null" => "null",
        _ => $"a {type}",
    };

    private static string Shown(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    internal static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"\"{v}\""));
}
