using System.Text.Json;
using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Core.Tests.Statistics;

/// <summary>
/// Reference/no-variation: where everyone gave the same answer the interval is not [x, x] but the means the population
/// could have with at most the Clopper–Pearson share of people answering otherwise (binom.test(0, n) in R,
/// make-expected.R beside the values), reproduced to 1e-9; it narrows as more people agree.
/// </summary>
public sealed class NoVariationIntervalMatchesRTests
{
    [Fact]
    public void ASampleWithoutVariationGetsAnIntervalHonestAboutHowManyAnswered()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Reference", "no-variation", "expected.json");
        var cases = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.NotEmpty(cases);
        foreach (var c in cases)
        {
            var (n, x) = (c.GetProperty("n").GetInt32(), c.GetProperty("x").GetDouble());
            var interval = Descriptive.MeanInterval(x, 0, n, c.GetProperty("low").GetDouble(), c.GetProperty("high").GetDouble())!.Value;
            Assert.True(Math.Abs(interval.Low - c.GetProperty("ci_low").GetDouble()) < 1e-9, $"n {n}, x {x}: low {interval.Low:R}");
            Assert.True(Math.Abs(interval.High - c.GetProperty("ci_high").GetDouble()) < 1e-9, $"n {n}, x {x}: high {interval.High:R}");
        }
    }

    [Fact]
    public void ElevenPeopleAllAnsweringTheTopAreNotShownAsCertain()
    {
        var counts = new[] { 0, 0, 0, 0, 0, 0, 11 };
        var item = ItemSummary.FromCounts("q", counts, 1);
        Assert.Equal(7, item.Mean);
        Assert.Equal(0, item.Sd);
        var ci = item.MeanCi95!.Value;
        Assert.True(ci.Low < 6 && ci.High == 7, $"{ci}");
    }
}
