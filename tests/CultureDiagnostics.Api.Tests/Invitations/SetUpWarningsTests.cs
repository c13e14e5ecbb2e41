using System.Net;
using System.Net.Http.Json;
using System.Text;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;

namespace CultureDiagnostics.Api.Tests.Invitations;

/// <summary>
/// What setting up a campaign says about padding: shared links in small teams, printed invitations; and that a
/// team's shared link of an invitations-only campaign leads nowhere, on the page and in the API alike.
/// </summary>
public sealed class SetUpWarningsTests : IAsyncDisposable
{
    private readonly MailTest _test = new();

    public async ValueTask DisposeAsync() => await _test.DisposeAsync();

    [Fact]
    public async Task SettingUpSharedLinksWithSmallTeamsSaysWhatTheyAllowAndRecommendsInvitations()
    {
        await _test.WithOpenCampaignAsync(invitationsOnly: false);

        // Team Two has 9 staff, under twice the threshold of 5; Team One has 12.
        foreach (var address in new[] { "/workspace/campaigns", _test.CampaignPage })
        {
            var warning = WorkspaceClient.Parse(await _test.Team.GetStringAsync(address)).QuerySelector(".warning");
            Assert.True(warning is not null, $"{address} says nothing about shared links and small teams.");
            var text = warning.TextContent;
            Assert.Contains("Team Two (9)", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Team One", text, StringComparison.Ordinal);
            Assert.Contains("Anyone who has a team's shared link can answer more than once.", text, StringComparison.Ordinal);
            Assert.Contains("subtract their own answers", text, StringComparison.Ordinal);
            Assert.Contains("personal invitations by e-mail", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ACampaignOfLargeTeamsOrWithInvitationsOnlyIsNotWarnedAboutSharedLinks()
    {
        await _test.WithOpenCampaignAsync(invitationsOnly: true);
        Assert.Null(WorkspaceClient.Parse(await _test.Team.GetStringAsync(_test.CampaignPage)).QuerySelector(".warning"));

        var large = await _test.Team.PostAsJsonAsync("/api/campaigns", new
        {
            title = "Large teams", opensOn = "2026-11-01", closesOn = "2026-11-30", instruments = new[] { new { id = "psychological-safety" } },
            units = new[] { "TEAM-1" },
        });
        var id = (await TestApp.ReadObjectAsync(large))["id"]!.GetValue<string>();
        Assert.Null(WorkspaceClient.Parse(await _test.Team.GetStringAsync($"/workspace/campaigns/{id}")).QuerySelector(".warning"));
    }

    [Fact]
    public async Task PrintedInvitationsSayThatWhoeverHandsThemOutCouldPadTheTeam()
    {
        await _test.WithOpenCampaignAsync();

        var page = WorkspaceClient.Parse(await _test.Team.GetStringAsync(await _test.InvitationsPageAsync()));
        var printed = page.QuerySelectorAll(".warning").Select(w => w.TextContent).Single(t => t.Contains("printed", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Whoever hands out printed invitations could keep spare ones and answer with them.", printed, StringComparison.Ordinal);
        Assert.Contains("e-mail everyone else", printed, StringComparison.Ordinal);

        var openApi = await _test.Team.GetStringAsync("/openapi/v1.json");
        Assert.Contains("could keep spare ones and answer with them, padding a team with made-up answers", openApi, StringComparison.Ordinal);

        // The printed invitations still work, for staff without e-mail.
        var issued = await _test.Team.PostAsJsonAsync($"/api/campaigns/{_test.CampaignId}/invitations", new { unit = "TEAM-1", count = 2 });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
    }

    [Fact]
    public async Task ATeamsSharedLinkOfAnInvitationsOnlyCampaignIsNotFoundOnThePageAndInTheApi()
    {
        await _test.WithOpenCampaignAsync();
        var campaign = await TestApp.ReadObjectAsync(await _test.Team.GetAsync($"/api/campaigns/{_test.CampaignId}"));
        var shared = campaign["units"]![0]!["accessCode"]!.GetValue<string>();
        var anonymous = WorkspaceClient.Anonymous(_test.App);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/s/{shared}")).StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(await anonymous.GetAsync($"/api/survey/{shared}"), 404);
        Assert.Equal("No survey has this access code. Check the link or the code on the poster.", problem["detail"]!.GetValue<string>());

        // An invitation of the same campaign opens on both.
        await _test.ImportOnThePageAsync("email,unit\nann@trust.test,TEAM-1\n");
        var mail = (await _test.Smtp.WaitForAsync(1))[0];
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(mail.Path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/survey/{mail.Token}")).StatusCode);
    }

    [Fact]
    public async Task TheCreateFormOffersPersonalInvitationsAndRefusesAnUnknownChoice()
    {
        await _test.WithOpenCampaignAsync();
        var form = WorkspaceClient.Parse(await _test.Team.GetStringAsync("/workspace/campaigns"));
        Assert.Equal(["links", "invitations"], form.QuerySelectorAll("input[name=access]").Select(i => i.GetAttribute("value")));
        var campaign = await TestApp.ReadObjectAsync(await _test.Team.GetAsync($"/api/campaigns/{_test.CampaignId}"));
        Assert.True(campaign["invitationsOnly"]!.GetValue<bool>());

        var refused = await WorkspaceClient.PostFormAsync(_test.Team, "/workspace/campaigns", "/workspace/campaigns",
            ("title", "Odd"), ("opensOn", "2026-11-01"), ("closesOn", "2026-11-30"), ("instruments", "psychological-safety"),
            ("units", "TEAM-1"), ("access", "carrier-pigeon"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var summary = (await WorkspaceClient.ParseAsync(refused)).QuerySelectorAll(".error-summary li a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#access"], summary);
    }
}
