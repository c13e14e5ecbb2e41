using System.Text.Json.Nodes;
using CultureDiagnostics.Core.Instruments;

namespace CultureDiagnostics.Core.Tests.Instruments;

/// <summary>A small valid instrument that each validation test breaks in exactly one way.</summary>
internal static class SampleInstrument
{
    public const string FileName = "sample.v1.json";

    public static JsonObject Json() => JsonNode.Parse("""
        {
          "id": "sample",
          "version": 1,
          "title": "Sample",
          "introduction": "An instrument for tests.",
          "estimatedMinutes": 2,
          "scales": [
            { "id": "agree", "points": [ { "value": 1, "label": "No" }, { "value": 2, "label": "Maybe" }, { "value": 3, "label": "Yes" } ] }
          ],
          "constructs": [
            { "id": "safety", "title": "Safety", "kind": "team-construct", "element": "teamwork" }
          ],
          "sections": [
            {
              "id": "first",
              "title": "First",
              "items": [
                { "id": "q1", "type": "scale", "text": "A statement.", "scale": "agree", "construct": "safety" },
                { "id": "leads", "type": "choice", "text": "Do you lead?", "options": [ { "value": "yes", "label": "Yes" }, { "value": "no", "label": "No" } ] },
                { "id": "note", "type": "text", "text": "Anything else?" }
              ]
            },
            {
              "id": "second",
              "title": "Second",
              "condition": { "item": "leads", "value": "yes" },
              "items": [
                { "id": "q2", "type": "scale", "text": "Another statement.", "scale": "agree", "construct": "safety", "reverse": true }
              ]
            }
          ],
          "demographics": [
            { "id": "staff-group", "text": "Your staff group?", "options": [ { "value": "a", "label": "A" }, { "value": "b", "label": "B" } ] }
          ]
        }
        """)!.AsObject();

    public static InstrumentParseResult Parse(JsonObject json, string fileName = FileName) =>
        InstrumentParser.Parse(fileName, json.ToJsonString());

    /// <summary>Applies one change and returns the single error it must cause.</summary>
    public static InstrumentError SingleError(Action<JsonObject> breakIt, string fileName = FileName)
    {
        var json = Json();
        breakIt(json);
        var result = Parse(json, fileName);
        Assert.Null(result.Instrument);
        Assert.Null(result.Fingerprint);
        return Assert.Single(result.Errors);
    }

    public static JsonObject Item(this JsonObject instrument, int section, int item) =>
        instrument["sections"]![section]!["items"]![item]!.AsObject();

    public static JsonObject Section(this JsonObject instrument, int section) =>
        instrument["sections"]![section]!.AsObject();

    public static JsonArray Points(this JsonObject instrument) =>
        instrument["scales"]![0]!["points"]!.AsArray();
}
