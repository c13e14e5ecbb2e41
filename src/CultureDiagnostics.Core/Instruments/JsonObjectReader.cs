using System.Text.Json;
using System.Text.RegularExpressions;

namespace CultureDiagnostics.Core.Instruments;

/// <summary>Collects every problem in one file so an author sees them all at once, not one per run.</summary>
internal sealed class ErrorSink(string file)
{
    private readonly List<InstrumentError> errors = [];

    public IReadOnlyList<InstrumentError> Errors => errors;

    public bool Any => errors.Count > 0;

    public void Add(string path, string message) => errors.Add(new InstrumentError(file, path, message));

    /// <summary>
    /// Parses JSON strictly (no comments, no trailing commas). Returns null and records the line
    /// and position when the text is not JSON at all.
    /// </summary>
    public JsonDocument? ParseDocument(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            var reason = e.Message;
            var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
            {
                reason = reason[..cut];
            }

            Add("$", $"malformed JSON at line {line}, position {position}: {reason}");
            return null;
        }
    }
}

/// <summary>
/// Reads one JSON object property by property, recording a path-qualified error for every
/// missing, mistyped or unknown property. Getters return null when the value is unusable.
/// </summary>
internal sealed partial class JsonObjectReader
{
    private readonly JsonElement element;
    private readonly ErrorSink errors;

    private JsonObjectReader(JsonElement element, string path, ErrorSink errors)
    {
        this.element = element;
        Path = path;
        this.errors = errors;
    }

    public string Path { get; }

    /// <summary>Opens an object, reporting unknown properties (usually typos) against <paramref name="allowed"/>.</summary>
    public static JsonObjectReader? Open(JsonElement element, string path, ErrorSink errors, params string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, $"expected an object but found {Describe(element.ValueKind)}");
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                errors.Add(PathOf(path, property.Name), $"property '{property.Name}' appears more than once");
            }
            else if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add(PathOf(path, property.Name), $"unknown property '{property.Name}' (allowed: {string.Join(", ", allowed)})");
            }
        }

        return new JsonObjectReader(element, path, errors);
    }

    public static bool IsId(string value) => IdPattern().IsMatch(value);

    public string PathOf(string name) => PathOf(Path, name);

    public JsonElement Element(string name) => element.GetProperty(name);

    public bool Has(string name) => element.TryGetProperty(name, out _);

    /// <summary>Whether the property is present and an array (so an emptiness check does not repeat a type error).</summary>
    public bool HasArray(string name) => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array;

    public string? String(string name, bool required)
    {
        if (!TryGet(name, required, JsonValueKind.String, "a string", out var value))
        {
            return null;
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(PathOf(name), $"'{name}' must not be empty");
            return null;
        }

        return text;
    }

    /// <summary>An identifier: lowercase letters, digits and single hyphens, stable because answers are stored against it.</summary>
    public string? Id(string name)
    {
        var text = String(name, required: true);
        if (text is not null && !IsId(text))
        {
            errors.Add(PathOf(name), $"'{text}' is not a valid {name}: use lowercase letters a-z, digits 0-9 and single hyphens (for example \"staff-group\")");
            return null;
        }

        return text;
    }

    public int? Int(string name, bool required, int minimum)
    {
        if (!TryGet(name, required, JsonValueKind.Number, "an integer", out var value))
        {
            return null;
        }

        if (!value.TryGetInt32(out var number))
        {
            errors.Add(PathOf(name), $"expected an integer but found {value.GetRawText()}");
            return null;
        }

        if (number < minimum)
        {
            errors.Add(PathOf(name), $"'{name}' must be at least {minimum} (found {number})");
            return null;
        }

        return number;
    }

    public bool? Bool(string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        errors.Add(PathOf(name), $"expected true or false but found {Describe(value.ValueKind)}");
        return null;
    }

    /// <summary>The elements of an array with their paths; empty when missing or mistyped (already reported).</summary>
    public IReadOnlyList<(JsonElement Element, string Path)> Array(string name, bool required)
    {
        if (!TryGet(name, required, JsonValueKind.Array, "an array", out var value))
        {
            return [];
        }

        var path = PathOf(name);
        return value.EnumerateArray().Select((e, i) => (e, $"{path}[{i}]")).ToList();
    }

    private bool TryGet(string name, bool required, JsonValueKind kind, string expected, out JsonElement value)
    {
        if (!element.TryGetProperty(name, out value))
        {
            if (required)
            {
                errors.Add(PathOf(name), $"missing required property '{name}'");
            }

            return false;
        }

        if (value.ValueKind != kind)
        {
            errors.Add(PathOf(name), $"expected {expected} but found {Describe(value.ValueKind)}");
            return false;
        }

        return true;
    }

    private static string PathOf(string path, string name) =>
        IsId(name) || SimpleName().IsMatch(name) ? $"{path}.{name}" : $"{path}['{name}']";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SimpleName();
}
