using System.Text.Json;
using CultureDiagnostics.Core.Spc;

namespace CultureDiagnostics.Core.Tests.Spc;

/// <summary>The SPC series computed with NHSRplotthedots 0.2.2 (spc/expected.json).</summary>
public static class SpcReference
{
    private static readonly Lazy<JsonElement> LazySeries = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "spc", "expected.json")))
            .RootElement.GetProperty("series"));

    public static IEnumerable<JsonElement> AllSeries => LazySeries.Value.EnumerateArray();

    public static JsonElement Series(string name) => AllSeries.Single(s => s.GetProperty("name").GetString() == name);

    public static double[] Values(JsonElement series) =>
        series.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static SpcOptions Options(JsonElement series) => new(
        series.GetProperty("improvement_direction").GetString() switch
        {
            "increase" => ImprovementDirection.Increase,
            "decrease" => ImprovementDirection.Decrease,
            _ => ImprovementDirection.Neutral,
        },
        series.GetProperty("target").ValueKind == JsonValueKind.Null ? null : series.GetProperty("target").GetDouble(),
        series.GetProperty("rebase_at_index").ValueKind == JsonValueKind.Null ? null : [series.GetProperty("rebase_at_index").GetInt32()],
        series.GetProperty("screen_outliers").GetBoolean());

    public static string? Text(JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Null ? null : element.GetProperty(property).GetString();
}
