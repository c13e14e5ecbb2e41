using System.Net;
using System.Net.Http.Json;
using System.Text;
using CultureDiagnostics.Api.Tests.Anonymity;
using CultureDiagnostics.Api.Tests.Support;

namespace CultureDiagnostics.Api.Tests.Workspace;

/// <summary>
/// A campaign before it opens: changed or deleted from the API and from the pages reached by its links (teams kept
/// keep their links, nothing changes once it opens, bad input changes nothing), what the campaign page says about it
/// (questionnaires, both thresholds, teams too small ever to be shown), and its links as CSV and posters as one document.
/// </summary>
public sealed class DraftCampaignTests : IDisposable
{
    private const string Structure = """
        code,name,parent_code,headcount
        ORG,Test Trust,,
        DIR-A,Directorate A,ORG,
        TEAM-1,Team One,DIR-A,12
        TEAM-2,Team Two,DIR-A,9
        TEAM-3,=Team Three,DIR-A,4
        """;

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<(HttpClient Admin, string Id)> DraftAsync(bool invitations = false)
    {
        var admin = await _app.SignedInClientAsync();
        (await admin.PostAsync("/api/units/import", new StringContent(Structure, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var created = await admin.PostAsJsonAsync("/api/campaigns", new
        {
            title = "Spring pulse",
            opensOn = "2026-12-01",
            closesOn = "2026-12-21",
            instruments = new[] { new { id = "psychological-safety" } },
            units = new[] { "TEAM-1", "TEAM-2", "TEAM-3" },
            invitationsOnly = invitations,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (admin, (await TestApp.ReadObjectAsync(created))["id"]!.GetValue<string>());
    }

    private static string CodeOf(System.Text.Json.Nodes.JsonObject campaign, string unit) =>
        campaign["units"]!.AsArray().Single(u => u!["code"]!.GetValue<string>() == unit)!["accessCode"]!.GetValue<string>();

    [Fact]
    public async Task ADraftIsChangedWholeKeepingTheLinksOfTheTeamsItKeepsAndNothingChangesOnceItOpens()
    {
        var (admin, id) = await DraftAsync();
        var before = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}"));

        var bad = await admin.PutAsJsonAsync($"/api/campaigns/{id}", new { title = "", opensOn = "2026-12-21", closesOn = "2026-12-01", instruments = Array.Empty<object>(), units = new[] { "TEAM-9" } });
        foreach (var field in new[] { "title", "closesOn", "instruments", "units[0]" })
        {
            await ProblemAssert.HasFieldErrorAsync(bad, field);
        }

        Assert.Equal(before.ToJsonString(), (await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}"))).ToJsonString());

        var changed = await admin.PutAsJsonAsync($"/api/campaigns/{id}", new
        {
            title = "Winter pulse",
            opensOn = "2026-12-02",
            closesOn = "2026-12-22",
            instruments = new[] { new { id = "psychological-safety" }, new { id = "team-reflexivity" } },
            units = new[] { "TEAM-1", "TEAM-3" },
            scoreThreshold = 6,
            commentThreshold = 12,
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var after = await TestApp.ReadObjectAsync(changed);
        Assert.Equal("Winter pulse", after["title"]!.GetValue<string>());
        Assert.Equal(["TEAM-1", "TEAM-3"], after["units"]!.AsArray().Select(u => u!["code"]!.GetValue<string>()).Order());
        Assert.Equal(CodeOf(before, "TEAM-1"), CodeOf(after, "TEAM-1"));
        Assert.Equal(CodeOf(before, "TEAM-3"), CodeOf(after, "TEAM-3"));
        Assert.Equal(2, after["instruments"]!.AsArray().Count);
        Assert.Equal(6, after["scoreThreshold"]!.GetValue<int>());
        Assert.Equal(2, _app.Count("campaign_units"));

        (await admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        await ProblemAssert.IsProblemAsync(await admin.PutAsJsonAsync($"/api/campaigns/{id}", new { title = "Too late", opensOn = "2026-12-02", closesOn = "2026-12-22", instruments = new[] { new { id = "psychological-safety" } }, units = new[] { "TEAM-1" } }), 409);
        await ProblemAssert.IsProblemAsync(await admin.DeleteAsync($"/api/campaigns/{id}"), 409);
        Assert.Equal("Winter pulse", (await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}")))["title"]!.GetValue<string>());
        await ProblemAssert.IsProblemAsync(await admin.PutAsJsonAsync("/api/campaigns/no-such-campaign", new { title = "x" }), 404);
        await ProblemAssert.IsProblemAsync(await admin.DeleteAsync("/api/campaigns/no-such-campaign"), 404);
    }

    [Fact]
    public async Task ATeamWithPrintedInvitationsStaysInTheDraftAndTheDraftStaysWithInvitations()
    {
        var (admin, id) = await DraftAsync(invitations: true);
        (await admin.PostAsJsonAsync($"/api/campaigns/{id}/invitations", new { unit = "TEAM-2", count = 3 })).EnsureSuccessStatusCode();

        var dropping = await admin.PutAsJsonAsync($"/api/campaigns/{id}", new { title = "Spring pulse", opensOn = "2026-12-01", closesOn = "2026-12-21", instruments = new[] { new { id = "psychological-safety" } }, units = new[] { "TEAM-1" }, invitationsOnly = true });
        await ProblemAssert.HasFieldErrorAsync(dropping, "units");
        var toLinks = await admin.PutAsJsonAsync($"/api/campaigns/{id}", new { title = "Spring pulse", opensOn = "2026-12-01", closesOn = "2026-12-21", instruments = new[] { new { id = "psychological-safety" } }, units = new[] { "TEAM-1", "TEAM-2" }, invitationsOnly = false });
        await ProblemAssert.HasFieldErrorAsync(toLinks, "access");
        Assert.Equal(3, _app.Count("campaign_units"));

        // Deleting the draft takes its printed invitations with it.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/campaigns/{id}")).StatusCode);
        Assert.Equal(0, _app.Count("campaigns") + _app.Count("campaign_units") + _app.Count("campaign_instruments") + _app.Count("invitations"));
        await ProblemAssert.IsProblemAsync(await admin.GetAsync($"/api/campaigns/{id}"), 404);
    }

    [Fact]
    public async Task TheCampaignPageSaysWhatTheDraftAsksAndWhichTeamsAreTooSmallThenChangesAndDeletesItByItsLinks()
    {
        var (_, id) = await DraftAsync();
        var client = await WorkspaceClient.SignedInAsync(_app);
        var list = WorkspaceClient.Parse(await client.GetStringAsync("/workspace/campaigns"));
        var campaignPath = WorkspaceClient.LinkTo(list, "Spring pulse");
        var page = WorkspaceClient.Parse(await client.GetStringAsync(campaignPath));
        var facts = OneGateTests.Text(page.QuerySelector("dl.facts")!);
        Assert.Contains("Psychological safety in your team (version 1)", facts, StringComparison.Ordinal);
        Assert.Contains("groups of 5 or more respondents", facts, StringComparison.Ordinal);
        Assert.Contains("groups of 10 or more respondents", facts, StringComparison.Ordinal);
        var warning = OneGateTests.Text(page.QuerySelector(".warning[role=note]")!);
        Assert.Contains("=Team Three (headcount 4)", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("Team Two", warning, StringComparison.Ordinal);

        // Changed from its page: the form holds the draft as it is; a bad change is shown again with its problems.
        var edit = WorkspaceClient.Parse(await client.GetStringAsync(WorkspaceClient.LinkTo(page, "Change the draft")));
        Assert.Equal("Spring pulse", edit.GetElementById("title")!.GetAttribute("value"));
        Assert.Equal(3, edit.QuerySelectorAll("input[name=units][checked]").Length);
        var bad = await WorkspaceClient.SubmitAsync(client, edit, "main form", ("closesOn", "2026-11-01"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problems = await WorkspaceClient.ParseAsync(bad);
        Assert.Equal("#closesOn", problems.QuerySelector(".error-summary a")!.GetAttribute("href"));
        var saved = await WorkspaceClient.SubmitAsync(client, problems, "main form", ("title", "Winter pulse"), ("closesOn", "2026-12-22"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        page = WorkspaceClient.Parse(await client.GetStringAsync(saved.Headers.Location!.OriginalString));
        Assert.Equal("Winter pulse", OneGateTests.Text(page.QuerySelector("h1")!));

        // Deleted from its page, after a page that says which campaign it is.
        var confirm = WorkspaceClient.Parse(await client.GetStringAsync(WorkspaceClient.LinkTo(page, "Delete the draft")));
        Assert.Contains("Winter pulse", confirm.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, _app.Count("campaigns"));
        var deleted = await WorkspaceClient.SubmitAsync(client, confirm, "main form");
        var after = WorkspaceClient.Parse(await client.GetStringAsync(deleted.Headers.Location!.OriginalString));
        Assert.Equal("The draft campaign is deleted.", OneGateTests.Text(after.QuerySelector("[role=status]")!));
        Assert.Equal(0, _app.Count("campaigns"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(campaignPath)).StatusCode);
    }

    [Fact]
    public async Task TheLinksCsvAndTheDocumentOfEveryPosterCarryEachTeamsLinkAsThePageShowsIt()
    {
        var (admin, id) = await DraftAsync();
        var client = await WorkspaceClient.SignedInAsync(_app);
        var page = WorkspaceClient.Parse(await client.GetStringAsync($"/workspace/campaigns/{id}"));
        var shown = page.QuerySelectorAll("td.link a").Select(a => OneGateTests.Text(a)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, shown.Count);

        var csv = await client.GetAsync(WorkspaceClient.LinkTo(page, "Every team's link as a CSV file"));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("team_code,team,link,poster", lines[0]);
        Assert.Equal(shown, lines.Skip(1).Select(l => l.Split(',')[^2]).Order(StringComparer.Ordinal).ToList());
        // A team's name a spreadsheet would take for a formula is written as text.
        Assert.Contains(lines, l => l.StartsWith("TEAM-3,\"'=Team Three\",", StringComparison.Ordinal));
        foreach (var poster in lines.Skip(1).Select(l => new Uri(l.Split(',')[^1]).PathAndQuery))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(poster)).StatusCode);
        }

        var posters = WorkspaceClient.Parse(await client.GetStringAsync(WorkspaceClient.LinkTo(page, "Every team's poster in one document")));
        var sheets = posters.QuerySelectorAll("article.poster").ToList();
        Assert.Equal(3, sheets.Count);
        Assert.Equal(shown.Select(l => l[(l.IndexOf("://", StringComparison.Ordinal) + 3)..]), sheets.Select(s => OneGateTests.Text(s.QuerySelector(".short-link")!)).Order(StringComparer.Ordinal).ToList());
        Assert.Contains(sheets, s => s.TextContent.Contains("=Team Three", StringComparison.Ordinal));
    }
}
