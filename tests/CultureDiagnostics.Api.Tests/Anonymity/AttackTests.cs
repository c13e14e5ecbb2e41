using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Support;
using Dapper;

namespace CultureDiagnostics.Api.Tests.Anonymity;

/// <summary>
/// Each test is a concrete attempt by a curious manager with report access to learn what one person
/// answered. Each must fail.
/// </summary>
public sealed class AttackTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<(HttpClient Admin, string Id, Dictionary<string, string> Codes)> CampaignAsync(string[] units, bool invitationsOnly = false)
    {
        var admin = await _app.SignedInClientAsync();
        (await admin.PostAsync("/api/units/import", new StringContent(Scenario.StructureCsv, System.Text.Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var created = await TestApp.ReadObjectAsync(await admin.PostAsJsonAsync("/api/campaigns", new
        {
            title = "Wave", opensOn = "2026-11-01", closesOn = "2026-11-30",
            instruments = new[] { new { id = "psychological-safety" } }, units, invitationsOnly,
        }));
        var id = created["id"]!.GetValue<string>();
        (await admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        var codes = created["units"]!.AsArray().ToDictionary(u => u!["code"]!.GetValue<string>(), u => u!["accessCode"]!.GetValue<string>());
        return (admin, id, codes);
    }

    private async Task SubmitAsync(string code, int count, int value = 4, string? comment = null)
    {
        for (var i = 0; i < count; i++)
        {
            var submission = Scenario.Submission(_app, code, _ => value);
            if (comment is not null)
            {
                submission["comments"] = new JsonArray(new JsonObject { ["instrument"] = "psychological-safety", ["item"] = "ps-comment", ["text"] = $"{comment} {i}" });
            }

            await Scenario.SubmitAsync(_app, submission);
        }
    }

    private static async Task CloseAsync(HttpClient admin, string id) =>
        (await admin.PostAsync($"/api/campaigns/{id}/close", null)).EnsureSuccessStatusCode();

    private static JsonObject Row(JsonObject results, string unit) =>
        results["heatmap"]!.AsArray().Single(r => r!["unit"]!.GetValue<string>() == unit)!.AsObject();

    [Fact]
    public async Task SubtractingASiblingFromItsDirectorateRevealsNothing()
    {
        var (admin, id, codes) = await CampaignAsync(["TEAM-1", "TEAM-2"]);
        await SubmitAsync(codes["TEAM-1"], 6, value: 5);
        await SubmitAsync(codes["TEAM-2"], 2, value: 1);
        await CloseAsync(admin, id);
        var results = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/results"));

        // The directorate is shown; were TEAM-1 shown too, DIR-A − TEAM-1 would be TEAM-2's two people.
        Assert.False(Row(results, "DIR-A")["cells"]![0]!["suppressed"]!.GetValue<bool>());
        Assert.True(Row(results, "TEAM-1")["cells"]![0]!["suppressed"]!.GetValue<bool>());
        Assert.True(Row(results, "TEAM-2")["cells"]![0]!["suppressed"]!.GetValue<bool>());
        var drill = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/results/units/TEAM-1"));
        Assert.Empty(drill["scales"]![0]!["items"]!.AsArray());
    }

    [Fact]
    public async Task DirectorateMinusItsOnlyTeamRevealsNothing()
    {
        // Two people answer through the directorate's own link, six through its team's.
        var (admin, id, codes) = await CampaignAsync(["DIR-A", "TEAM-1"]);
        await SubmitAsync(codes["DIR-A"], 2, value: 1);
        await SubmitAsync(codes["TEAM-1"], 6, value: 6);
        await CloseAsync(admin, id);
        var results = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/results"));

        var directorateShown = !Row(results, "DIR-A")["cells"]![0]!["suppressed"]!.GetValue<bool>();
        var teamShown = !Row(results, "TEAM-1")["cells"]![0]!["suppressed"]!.GetValue<bool>();
        Assert.False(directorateShown && teamShown, "A directorate and its team differing by two people were both shown.");
    }

    [Fact]
    public async Task LiveResponseCountsNeverShowASmallGroupBeforeOrAfterASubmission()
    {
        var (admin, id, codes) = await CampaignAsync(["TEAM-1", "TEAM-2"]);
        await SubmitAsync(codes["TEAM-1"], 7);
        for (var submitted = 0; submitted <= 6; submitted++)
        {
            var reader = submitted == 0 ? admin : await _app.SignedInClientAsync();
            var rates = await TestApp.ReadObjectAsync(await reader.GetAsync($"/api/campaigns/{id}/response-rates"));
            // Live counts are rounded (about), exact only once the campaign has closed (value).
            var byUnit = rates["units"]!.AsArray().ToDictionary(
                u => u!["unit"]!.GetValue<string>(), u => (u!["respondents"]!["value"] ?? u["respondents"]!["about"])?.GetValue<int>());
            Assert.All(byUnit.Values.OfType<int>(), count => Assert.True(count == 0 || count >= 5, $"A count of {count} was published."));
            // Whatever is shown, the directorate less the teams shown must not isolate 1 to 4 people.
            if (byUnit["DIR-A"] is { } directorate)
            {
                var isolated = directorate - (byUnit["TEAM-1"] ?? 0) - (byUnit["TEAM-2"] ?? 0);
                Assert.True(isolated == 0 || isolated >= 5, $"The directorate's {directorate} less the teams shown isolates {isolated}.");
            }

            await SubmitAsync(codes["TEAM-2"], 1);
            // Live counts are a day behind: the next look counts what was sent today.
            _app.Clock.Now += TimeSpan.FromDays(1);
        }
    }

    [Fact]
    public async Task ScoresAreNotPublishedWhileAColleagueMightStillAnswer()
    {
        var (admin, id, codes) = await CampaignAsync(["TEAM-1", "TEAM-2"]);
        await SubmitAsync(codes["TEAM-1"], 6);
        await ProblemAssert.IsProblemAsync(await admin.GetAsync($"/api/campaigns/{id}/results"), 409);
        await ProblemAssert.IsProblemAsync(await admin.GetAsync($"/api/campaigns/{id}/results.csv"), 409);
        await ProblemAssert.IsProblemAsync(await admin.GetAsync($"/api/campaigns/{id}/comments"), 409);
    }

    [Fact]
    public async Task CommentsComeInAStableOrderThatIsNotArrivalOrderAndWithoutDates()
    {
        var (admin, id, codes) = await CampaignAsync(["TEAM-1", "TEAM-2"]);
        await SubmitAsync(codes["TEAM-1"], 12, comment: "Comment number");
        await CloseAsync(admin, id);
        Assert.Equal(12, await Reviewer.PublishAllAsync(admin, id));

        var first = await admin.GetStringAsync($"/api/campaigns/{id}/comments?unit=TEAM-1");
        var second = await admin.GetStringAsync($"/api/campaigns/{id}/comments?unit=TEAM-1");
        Assert.Equal(first, second);
        var texts = JsonNode.Parse(first)!["comments"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(12, texts.Count);
        Assert.NotEqual(Enumerable.Range(0, 12).Select(i => $"Comment number {i}"), texts);
        Assert.DoesNotContain("date", first, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("submitted", first, StringComparison.OrdinalIgnoreCase);

        using var db = _app.OpenDatabase();
        var columns = _app.ColumnsOf("comments");
        Assert.DoesNotContain(columns, c => c.Contains("date", StringComparison.Ordinal) || c.Contains("time", StringComparison.Ordinal) || c == "response_id");
    }

    [Fact]
    public async Task CommentsOfAGroupBelowTheCommentThresholdAreNotShownEvenWhenItsScoresAre()
    {
        var (admin, id, codes) = await CampaignAsync(["TEAM-1", "TEAM-2"]);
        await SubmitAsync(codes["TEAM-1"], 6, comment: "Small team remark");
        await SubmitAsync(codes["TEAM-2"], 6);
        await CloseAsync(admin, id);
        Assert.Equal(6, await Reviewer.PublishAllAsync(admin, id));

        var team = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/comments?unit=TEAM-1"));
        Assert.False(team["shown"]!.GetValue<bool>());
        Assert.Empty(team["comments"]!.AsArray());
        var organisation = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/comments"));
        Assert.True(organisation["shown"]!.GetValue<bool>());
        Assert.Equal(6, organisation["comments"]!.AsArray().Count);
        Assert.DoesNotContain("TEAM-1", organisation["comments"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatedCsvExportsAreIdenticalAndCarryNoSmallCount()
    {
        var (admin, id, codes) = await CampaignAsync(["TEAM-1", "TEAM-2"]);
        await SubmitAsync(codes["TEAM-1"], 6);
        await SubmitAsync(codes["TEAM-2"], 3);
        await CloseAsync(admin, id);

        var first = await admin.GetByteArrayAsync($"/api/campaigns/{id}/results.csv");
        var second = await admin.GetByteArrayAsync($"/api/campaigns/{id}/results.csv");
        Assert.Equal(first, second);
        var lines = System.Text.Encoding.UTF8.GetString(first).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var team2 = lines.Single(l => l.StartsWith("TEAM-2,", StringComparison.Ordinal));
        Assert.Contains("fewer than 5", team2, StringComparison.Ordinal);
        Assert.DoesNotContain(",3,", team2, StringComparison.Ordinal);
        var team1 = lines.Single(l => l.StartsWith("TEAM-1,", StringComparison.Ordinal));
        Assert.Contains("withheld", team1, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvitationTableCannotBeJoinedToResponsesByTimeOrOrder()
    {
        var (admin, id, _) = await CampaignAsync(["TEAM-1", "TEAM-2"], invitationsOnly: true);
        var issued = await TestApp.ReadObjectAsync(await admin.PostAsJsonAsync($"/api/campaigns/{id}/invitations", new { unit = "TEAM-1", count = 10 }));
        var tokens = issued["invitations"]!.AsArray().Select(i => i!["token"]!.GetValue<string>()).ToList();
        foreach (var token in tokens.Take(5))
        {
            await Scenario.SubmitAsync(_app, Scenario.Submission(_app, token, _ => 3));
        }

        using var db = _app.OpenDatabase();
        Assert.Equal(["token_hash", "campaign_id", "unit_id", "used"], _app.ColumnsOf("invitations"));
        _app.AssertNoOrderOfArrivalIsKept("invitations");
        Assert.Equal(5, db.ExecuteScalar<long>("SELECT COUNT(*) FROM invitations WHERE used = 1"));
        var stored = db.Query<string>("SELECT token_hash FROM invitations").ToList();
        Assert.All(tokens, t => Assert.DoesNotContain(t, stored));
        var responseColumns = _app.ColumnsOf("responses");
        Assert.DoesNotContain(responseColumns, c => c.Contains("token", StringComparison.Ordinal) || c.Contains("invitation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvitationWorksOnceAndTheSharedLinkIsRefused()
    {
        var (admin, id, codes) = await CampaignAsync(["TEAM-1", "TEAM-2"], invitationsOnly: true);
        var issued = await TestApp.ReadObjectAsync(await admin.PostAsJsonAsync($"/api/campaigns/{id}/invitations", new { unit = "TEAM-1", count = 1 }));
        var token = issued["invitations"]![0]!["token"]!.GetValue<string>();
        var client = _app.CreateClient();

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/responses", Scenario.Submission(_app, token, _ => 3))).StatusCode);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/responses", Scenario.Submission(_app, token, _ => 3)), 409);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/responses", Scenario.Submission(_app, codes["TEAM-1"], _ => 3)), 403);
        Assert.Equal(1, _app.Count("responses"));
        await ProblemAssert.HasFieldErrorAsync(await admin.PostAsJsonAsync($"/api/campaigns/{id}/invitations", new { unit = "NOPE", count = 0 }), "count");
    }
}
