using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CultureDiagnostics.Core.Instruments;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Support;

/// <summary>Builds the usual starting point through the API: a small organisation and a campaign.</summary>
public static class Scenario
{
    public const string StructureCsv = """
        code,name,parent_code,headcount
        ORG,Test Trust,,
        DIR-A,Directorate A,ORG,
        TEAM-1,Team One,DIR-A,12
        TEAM-2,Team Two,DIR-A,9
        """;

    public sealed record OpenCampaign(HttpClient Admin, string CampaignId, string Code, string SecondCode);

    public static async Task<OpenCampaign> OpenCampaignAsync(TestApp app, params string[] instruments)
    {
        if (instruments.Length == 0)
        {
            instruments = ["psychological-safety"];
        }

        var admin = await app.SignedInClientAsync();
        if ((await TestApp.ReadArrayAsync(await admin.GetAsync("/api/units"))).Count == 0)
        {
            var import = await admin.PostAsync("/api/units/import", new StringContent(StructureCsv, System.Text.Encoding.UTF8, "text/csv"));
            import.EnsureSuccessStatusCode();
        }

        var created = await admin.PostAsJsonAsync("/api/campaigns", new
        {
            title = "Test wave",
            opensOn = "2026-11-01",
            closesOn = "2026-11-30",
            instruments = instruments.Select(i => new { id = i }),
            units = new[] { "TEAM-1", "TEAM-2" },
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var campaign = await TestApp.ReadObjectAsync(created);
        var id = campaign["id"]!.GetValue<string>();
        (await admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        var units = campaign["units"]!.AsArray();
        string CodeOf(string unit) => units.Single(u => u!["code"]!.GetValue<string>() == unit)!["accessCode"]!.GetValue<string>();
        return new OpenCampaign(admin, id, CodeOf("TEAM-1"), CodeOf("TEAM-2"));
    }

    /// <summary>A complete, valid submission: every required question of each instrument answered.</summary>
    public static JsonObject ValidSubmission(TestApp app, string code, string? key = null, params string[] instruments) =>
        Submission(app, code, null, key, instruments);

    /// <summary>A complete submission whose scale answers are chosen by <paramref name="answer"/> (raw, before reverse-scoring).</summary>
    public static JsonObject Submission(TestApp app, string code, Func<Item, int>? answer, string? key = null, params string[] instruments)
    {
        if (instruments.Length == 0)
        {
            instruments = ["psychological-safety"];
        }

        var catalogue = app.Services.GetRequiredService<InstrumentCatalogue>();
        var answers = new JsonArray();
        foreach (var instrument in instruments.Select(id => catalogue.Latest(id)!))
        {
            foreach (var section in instrument.Sections.Where(s => s.Condition is null))
            {
                foreach (var item in section.Items)
                {
                    JsonNode? value = item.Type switch
                    {
                        ItemType.Scale => answer?.Invoke(item) ?? instrument.FindScale(item.Scale!)!.Max,
                        ItemType.Choice => item.Options.Select(o => o.Value)
                            .First(v => !instrument.Sections.Any(s => s.Condition?.Item == item.Id && s.Condition.Value == v)),
                        _ => null,
                    };
                    if (value is not null)
                    {
                        answers.Add(new JsonObject { ["instrument"] = instrument.Id, ["item"] = item.Id, ["value"] = value });
                    }
                }
            }
        }

        return new JsonObject
        {
            ["accessCode"] = code,
            ["idempotencyKey"] = key ?? Guid.NewGuid().ToString("N"),
            ["answers"] = answers,
        };
    }

    /// <summary>Sends a submission and fails the test unless it is stored.</summary>
    public static async Task SubmitAsync(TestApp app, JsonObject submission)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/responses", submission);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The campaign and unit behind a unit's access code, read from the database.</summary>
    public static (string CampaignId, string UnitId) UnitOf(TestApp app, string accessCode)
    {
        using var db = app.OpenDatabase();
        return Dapper.SqlMapper.QuerySingle<(string, string)>(db, "SELECT campaign_id, unit_id FROM campaign_units WHERE access_code = @accessCode", new { accessCode });
    }

    public static Instrument Instrument(TestApp app, string id = "psychological-safety") =>
        app.Services.GetRequiredService<InstrumentCatalogue>().Latest(id)!;
}
