using System.Globalization;
using System.Text.Json;
using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Core.Tests.Statistics;

/// <summary>The reference data set (computed with R) and its expected values, loaded once.</summary>
public static class PsychologicalSafetyReference
{
    public const double Tolerance = 1e-9;

    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Reference", "psychological-safety");

    private static readonly Lazy<JsonElement> LazyExpected = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json"))).RootElement);

    private static readonly Lazy<ScaleDataSet> LazyData = new(Load);

    private static readonly Lazy<ScaleAnalysisResult> LazyResult = new(() => ScaleAnalysis.Analyse(LazyData.Value));

    public static JsonElement Expected => LazyExpected.Value;

    public static ScaleDataSet Data => LazyData.Value;

    public static ScaleAnalysisResult Result => LazyResult.Value;

    public static GroupResult Team(int team) => Result.Groups.Single(g => g.Label == team.ToString(CultureInfo.InvariantCulture));

    public static double? Number(JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Null ? null : element.GetProperty(property).GetDouble();

    public static void Close(double? expected, double? actual, string what)
    {
        if (expected is null)
        {
            Assert.True(actual is null, $"{what}: expected null, got {actual}");
            return;
        }

        Assert.True(actual is not null, $"{what}: expected {expected}, got null");
        Assert.True(Math.Abs(expected.Value - actual.Value) < Tolerance, $"{what}: expected {expected:R}, got {actual:R}");
    }

    // The reference file is plain: a quoted header, integer cells, empty cell = missing.
    private static ScaleDataSet Load()
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, "responses.csv"));
        var header = lines[0].Split(',').Select(h => h.Trim('"')).ToArray();
        var itemIds = header.Skip(2).ToArray();
        var teams = new List<int>();
        var answers = new List<double>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split(',');
            teams.Add(int.Parse(cells[0], CultureInfo.InvariantCulture));
            answers.AddRange(cells.Skip(2).Select(c => c.Length == 0 ? double.NaN : double.Parse(c, CultureInfo.InvariantCulture)));
        }

        var labels = teams.Distinct().Order().ToArray();
        var index = labels.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);
        var reversed = itemIds.Select(id => id is "q1" or "q3" or "q5").ToArray();
        return new ScaleDataSet(
            itemIds,
            1,
            7,
            reversed,
            labels.Select(t => t.ToString(CultureInfo.InvariantCulture)).ToArray(),
            teams.Select(t => index[t]).ToArray(),
            answers.ToArray());
    }
}
