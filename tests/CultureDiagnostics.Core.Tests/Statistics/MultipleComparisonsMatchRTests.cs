using System.Globalization;
using System.Text.Json;
using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Core.Tests.Statistics;

/// <summary>
/// Reference/multiple-comparisons: twelve comparisons of two samples; Welch's p-values (t.test) and their
/// Benjamini–Hochberg adjustment (p.adjust) from make-expected.R beside the data, reproduced to 1e-9.
/// </summary>
public sealed class MultipleComparisonsMatchRTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Reference", "multiple-comparisons");

    [Fact]
    public void WelchPValuesAndTheirBenjaminiHochbergAdjustmentMatchR()
    {
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json"))).RootElement;
        var samples = File.ReadAllLines(Path.Combine(Folder, "samples.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(','))
            .GroupBy(c => int.Parse(c[0], CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key)
            .Select(g => (First: Summary(g.Where(c => c[1] == "first")), Second: Summary(g.Where(c => c[1] == "second"))))
            .ToList();

        var p = samples.Select(s => MeanComparison.Welch(s.First, s.Second)!.P).ToList();
        var adjusted = MultipleComparisons.BenjaminiHochberg(p);

        var (expectedP, expectedBh) = (Values(expected, "p"), Values(expected, "bh"));
        Assert.Equal(expectedP.Count, p.Count);
        for (var k = 0; k < p.Count; k++)
        {
            Assert.True(Math.Abs(expectedP[k] - p[k]) < 1e-9, $"comparison {k + 1}: Welch p {p[k]:R}, R {expectedP[k]:R}");
            Assert.True(Math.Abs(expectedBh[k] - adjusted[k]) < 1e-9, $"comparison {k + 1}: adjusted p {adjusted[k]:R}, R {expectedBh[k]:R}");
        }
    }

    private static List<double> Values(JsonElement root, string name) => [.. root.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())];

    private static ContinuousSummary Summary(IEnumerable<string[]> rows) =>
        Descriptive.SummariseInPlace([.. rows.Select(c => double.Parse(c[2], CultureInfo.InvariantCulture))], 1, 5);
}
