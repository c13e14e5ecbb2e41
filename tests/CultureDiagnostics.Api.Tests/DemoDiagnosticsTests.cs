using System.Net.Http.Json;
using CultureDiagnostics.Api.Demo;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Spc;

namespace CultureDiagnostics.Api.Tests;

/// <summary>The demo's metrics, findings and conclusions: the story its charts tell, and that it is loaded once.</summary>
public sealed class DemoDiagnosticsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cd-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>The series end with last month, so the winter months fall differently with the day the demo is loaded.</summary>
    public static TheoryData<int> EveryMonthOfTheYear() => new(Enumerable.Range(1, 12));

    [Theory]
    [MemberData(nameof(EveryMonthOfTheYear))]
    public void WhicheverMonthTheDemoIsLoadedItsChartsShowTheSameSignals(int month)
    {
        var values = DemoDiagnostics.Values(new DateOnly(2027, month, 15));
        SpcResult Chart(string id) => MetricRules.Chart(DemoDiagnostics.Metrics.Single(m => m.Id == id), values.Where(v => v.MetricId == id).ToList());

        Assert.All(DemoDiagnostics.Metrics, m => Assert.Equal(DemoDiagnostics.Months, values.Count(v => v.MetricId == m.Id)));
        Assert.Equal(new DateOnly(2027, month, 1).AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), values.Max(v => v.Period));
        Assert.Equal(PointTypes.Improvement, Chart("sickness-absence").LastPointVariation);
        Assert.Equal(PointTypes.Concern, Chart("vacancy-rate").LastPointVariation);
        Assert.Equal(PointTypes.Improvement, Chart("incidents-reported").LastPointVariation);
        foreach (var steady in new[] { "staff-turnover", "staff-engagement", "friends-and-family-test", "senior-roles-ethnic-minority" })
        {
            Assert.True(Chart(steady).Points.All(p => p.PointType == PointTypes.CommonCause), $"{steady} should show common-cause variation only.");
        }

        Assert.Equal(AssuranceTypes.ConsistentPass, Chart("friends-and-family-test").Assurance);
        Assert.Equal(AssuranceTypes.ConsistentFail, Chart("staff-engagement").Assurance);
        Assert.Equal(AssuranceTypes.Inconsistent, Chart("staff-turnover").Assurance);
    }

    [Fact]
    public async Task TheDemoSynthesisHasEvidenceFromEverySourceAndIsLoadedOnlyOnceAcrossRestarts()
    {
        int findings, metrics, values, cells;
        using (var first = new TestApp(demo: true, directory: _directory))
        {
            var client = first.CreateClient();
            (await client.PostAsJsonAsync("/api/auth/sign-in", new { email = DemoData.AdminEmail, password = DemoData.AdminPassword })).EnsureSuccessStatusCode();
            var synthesis = await TestApp.ReadObjectAsync(await client.GetAsync("/api/synthesis"));
            var allCells = synthesis["elements"]!.AsArray().SelectMany(e => e!["cells"]!.AsArray()).ToList();
            foreach (var source in Core.Framework.CulturalFramework.Sources)
            {
                Assert.Contains(allCells, c => c!["source"]!.GetValue<string>() == source.Id && c["evidence"]!.AsArray().Count > 0);
            }

            Assert.Contains(allCells, c => c!["conclusion"] is not null);
            var judgements = synthesis["elements"]!.AsArray().Select(e => e!["judgement"]?.GetValue<string>()).ToList();
            Assert.Contains(Judgements.Strength, judgements);
            Assert.Contains(Judgements.AreaToDevelop, judgements);

            var dashboard = await client.GetStringAsync("/dashboard/latest");
            Assert.Contains("Special cause variation: improvement", dashboard, StringComparison.Ordinal);
            Assert.Contains("Sickness absence rate", dashboard, StringComparison.Ordinal);
            (findings, metrics, values, cells) = (
                (int)first.Count("findings"), (int)first.Count("metrics"), (int)first.Count("metric_values"), (int)first.Count("synthesis_cells"));
            Assert.Equal(DemoDiagnostics.Findings.Count, findings);
            Assert.Equal(DemoDiagnostics.Metrics.Count * DemoDiagnostics.Months, values);
        }

        using var again = new TestApp(demo: true, directory: _directory);
        _ = again.CreateClient();
        Assert.Equal(findings, again.Count("findings"));
        Assert.Equal(metrics, again.Count("metrics"));
        Assert.Equal(values, again.Count("metric_values"));
        Assert.Equal(cells, again.Count("synthesis_cells"));
    }
}
