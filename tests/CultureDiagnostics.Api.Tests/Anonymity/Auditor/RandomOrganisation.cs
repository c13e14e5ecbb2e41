using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Core.Instruments;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor;

/// <summary>
/// A random organisation built through the real endpoints, as a change team and its staff would: a structure
/// import, two waves of the leadership and psychological-safety instruments over its teams (and some directorates'
/// own links), and responses sent one by one. Teams are tiny, unanimous or ordinary; answers include "not
/// applicable" (so the half-items rule bites), the leaders-only section, a staff-group question that some decline,
/// and comments. The test clock closes the first wave before the second opens, so the second compares with it.
/// </summary>
public static class RandomOrganisation
{
    public static readonly string[] Instruments = ["leadership-behaviours", "psychological-safety"];

    private static readonly string[] StaffGroups = ["nursing-and-midwifery", "medical-and-dental", "administrative-and-clerical"];

    /// <summary>Builds the organisation; returns the two waves' ids, both closed.</summary>
    public static async Task<string[]> CreateAsync(TestApp app, int seed)
    {
        var random = new Random(seed);
        var admin = await app.SignedInClientAsync();
        var csv = new StringBuilder("code,name,parent_code,headcount\nORG,Trust,,\n");
        var units = new List<string>();
        for (var d = 0; d < random.Next(1, 4); d++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"D{d},Directorate {d},ORG,\n");
            if (random.NextDouble() < 0.3)
            {
                units.Add($"D{d}");
            }

            for (var t = 0; t < random.Next(1, 4); t++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"D{d}-T{t},Team {d}.{t},D{d},{random.Next(4, 30)}\n");
                units.Add($"D{d}-T{t}");
            }
        }

        (await admin.PostAsync("/api/units/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var threshold = random.Next(3, 6);
        var first = await WaveAsync(app, admin, random, "Wave one", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), threshold, units);
        // Sessions expire with the clock: the change team signs in again for the next wave.
        app.Clock.Now = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
        admin = await app.SignedInClientAsync();
        await ReviewAsync(admin, random, first);
        var second = await WaveAsync(app, admin, random, "Wave two", new DateOnly(2026, 12, 2), new DateOnly(2026, 12, 20), threshold, units);
        app.Clock.Now = new DateTimeOffset(2026, 12, 21, 10, 0, 0, TimeSpan.Zero);
        await ReviewAsync(await app.SignedInClientAsync(), random, second);
        return [first, second];
    }

    /// <summary>The change team reviews a closed wave's comments: most published, some withheld.</summary>
    private static async Task ReviewAsync(HttpClient changeTeam, Random random, string campaignId)
    {
        foreach (var (_, comment) in await Reviewer.QueueAsync(changeTeam, campaignId))
        {
            var decision = random.NextDouble() < 0.8 ? "publish" : "withhold";
            var response = await Reviewer.DecideAsync(changeTeam, campaignId, comment["id"]!.GetValue<string>(), new { decision });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    private static async Task<string> WaveAsync(
        TestApp app, HttpClient admin, Random random, string title, DateOnly opens, DateOnly closes, int threshold, List<string> units)
    {
        var created = await admin.PostAsJsonAsync("/api/campaigns", new
        {
            title,
            opensOn = opens.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            closesOn = closes.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            scoreThreshold = threshold,
            commentThreshold = CultureDiagnostics.Core.Campaigns.DisclosureThresholds.MinimumComments + random.Next(0, 3),
            instruments = Instruments.Select(i => new { id = i }),
            units,
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var campaign = await TestApp.ReadObjectAsync(created);
        var id = campaign["id"]!.GetValue<string>();
        (await admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        var client = app.CreateClient();
        foreach (var unit in campaign["units"]!.AsArray())
        {
            var code = unit!["accessCode"]!.GetValue<string>();
            // Tiny teams, unanimous teams and ordinary ones.
            var kind = random.Next(4);
            var count = kind == 0 ? random.Next(0, 3) : random.Next(threshold - 1, (2 * threshold) + 3);
            var unanimous = kind == 1 ? random.Next() : (int?)null;
            for (var r = 0; r < count; r++)
            {
                var response = await client.PostAsJsonAsync("/api/responses", Submission(app, code, new Random(unanimous ?? random.Next()), unanimous is not null));
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            }
        }

        return id;
    }

    private static JsonObject Submission(TestApp app, string code, Random random, bool unanimous)
    {
        var answers = new JsonArray();
        var comments = new JsonArray();
        var leads = random.NextDouble() < 0.35 ? "yes" : "no";
        foreach (var instrument in Instruments.Select(i => Scenario.Instrument(app, i)))
        {
            foreach (var section in instrument.Sections)
            {
                if (section.Condition is { } condition && condition.Value != leads)
                {
                    continue;
                }

                foreach (var item in section.Items)
                {
                    JsonNode? value = item.Type switch
                    {
                        ItemType.Scale when instrument.FindScale(item.Scale!)!.AllowsNotApplicable && random.NextDouble() < 0.2 => "na",
                        ItemType.Scale => random.Next(instrument.FindScale(item.Scale!)!.Min, instrument.FindScale(item.Scale!)!.Max + 1),
                        ItemType.Choice => item.Options.Any(o => o.Value == leads) ? leads : item.Options[0].Value,
                        _ => null,
                    };
                    if (value is not null)
                    {
                        answers.Add(new JsonObject { ["instrument"] = instrument.Id, ["item"] = item.Id, ["value"] = value });
                    }
                    else if (random.NextDouble() < 0.3)
                    {
                        comments.Add(new JsonObject { ["instrument"] = instrument.Id, ["item"] = item.Id, ["text"] = "A remark about the team." });
                    }
                }
            }
        }

        var demographics = new JsonArray();
        if (random.NextDouble() < 0.8)
        {
            demographics.Add(new JsonObject { ["question"] = "staff-group", ["value"] = StaffGroups[random.Next(StaffGroups.Length)] });
        }

        return new JsonObject
        {
            ["accessCode"] = code,
            ["idempotencyKey"] = Guid.NewGuid().ToString("N"),
            ["answers"] = answers,
            ["comments"] = comments,
            ["demographics"] = demographics,
        };
    }
}
