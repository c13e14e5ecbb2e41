using System.Net.Http.Json;
using System.Text;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Api.Tests;

/// <summary>
/// Eight teams compared with the organisation are judged together: "a real difference" only where the difference
/// survives the Benjamini–Hochberg control of the false discovery rate across all of them, recomputed here from what
/// each respondent answered (Welch's test of the team against the rest; both checked against R in the Core tests).
/// </summary>
public sealed class ComparisonsTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>Each respondent's scale score; they answer every item so that their score is exactly this.</summary>
    private static readonly int[][] Scores =
    [
        [4, 4, 3, 5, 4, 4], [3, 4, 4, 4, 5, 4], [4, 3, 4, 4, 4, 5], [4, 4, 4, 3, 4, 4],
        [6, 6, 7, 6, 6, 7], // far above the rest
        [5, 4, 5, 5, 4, 5], // somewhat above: its own interval excludes 0, but not after eight comparisons
        [4, 4, 5, 3, 4, 4], [3, 3, 4, 4, 3, 4],
    ];

    [Fact]
    public async Task ARealDifferenceIsOneThatSurvivesEveryComparisonOfItsKindAndThePageSaysSo()
    {
        var admin = await _app.SignedInClientAsync();
        var structure = new StringBuilder("code,name,parent_code\nORG,Trust,\n");
        for (var t = 1; t <= Scores.Length; t++)
        {
            structure.Append($"T{t},Team {t},ORG\n");
        }

        (await admin.PostAsync("/api/units/import", new StringContent(structure.ToString(), Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var created = await TestApp.ReadObjectAsync(await admin.PostAsJsonAsync("/api/campaigns", new
        {
            title = "Wave", opensOn = "2026-11-01", closesOn = "2026-11-30",
            instruments = new[] { new { id = "psychological-safety" } },
            units = Enumerable.Range(1, Scores.Length).Select(t => $"T{t}"),
        }));
        var id = created["id"]!.GetValue<string>();
        (await admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        foreach (var unit in created["units"]!.AsArray())
        {
            var team = int.Parse(unit!["code"]!.GetValue<string>()[1..], System.Globalization.CultureInfo.InvariantCulture) - 1;
            foreach (var score in Scores[team])
            {
                await Scenario.SubmitAsync(_app, Scenario.Submission(_app, unit["accessCode"]!.GetValue<string>(), item => item.Reverse ? 8 - score : score));
            }
        }

        (await admin.PostAsync($"/api/campaigns/{id}/close", null)).EnsureSuccessStatusCode();

        // What the respondents answered: each team against the rest, then all eight adjusted together.
        var p = Scores.Select((team, t) =>
        {
            var rest = Scores.Where((_, other) => other != t).SelectMany(x => x).Select(x => (double)x).ToArray();
            return MeanComparison.Welch(Descriptive.SummariseInPlace([.. team.Select(x => (double)x)], 1, 7), Descriptive.SummariseInPlace(rest, 1, 7))!.P;
        }).ToList();
        var adjusted = MultipleComparisons.BenjaminiHochberg(p);

        var excludesZeroButNotReal = 0;
        for (var t = 0; t < Scores.Length; t++)
        {
            var unit = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/results/units/T{t + 1}"));
            var versus = unit["scales"]![0]!["versusOrganisation"]!;
            Assert.True((adjusted[t] <= 0.05) == versus["significant"]!.GetValue<bool>(), $"T{t + 1}: p {p[t]:0.0000}, adjusted {adjusted[t]:0.0000}");
            Assert.Contains("judged together with the 8 comparisons of a unit with the organisation", versus["judged"]!.GetValue<string>(), StringComparison.Ordinal);
            var (low, high) = (versus["ci95"]!["low"]!.GetValue<double>(), versus["ci95"]!["high"]!.GetValue<double>());
            if ((low > 0 || high < 0) && !versus["significant"]!.GetValue<bool>())
            {
                excludesZeroButNotReal++;
                var page = await (await admin.GetAsync($"/workspace/campaigns/{id}/results/units/T{t + 1}")).Content.ReadAsStringAsync();
                Assert.Contains("within noise: the interval excludes 0, but so many comparisons are made that some would by chance", page, StringComparison.Ordinal);
            }
        }

        Assert.True(excludesZeroButNotReal > 0, "the data should include a difference that looks real alone but not among eight");
        Assert.Contains(adjusted, a => a <= 0.05);
    }
}
