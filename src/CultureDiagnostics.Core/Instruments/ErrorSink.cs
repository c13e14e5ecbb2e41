using System.Text.Json;

namespace CultureDiagnostics.Core.Instruments;

/// <summary>Collects every problem in one file so an author sees them all at once, top to bottom, not one per run.</summary>
internal sealed class ErrorSink(string file)
{
    // Strict JSON: no comments, no trailing commas, and a property written twice is an error (which would win is a guess).
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    private readonly List<InstrumentError> errors = [];

    public bool Any => errors.Count > 0;

    public void Add(string path, string message) => errors.Add(new InstrumentError(file, path, message));

    /// <summary>Records the schema's findings; returns the places they are about, whose values no other rule should read.</summary>
    public IReadOnlySet<string> AddAll(IEnumerable<(string Path, string Message)> problems)
    {
        var places = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, message) in problems)
        {
            Add(path, message);
            places.Add(path);
        }

        return places;
    }

    /// <summary>Parses the text, or returns null after recording the line and position where it stops being JSON.</summary>
    public JsonDocument? ParseDocument(string json)
    {
        try
        {
            return JsonDocument.Parse(json, Strict);
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

            Add(JsonLocation.Root, $"malformed JSON at line {line}, position {position}: {reason}");
            return null;
        }
    }

    /// <summary>The problems in the order their places appear in the file (a missing property where its object is).</summary>
    public IReadOnlyList<InstrumentError> InReadingOrder(JsonElement document)
    {
        var order = JsonLocation.ReadingOrder(document);
        return errors.OrderBy(e => PlaceOf(e.Path, order)).ToList();
    }

    public IReadOnlyList<InstrumentError> Errors => errors;

    private static int PlaceOf(string path, Dictionary<string, int> order)
    {
        for (var place = path; ; place = Parent(place))
        {
            if (order.TryGetValue(place, out var index) || place == JsonLocation.Root)
            {
                return index;
            }
        }
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut > 0 ? path[..cut] : JsonLocation.Root;
    }
}
