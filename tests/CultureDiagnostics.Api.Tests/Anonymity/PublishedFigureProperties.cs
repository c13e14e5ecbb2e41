using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Data.Responses;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Anonymity;

/// <summary>
/// Random organisations with random numbers of responses: in every published set of figures (live
/// counts, and results after closing), no group of 1 to threshold − 1 people can be isolated by
/// subtracting the shown figures of a unit's shown sub-units from the unit's own.
/// </summary>
public sealed class PublishedFigureProperties
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task NoSmallGroupCanBeIsolatedFromPublishedFigures(int seed)
    {
        using var app = new TestApp();
        var (admin, id, threshold) = await RandomOpenCampaignAsync(app, seed);
        var rates = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/response-rates"));
        // While the campaign runs, counts are rounded ("about"): they must not isolate anyone either.
        AssertNothingIsolated(rates["units"]!.AsArray().Select(u => (u!["unit"]!.GetValue<string>(), u["respondents"]!["about"]?.GetValue<int>())), threshold);

        (await admin.PostAsync($"/api/campaigns/{id}/close", null)).EnsureSuccessStatusCode();
        var results = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/results"));
        AssertNothingIsolated(results["heatmap"]!.AsArray().Select(r => (r!["unit"]!.GetValue<string>(), r["cells"]![0]!["scaleScore"]?["n"]?.GetValue<int>())), threshold);
        AssertNothingIsolated(results["heatmap"]!.AsArray().Select(r => (r!["unit"]!.GetValue<string>(), r["respondents"]!["value"]?.GetValue<int>())), threshold);
    }

    /// <summary>A random organisation (ORG, D0.., D0-T0..) with a random threshold and random numbers of responses per team, still open.</summary>
    internal static async Task<(HttpClient Admin, string Id, int Threshold)> RandomOpenCampaignAsync(TestApp app, int seed)
    {
        var random = new Random(seed);
        var threshold = random.Next(3, 8);
        var csv = new StringBuilder("code,name,parent_code\nORG,Trust,\n");
        var parents = new List<string> { "ORG" };
        var leaves = new List<string>();
        for (var d = 0; d < random.Next(2, 5); d++)
        {
            var directorate = $"D{d}";
            csv.Append(CultureInfoFormat($"{directorate},Directorate {d},ORG\n"));
            for (var t = 0; t < random.Next(1, 5); t++)
            {
                var team = $"{directorate}-T{t}";
                csv.Append(CultureInfoFormat($"{team},Team {d}.{t},{directorate}\n"));
                leaves.Add(team);
            }
        }

        var admin = await app.SignedInClientAsync();
        (await admin.PostAsync("/api/units/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var created = await TestApp.ReadObjectAsync(await admin.PostAsJsonAsync("/api/campaigns", new
        {
            title = "Random", opensOn = "2026-11-01", closesOn = "2026-11-30", scoreThreshold = threshold, commentThreshold = Math.Max(DisclosureThresholds.MinimumComments, threshold + 2),
            instruments = new[] { new { id = "psychological-safety" } }, units = leaves,
        }));
        var id = created["id"]!.GetValue<string>();
        (await admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();

        var instrument = Scenario.Instrument(app);
        var campaign = await app.Services.GetRequiredService<Data.Campaigns.CampaignStore>().FindAsync(id);
        var batch = campaign!.Units.SelectMany(u => Enumerable.Range(0, random.Next(0, 3 * threshold)).Select(_ =>
            (u.UnitId, new DateOnly(2026, 11, 5), new AcceptedSubmission(
                instrument.ScaleItems.Select(i => new AcceptedAnswer(instrument.Id, i.Id, random.Next(1, 8), null, false)).ToList(), [], [])))).ToList();
        await app.Services.GetRequiredService<ResponseStore>().StoreBatchAsync(id, batch);

        return (admin, id, threshold);
    }

    /// <summary>Units are named so that a unit's code prefixes its sub-units' codes (ORG, D1, D1-T0).</summary>
    internal static void AssertNothingIsolated(IEnumerable<(string Unit, int? Shown)> published, int threshold)
    {
        var shown = published.Where(p => p.Shown is not null).ToDictionary(p => p.Unit, p => p.Shown!.Value);
        Assert.All(shown, p => Assert.True(p.Value == 0 || p.Value >= threshold, $"{p.Key} shows {p.Value} with threshold {threshold}."));
        foreach (var (unit, total) in shown)
        {
            var children = shown.Where(c => IsChild(unit, c.Key)).Sum(c => c.Value);
            var isolated = total - children;
            Assert.True(isolated == 0 || isolated >= threshold, $"{unit} ({total}) less its shown sub-units isolates {isolated} (threshold {threshold}).");
        }
    }

    private static bool IsChild(string parent, string unit) => parent == "ORG"
        ? !unit.Contains('-', StringComparison.Ordinal) && unit != "ORG"
        : unit.StartsWith(parent + "-", StringComparison.Ordinal) && unit.Count(c => c == '-') == parent.Count(c => c == '-') + 1;

    private static string CultureInfoFormat(FormattableString text) => FormattableString.Invariant(text);
}
