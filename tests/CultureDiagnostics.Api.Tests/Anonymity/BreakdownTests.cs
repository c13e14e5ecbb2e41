using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Support;

namespace CultureDiagnostics.Api.Tests.Anonymity;

public sealed class BreakdownTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<Scenario.OpenCampaign> CampaignAsync((string Team, string? StaffGroup, int Count)[] respondents)
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        foreach (var (team, staffGroup, count) in respondents)
        {
            for (var i = 0; i < count; i++)
            {
                var submission = Scenario.Submission(_app, team == "TEAM-1" ? campaign.Code : campaign.SecondCode, _ => 3 + (i % 3));
                if (staffGroup is not null)
                {
                    submission["demographics"] = new JsonArray(new JsonObject { ["question"] = "staff-group", ["value"] = staffGroup });
                }

                await Scenario.SubmitAsync(_app, submission);
            }
        }

        (await campaign.Admin.PostAsync($"/api/campaigns/{campaign.CampaignId}/close", null)).EnsureSuccessStatusCode();
        return campaign;
    }

    private static JsonObject UnitOf(JsonObject breakdown, string unit) =>
        breakdown["units"]!.AsArray().Single(u => u!["unit"]!.GetValue<string>() == unit)!.AsObject();

    [Fact]
    public async Task StaffGroupOfTwoHidesTheWholeBreakdownOfItsTeamAndAbove()
    {
        var campaign = await CampaignAsync([("TEAM-1", "nursing-and-midwifery", 5), ("TEAM-1", "medical-and-dental", 2), ("TEAM-2", "nursing-and-midwifery", 6)]);
        var breakdown = await TestApp.ReadObjectAsync(await campaign.Admin.GetAsync($"/api/campaigns/{campaign.CampaignId}/results/breakdowns/staff-group"));

        Assert.False(UnitOf(breakdown, "TEAM-1")["shown"]!.GetValue<bool>());
        Assert.False(UnitOf(breakdown, "ORG")["shown"]!.GetValue<bool>());
        foreach (var unit in breakdown["units"]!.AsArray())
        {
            foreach (var cell in unit!["cells"]!.AsArray())
            {
                var value = cell!["respondents"]!["value"]?.GetValue<int>();
                Assert.True(value is null or 0 or >= 5, $"{unit["unit"]} shows a cell of {value}.");
                Assert.All(cell["scales"]!.AsArray(), s => Assert.True(s!["suppressed"]!.GetValue<bool>() || s["scaleScore"]!["n"]!.GetValue<int>() >= 5));
            }
        }
    }

    [Fact]
    public async Task BreakdownIsShownWhenEveryAnsweredCategoryMeetsTheThreshold()
    {
        var campaign = await CampaignAsync([("TEAM-1", "nursing-and-midwifery", 5), ("TEAM-1", "medical-and-dental", 5), ("TEAM-2", "nursing-and-midwifery", 6)]);
        var breakdown = await TestApp.ReadObjectAsync(await campaign.Admin.GetAsync($"/api/campaigns/{campaign.CampaignId}/results/breakdowns/staff-group"));

        var team = UnitOf(breakdown, "TEAM-1");
        Assert.True(team["shown"]!.GetValue<bool>());
        var medical = team["cells"]!.AsArray().Single(c => c!["category"]!.GetValue<string>() == "medical-and-dental")!;
        Assert.Equal(5, medical["respondents"]!["value"]!.GetValue<int>());
        Assert.Equal(5, medical["scales"]![0]!["scaleScore"]!["n"]!.GetValue<int>());
        var empty = team["cells"]!.AsArray().Single(c => c!["category"]!.GetValue<string>() == "management")!;
        Assert.True(empty["scales"]![0]!["suppressed"]!.GetValue<bool>());
        await ProblemAssert.IsProblemAsync(await campaign.Admin.GetAsync($"/api/campaigns/{campaign.CampaignId}/results/breakdowns/shoe-size"), 404);
    }

    [Fact]
    public async Task DecliningTheQuestionCountsAsItsOwnCell()
    {
        // Two people decline: TEAM-1 total less its shown categories would be them, so nothing is shown.
        var campaign = await CampaignAsync([("TEAM-1", "nursing-and-midwifery", 6), ("TEAM-1", null, 2), ("TEAM-2", "nursing-and-midwifery", 6)]);
        var breakdown = await TestApp.ReadObjectAsync(await campaign.Admin.GetAsync($"/api/campaigns/{campaign.CampaignId}/results/breakdowns/staff-group"));
        Assert.False(UnitOf(breakdown, "TEAM-1")["shown"]!.GetValue<bool>());
    }
}
