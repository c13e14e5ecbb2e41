using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Accounts;
using Xunit.Abstractions;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor;

/// <summary>
/// A campaign that the platform's rules protect, through the real endpoints: the auditor must find nothing in all
/// it publishes. It is the check that the auditor is not crying wolf, and the scenario that fails when the guard
/// that protects it (the disclosure control of breakdowns, DisclosureRules.ForBreakdowns) is switched off: the
/// directorate's figures less its nurses' then give the two doctors'.
/// </summary>
public sealed class GuardedScenarioAuditTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AStaffGroupOfTwoWithheldWithItsWholeBreakdownLeavesNothingToWorkOut()
    {
        using var app = new TestApp();
        var campaign = await Scenario.OpenCampaignAsync(app);
        // TEAM-1: four nurses and two doctors; TEAM-2: six nurses. The doctors' breakdown cell is two people.
        foreach (var (code, group, count, shift) in new[]
        {
            (campaign.Code, "nursing-and-midwifery", 4, 0), (campaign.Code, "medical-and-dental", 2, 2), (campaign.SecondCode, "nursing-and-midwifery", 6, 1),
        })
        {
            for (var i = 0; i < count; i++)
            {
                var submission = Scenario.Submission(app, code, item => 1 + ((i + shift + item.Id.Length + item.Id[^1]) % 7));
                submission["demographics"] = new JsonArray(new JsonObject { ["question"] = "staff-group", ["value"] = group });
                await Scenario.SubmitAsync(app, submission);
            }
        }

        (await campaign.Admin.PostAsync($"/api/campaigns/{campaign.CampaignId}/close", null)).EnsureSuccessStatusCode();
        var analyst = await app.SignedInClientAsync(Roles.Analyst);

        var result = await Audit.RunAsync(app, analyst, [campaign.CampaignId]);

        result.Write(output);
        result.AssertModelIsRight();
        result.AssertNothingIsDetermined();
    }
}
