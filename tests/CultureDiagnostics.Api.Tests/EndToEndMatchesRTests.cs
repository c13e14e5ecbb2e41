using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Api.Tests;

/// <summary>
/// The end-to-end check: two waves of answers (Reference/end-to-end/responses.csv: "not applicable", the leaders-only
/// section, skipped answers, people without a score, teams unanimous at the top and at the bottom, teams of 2 to 40) are
/// submitted through POST /api/responses with each person's staff group, and every number the results API then publishes
/// for each wave (the campaign's results, every unit's drill-down, the breakdown by staff group and the response rates)
/// is compared with what R computes on the same answers (make-expected.R beside the data), to 1e-9. Every published number must have R's value: a new figure without one fails here until R computes it.
/// </summary>
public sealed class EndToEndMatchesRTests : IDisposable
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Reference", "end-to-end");

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>Fields that describe structure, settings or the instrument, not anything anyone answered.</summary>
    private static readonly HashSet<string> NotAboutAnswers =
        ["depth", "scoreThreshold", "scaleMin", "scaleMax", "instrumentVersion", "fewerThan", "favourableAnswers", "value@distribution"];

    [Fact]
    public async Task EveryNumberTheResultsApiPublishesForBothWavesIsWhatRComputesOnTheSameAnswers()
    {
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json"))).RootElement;
        var values = expected.GetProperty("values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        var answers = File.ReadAllLines(Path.Combine(Folder, "responses.csv")).Skip(1).Select(l => l.Split(',')).ToList();

        _app.Clock.Now = new DateTimeOffset(2026, 9, 10, 9, 0, 0, TimeSpan.Zero);
        var admin = await _app.SignedInClientAsync();
        var structure = await File.ReadAllTextAsync(Path.Combine(Folder, "structure.csv"));
        (await admin.PostAsync("/api/units/import", new StringContent(structure, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var teams = structure.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(','))
            .Where(f => f[3].Trim().Length > 0).Select(f => f[0]).ToList();

        var wave1 = await RunWaveAsync(admin, "Wave one", "2026-09-01", "2026-09-30", teams, answers.Where(a => a[0] == "wave1"));
        _app.Clock.Now = TestApp.Today;
        admin = await _app.SignedInClientAsync();
        var wave2 = await RunWaveAsync(admin, "Wave two", "2026-11-16", "2026-11-30", teams, answers.Where(a => a[0] == "wave2"));

        var published = new Dictionary<string, double>();
        foreach (var (wave, id) in new[] { ("wave1", wave1), ("wave2", wave2) })
        {
            var results = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/results"));
            Collect(results, wave, published);
            foreach (var row in results["heatmap"]!.AsArray())
            {
                var unit = row!["unit"]!.GetValue<string>();
                var drillDown = await admin.GetAsync($"/api/campaigns/{id}/results/units/{unit}");
                Assert.Equal(HttpStatusCode.OK, drillDown.StatusCode);
                Collect(await TestApp.ReadObjectAsync(drillDown), $"{wave}/units/{unit}", published);
            }

            var breakdown = await admin.GetAsync($"/api/campaigns/{id}/results/breakdowns/staff-group");
            Assert.Equal(HttpStatusCode.OK, breakdown.StatusCode);
            Collect(await TestApp.ReadObjectAsync(breakdown), $"{wave}/breakdowns/staff-group", published);
            var rates = await admin.GetAsync($"/api/campaigns/{id}/response-rates");
            Assert.Equal(HttpStatusCode.OK, rates.StatusCode);
            Collect(await TestApp.ReadObjectAsync(rates), $"{wave}/response-rates", published);
        }

        // The rwg(j) random teams reach is simulated (checked against R's rwg.j.sim, within simulation error, in
        // Core.Tests/Reference/agreement-beyond-uniform): here it must be the value for the team's published n.
        foreach (var limit in published.Where(p => p.Key.EndsWith("/agreement/rwgJChance95", StringComparison.Ordinal)).ToList())
        {
            var figures = limit.Key[..^"agreement/rwgJChance95".Length] + "figures/scaleScore/n";
            // Psychological safety, the data's only team construct: seven items on seven points.
            Assert.Contains("psychological-safety:psychological-safety", limit.Key, StringComparison.Ordinal);
            Assert.Equal(AgreementByChance.RwgJ95((int)published[figures], 7, 7)!.Value, limit.Value, 12);
            var beyond = limit.Key[..^"rwgJChance95".Length] + "beyondChance";
            Assert.Equal(published[limit.Key[..^"rwgJChance95".Length] + "rwgJ"] > limit.Value ? 1 : 0, published[beyond]);
            published.Remove(limit.Key);
            published.Remove(beyond);
        }

        // R computes the statistics across teams and the comparisons' families over the cells the platform shows, listed
        // in shown-cells.csv: the platform must show exactly those.
        var shown = published.Keys.Where(k => k.Contains("/heatmap/", StringComparison.Ordinal) && k.EndsWith("/scaleScore/n", StringComparison.Ordinal))
            .Select(k => k.Split('/')).Select(p => $"{p[0]},{p[4]},{p[2]}").Order(StringComparer.Ordinal).ToList();
        var declared = File.ReadAllLines(Path.Combine(Folder, "shown-cells.csv")).Skip(1).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(declared, shown);

        var missing = published.Keys.Where(k => !values.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} published numbers without R's value, such as:\n{string.Join("\n", missing.Take(20))}");
        var wrong = published.Where(p => !Agrees(values[p.Key], p.Value))
            .Select(p => $"{p.Key}: published {p.Value:R}, R {values[p.Key]:R}").Order(StringComparer.Ordinal).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {published.Count} published numbers differ from R's, such as:\n{string.Join("\n", wrong.Take(30))}");

        // Most of what R computes for the results is published; what is not was withheld by disclosure control (tiny teams
        // and those that would reveal them), never lost on the way. R computes a breakdown's every unit and category: in
        // the first wave the platform shows the large ward's whole (five who declined to say among them), its directorate's
        // and the organisation's; in the second only four declined, so the ward's breakdown and those above it that would
        // give it away are withheld.
        static bool InBreakdown(string path) => path.Contains("/breakdowns/", StringComparison.Ordinal);
        Assert.True(published.Keys.Count(k => !InBreakdown(k)) > 0.5 * values.Keys.Count(k => !InBreakdown(k)), $"{published.Count} published of R's {values.Count}");
        static string Mean(string wave, string unit, string category) =>
            $"{wave}/breakdowns/staff-group/units/{unit}/cells/{category}/scales/psychological-safety:psychological-safety/scaleScore/mean";
        foreach (var unit in new[] { "ORG", "DIR-A", "A-LARGE" })
        {
            foreach (var category in new[] { "nursing-and-midwifery", "administrative-and-clerical", "not-answered" })
            {
                Assert.Contains(Mean("wave1", unit, category), published.Keys);
                Assert.DoesNotContain(Mean("wave2", unit, category), published.Keys);
            }
        }

        Assert.Equal(4, values["wave2/breakdowns/staff-group/units/A-LARGE/cells/not-answered/respondents/value"]);
        Assert.Contains(Mean("wave2", "B-MID", "administrative-and-clerical"), published.Keys);
        Assert.Contains("wave2/response-rates/units/B-TOP/responseRatePercent", published.Keys);
        Assert.Contains("wave1/response-rates/units/ORG/headcount", published.Keys);
    }

    private static bool Agrees(double expected, double actual) =>
        Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected));

    private async Task<string> RunWaveAsync(HttpClient admin, string title, string opens, string closes, IReadOnlyList<string> teams, IEnumerable<string[]> answers)
    {
        var created = await admin.PostAsJsonAsync("/api/campaigns", new
        {
            title,
            opensOn = opens,
            closesOn = closes,
            instruments = new[] { new { id = "psychological-safety" }, new { id = "leadership-behaviours" } },
            units = teams,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var campaign = await TestApp.ReadObjectAsync(created);
        var id = campaign["id"]!.GetValue<string>();
        (await admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        var codes = campaign["units"]!.AsArray().ToDictionary(u => u!["code"]!.GetValue<string>(), u => u!["accessCode"]!.GetValue<string>());

        var client = _app.CreateClient();
        foreach (var respondent in answers.GroupBy(a => a[1]))
        {
            var submitted = new JsonArray();
            var demographics = new JsonArray();
            foreach (var answer in respondent.Where(a => a[3] == "demographics"))
            {
                demographics.Add(new JsonObject { ["question"] = answer[4], ["value"] = answer[5] });
            }

            foreach (var answer in respondent.Where(a => a[3] != "demographics"))
            {
                JsonNode value = int.TryParse(answer[5], NumberStyles.None, CultureInfo.InvariantCulture, out var point) ? point : answer[5];
                submitted.Add(new JsonObject { ["instrument"] = answer[3], ["item"] = answer[4], ["value"] = value });
            }

            var response = await client.PostAsJsonAsync("/api/responses", new JsonObject
            {
                ["accessCode"] = codes[respondent.First()[2]],
                ["idempotencyKey"] = Guid.NewGuid().ToString("N"),
                ["answers"] = submitted,
                ["demographics"] = demographics,
            });
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{respondent.Key}: {await response.Content.ReadAsStringAsync()}");
        }

        (await admin.PostAsync($"/api/campaigns/{id}/close", null)).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>
    /// Every number (and every true/false judgement, as 1 or 0) below <paramref name="node"/>, by a path of the keys that
    /// name each array element (a unit, a scale as instrument:construct, an item, an answer's value, a breakdown's category,
    /// "not-answered" for those who declined to say).
    /// </summary>
    private static void Collect(JsonNode? node, string path, Dictionary<string, double> into, string? field = null, string? parent = null)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    if (!NotAboutAnswers.Contains(name) && !NotAboutAnswers.Contains($"{name}@{field}"))
                    {
                        Collect(child, $"{path}/{name}", into, name, field);
                    }
                }

                break;
            case JsonArray a:
                // Arrays of names (a scale's items) hold no numbers; arrays of objects are keyed by what they describe.
                foreach (var element in a.OfType<JsonObject>())
                {
                    Collect(element, $"{path}/{KeyOf(element)}", into, field, parent);
                }

                break;
            case JsonValue v when v.TryGetValue<double>(out var number):
                into.Add(path, number);
                break;
            case JsonValue v when v.TryGetValue<bool>(out var judged) && field is "significant" or "agrees" or "beyondChance":
                into.Add(path, judged ? 1 : 0);
                break;
        }
    }

    private static string KeyOf(JsonObject element) => element switch
    {
        JsonObject o when o["instrument"] is { } instrument && o["construct"] is { } construct => $"{instrument}:{construct}",
        JsonObject o when o["unit"] is { } unit => unit.GetValue<string>(),
        JsonObject o when o["category"] is { } category => category.GetValue<string>() is { Length: > 0 } answer ? answer : "not-answered",
        JsonObject o when o["item"] is { } item => item.GetValue<string>(),
        JsonObject o when o["value"] is { } value => value.ToJsonString(),
        _ => throw new InvalidOperationException($"An array element without a key: {element?.ToJsonString()}"),
    };
}
