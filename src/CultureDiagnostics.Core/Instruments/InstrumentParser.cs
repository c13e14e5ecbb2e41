using System.Text.Json;
using CultureDiagnostics.Core.Framework;

namespace CultureDiagnostics.Core.Instruments;

/// <summary>
/// Reads one instrument file (surveys/&lt;id&gt;.v&lt;version&gt;.json) and checks every rule in
/// surveys/README.md. Pure: the caller supplies the file name and text.
/// </summary>
public static class InstrumentParser
{
    public const int DefaultTextMaxLength = 2000;

    public static readonly IReadOnlyList<string> ConstructKinds = ["element", "compassionate-behaviour", "team-construct", "other"];

    public static InstrumentParseResult Parse(string fileName, string json)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(json);

        var errors = new ErrorSink(fileName);
        using var document = errors.ParseDocument(json);
        if (document is null)
        {
            return new InstrumentParseResult(null, null, errors.Errors);
        }

        var instrument = ReadInstrument(document.RootElement, fileName, errors);
        if (instrument is null || errors.Any)
        {
            return new InstrumentParseResult(null, null, errors.Errors);
        }

        return new InstrumentParseResult(instrument, InstrumentFingerprint.Compute(instrument), []);
    }

    private static Instrument? ReadInstrument(JsonElement root, string fileName, ErrorSink errors)
    {
        var reader = JsonObjectReader.Open(root, "$", errors,
            "$schema", "id", "version", "title", "introduction", "estimatedMinutes", "scales", "constructs", "sections", "demographics");
        if (reader is null)
        {
            return null;
        }

        if (reader.Has("$schema"))
        {
            reader.String("$schema", required: false);
        }

        var id = reader.Id("id");
        var version = reader.Int("version", required: true, minimum: 1);
        var title = reader.String("title", required: true);
        var introduction = reader.String("introduction", required: true);
        var minutes = reader.Int("estimatedMinutes", required: true, minimum: 1);
        CheckFileName(fileName, id, version, errors);

        var scales = ReadScales(reader, errors);
        var constructs = ReadConstructs(reader, errors);
        var sections = new SectionReader(errors, scales.Ids, constructs.Ids).Read(reader);
        var demographics = ReadDemographics(reader, errors);

        if (id is null || version is null || title is null || introduction is null || minutes is null)
        {
            return null;
        }

        return new Instrument(id, version.Value, title, introduction, minutes.Value, scales.Values, constructs.Values, sections, demographics);
    }

    private static void CheckFileName(string fileName, string? id, int? version, ErrorSink errors)
    {
        if (id is null || version is null)
        {
            return;
        }

        var expected = $"{id}.v{version}.json";
        var actual = Path.GetFileName(fileName);
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            errors.Add("$", $"file name '{actual}' does not match the instrument's id and version: expected '{expected}'");
        }
    }

    private static (List<ResponseScale> Values, HashSet<string> Ids) ReadScales(JsonObjectReader root, ErrorSink errors)
    {
        var values = new List<ResponseScale>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var entries = root.Array("scales", required: true);
        if (root.HasArray("scales") && entries.Count == 0)
        {
            errors.Add(root.PathOf("scales"), "an instrument needs at least one scale");
        }

        foreach (var (element, path) in entries)
        {
            var scale = JsonObjectReader.Open(element, path, errors, "id", "points", "notApplicable");
            if (scale is null)
            {
                continue;
            }

            var id = scale.Id("id");
            if (id is not null && !ids.Add(id))
            {
                errors.Add(scale.PathOf("id"), $"duplicate scale id '{id}'");
            }

            var points = ReadPoints(scale, errors);
            var notApplicable = scale.String("notApplicable", required: false);
            if (id is not null && points is not null)
            {
                values.Add(new ResponseScale(id, points, notApplicable));
            }
        }

        return (values, ids);
    }

    private static List<ScalePoint>? ReadPoints(JsonObjectReader scale, ErrorSink errors)
    {
        var entries = scale.Array("points", required: true);
        var path = scale.PathOf("points");
        if (!scale.HasArray("points"))
        {
            return null;
        }

        if (entries.Count < 2)
        {
            errors.Add(path, $"a scale needs at least 2 points (found {entries.Count})");
        }

        var points = new List<ScalePoint>();
        var complete = true;
        var seen = new HashSet<int>();
        foreach (var (element, pointPath) in entries)
        {
            var reader = JsonObjectReader.Open(element, pointPath, errors, "value", "label");
            var value = reader?.Int("value", required: true, minimum: int.MinValue);
            var label = reader?.String("label", required: true);
            if (value is not null && !seen.Add(value.Value))
            {
                errors.Add(reader!.PathOf("value"), $"duplicate point value {value}");
            }

            if (value is null || label is null)
            {
                complete = false;
                continue;
            }

            points.Add(new ScalePoint(value.Value, label));
        }

        if (!complete || entries.Count < 2 || seen.Count != points.Count)
        {
            return null;
        }

        var values = points.Select(p => p.Value).ToList();
        var sorted = values.Order().ToList();
        if (sorted[^1] - sorted[0] + 1 != sorted.Count)
        {
            errors.Add(path, $"point values must be contiguous integers with no gaps (found {string.Join(", ", sorted)})");
            return null;
        }

        if (!values.SequenceEqual(sorted))
        {
            errors.Add(path, "points must be listed from the lowest value to the highest");
            return null;
        }

        return points;
    }

    private static (List<Construct> Values, HashSet<string> Ids) ReadConstructs(JsonObjectReader root, ErrorSink errors)
    {
        var values = new List<Construct>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var entries = root.Array("constructs", required: true);
        if (root.HasArray("constructs") && entries.Count == 0)
        {
            errors.Add(root.PathOf("constructs"), "an instrument needs at least one construct");
        }

        foreach (var (element, path) in entries)
        {
            var construct = JsonObjectReader.Open(element, path, errors, "id", "title", "kind", "element", "description");
            if (construct is null)
            {
                continue;
            }

            var id = construct.Id("id");
            if (id is not null && !ids.Add(id))
            {
                errors.Add(construct.PathOf("id"), $"duplicate construct id '{id}'");
            }

            var title = construct.String("title", required: true);
            var kind = construct.String("kind", required: true);
            if (kind is not null && !ConstructKinds.Contains(kind))
            {
                errors.Add(construct.PathOf("kind"), $"unknown kind '{kind}': use one of {Quoted(ConstructKinds)}");
                kind = null;
            }

            var culturalElement = construct.String("element", required: false);
            if (culturalElement is not null && CulturalFramework.FindElement(culturalElement) is null)
            {
                errors.Add(construct.PathOf("element"),
                    $"'{culturalElement}' is not a cultural element: use one of {Quoted(CulturalFramework.Elements.Select(e => e.Id))}");
            }

            var description = construct.String("description", required: false);
            if (id is not null && title is not null && kind is not null)
            {
                values.Add(new Construct(id, title, kind, culturalElement, description));
            }
        }

        return (values, ids);
    }

    private static List<DemographicQuestion> ReadDemographics(JsonObjectReader root, ErrorSink errors)
    {
        var values = new List<DemographicQuestion>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (element, path) in root.Array("demographics", required: false))
        {
            var question = JsonObjectReader.Open(element, path, errors, "id", "text", "options");
            if (question is null)
            {
                continue;
            }

            var id = question.Id("id");
            if (id is not null && !ids.Add(id))
            {
                errors.Add(question.PathOf("id"), $"duplicate demographic question id '{id}'");
            }

            var text = question.String("text", required: true);
            var options = ReadOptions(question, errors, required: true);
            if (id is not null && text is not null && options is not null)
            {
                values.Add(new DemographicQuestion(id, text, options));
            }
        }

        return values;
    }

    /// <summary>Options of a choice item or demographic question; null when absent or invalid.</summary>
    internal static List<ChoiceOption>? ReadOptions(JsonObjectReader owner, ErrorSink errors, bool required)
    {
        if (!owner.Has("options"))
        {
            if (required)
            {
                owner.Array("options", required: true);
            }

            return null;
        }

        var entries = owner.Array("options", required: true);
        if (!owner.HasArray("options"))
        {
            return null;
        }

        if (entries.Count == 0)
        {
            errors.Add(owner.PathOf("options"), "at least one option is needed");
            return null;
        }

        var options = new List<ChoiceOption>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var complete = true;
        foreach (var (element, path) in entries)
        {
            var option = JsonObjectReader.Open(element, path, errors, "value", "label");
            var value = option?.Id("value");
            var label = option?.String("label", required: true);
            if (value is not null && !seen.Add(value))
            {
                errors.Add(option!.PathOf("value"), $"duplicate option value '{value}'");
                complete = false;
            }

            if (value is null || label is null)
            {
                complete = false;
                continue;
            }

            options.Add(new ChoiceOption(value, label));
        }

        return complete ? options : null;
    }

    internal static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"\"{v}\""));
}
