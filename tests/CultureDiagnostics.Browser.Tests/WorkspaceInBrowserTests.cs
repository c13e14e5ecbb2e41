using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Demo;
using CultureDiagnostics.Api.Tests.Support;
using Microsoft.Playwright;

namespace CultureDiagnostics.Browser.Tests;

/// <summary>
/// The change team's journey in Chromium, through the pages' own forms: sign in, import a structure, run a
/// campaign, record a finding, import metrics, build the synthesis and open the board's dashboard, with
/// axe-core finding no violation on any page on the way.
/// </summary>
public sealed class WorkspaceInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>Comments with something the review's screening suspects in each: a role, a place, a name.</summary>
    private static readonly string[] Comments =
    [
        "Since the new band 7 started on Ash ward, handovers run on time.",
        "Whoever is on the front desk on level 2 takes the abuse.",
        "I asked Olu for help with the rota and it was sorted.",
    ];

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    [Fact]
    public async Task TheChangeTeamGoesFromStructureToTheBoardsDashboardThroughThePagesWithNoAccessibilityViolations()
    {
        var context = await fixture.DesktopAsync();
        var member = new ChangeTeamMember(await context.NewPageAsync(), fixture.BaseUrl);
        var page = member.Page;
        await member.SignInAsync(fixture.AdminEmail, TestApp.Password);

        // Structure: a CSV file chosen in the page adds a directorate and a team under the existing trust.
        await member.GoAsync("/workspace/structure");
        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("structure.csv", "code,name,parent_code,headcount\nDIR-B,Directorate B,ORG,\nTEAM-3,Team Three,DIR-B,11\n"));
        await member.SubmitAsync("Import");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Imported 2 units.");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Team Three");
        await member.CheckAsync("the structure after an import");

        // A campaign: created, opened, answered (through the respondents' API), closed.
        // First with the dates the wrong way round: the problem is listed at the top and its link lands on the field.
        await member.VisitAsync("/workspace/campaigns");
        await page.GetByLabel("Title").FillAsync("Spring culture diagnostic");
        await page.GetByLabel("Opens on").FillAsync("2026-11-30");
        await page.GetByLabel("Closes on").FillAsync("2026-11-01");
        await page.GetByLabel("Psychological safety", new() { Exact = false }).CheckAsync();
        await member.SubmitAsync("Create campaign");
        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("The closing date must be on or after the opening date.");
        await member.CheckAsync("the campaign form with a problem");
        await summary.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByLabel("Closes on")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByLabel("Closes on")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Psychological safety", new() { Exact = false })).ToBeCheckedAsync();
        await page.GetByLabel("Opens on").FillAsync("2026-11-01");
        await page.GetByLabel("Closes on").FillAsync("2026-11-30");
        await member.SubmitAsync("Create campaign");
        var campaignId = page.Url.Split('/')[^1];
        await member.CheckAsync("a new campaign");
        await member.SubmitAsync("Open the campaign");
        await member.CheckAsync("an open campaign");
        await AnswerAsync(campaignId);
        await page.GetByRole(AriaRole.Link, new() { Name = "Close the campaign early" }).ClickAsync();
        await member.SubmitAsync("Close it now");

        // Its comments, reviewed before any is published: one suspect ticked, the comment published without it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Review comments" }).ClickAsync();
        var first = page.Locator("article.review").First;
        await Assertions.Expect(first.Locator("mark").First).ToBeVisibleAsync();
        await member.CheckAsync("the comment review queue");
        await first.GetByRole(AriaRole.Checkbox).First.CheckAsync();
        await member.SubmitAsync("Publish comment 1", first);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The comment is published.");
        await member.CheckAsync("the comment review queue after a comment is published");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the campaign" }).ClickAsync();
                await page.GetByRole(AriaRole.Link, new() { Name = "Explore the results" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("95% CI");
        await member.CheckAsync("the results explorer");

        // A team's items, reached from its row of the heatmap: a negatively worded item shows what people answered,
        // under the labels they chose. TEAM-1's six gave it one each of 2 to 7, so one chose "Very accurate" and none
        // "Very inaccurate" (reverse-scored, it would read the other way round).
        await page.Locator("table.heatmap a[href$='/units/TEAM-1']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Team");
        var reversed = Scenario.Instrument(fixture.App).Items.First(i => i.Reverse);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = reversed.Text });
        await Assertions.Expect(row).ToContainTextAsync("negatively worded");
        await Assertions.Expect(row).ToContainTextAsync("Very accurate: 1 (17%)");
        await Assertions.Expect(row).ToContainTextAsync("Very inaccurate: 0 (0%)");
        await member.CheckAsync("a team's items");

        // A finding from a focus group.
        await member.GoAsync("/workspace/findings");
        await page.GetByLabel("Source").SelectOptionAsync(new SelectOptionValue { Label = "Culture focus groups" });
        await page.GetByLabel("Cultural element").SelectOptionAsync(new SelectOptionValue { Label = "Teamwork" });
        await page.GetByLabel("an area to develop").CheckAsync();
        await page.GetByLabel("Evidence", new() { Exact = true }).FillAsync("Handovers between professions are tense on nights.");
        await member.SubmitAsync("Record finding");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("Handovers between professions are tense on nights.");
        await member.CheckAsync("the findings with one recorded");

        // A metric defined in the page, and two years of its values imported from a CSV file.
        await member.GoAsync("/workspace/metrics");
        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("sickness-absence");
        await page.GetByLabel("Title").FillAsync("Sickness absence rate");
        await page.GetByLabel("Cultural element").SelectOptionAsync(new SelectOptionValue { Label = "Support and compassion" });
        await page.GetByLabel("Better when it").SelectOptionAsync(new SelectOptionValue { Label = "decreases" });
        await page.GetByLabel("Target (optional)").FillAsync("4.5");
        await page.GetByLabel("Unit (optional)").FillAsync("%");
        await member.SubmitAsync("Save metric");
        var values = DemoDiagnostics.Values(DateOnly.FromDateTime(TestApp.Today.UtcDateTime)).Where(v => v.MetricId == "sickness-absence");
        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("metrics.csv",
            "metric,period,value\n" + string.Concat(values.Select(v => $"{v.MetricId},{v.Period},{v.Value.ToString(CultureInfo.InvariantCulture)}\n"))));
        await member.SubmitAsync("Import values");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Imported {DemoDiagnostics.Months} values.");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Special cause variation: improvement");
        await member.CheckAsync("the metrics with an SPC chart");

        // The synthesis: a conclusion in one cell and a judgement of one element, both edited before one Save.
        await member.GoAsync($"/workspace/synthesis?campaign={campaignId}");
        await page.GetByLabel("Conclusion for Teamwork from Culture focus groups").FillAsync("Tension sits at the boundaries between professions.");
        await page.GetByLabel("Your judgement of Teamwork").SelectOptionAsync(new SelectOptionValue { Label = "Area to develop" });
        await member.SubmitAsync("Save all changes (from every element on this page)", page.Locator("section", new() { Has = page.Locator("#element-teamwork") }));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved your 2 changes.");
        await Assertions.Expect(page.GetByLabel("Conclusion for Teamwork from Culture focus groups")).ToHaveValueAsync("Tension sits at the boundaries between professions.");
        await Assertions.Expect(page.Locator("#element-teamwork")).ToContainTextAsync("Area to develop");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Phase 2 interventions for this element");
        await member.CheckAsync("the synthesis with a conclusion and a judgement");

        // The board's dashboard of the campaign, on screen and as printed.
        await member.VisitAsync($"/dashboard/{campaignId}");
        var main = page.Locator("main");
        await Assertions.Expect(main).ToContainTextAsync("Spring culture diagnostic");
        await Assertions.Expect(main).ToContainTextAsync("Sickness absence rate");
        await Assertions.Expect(main.Locator("section", new() { HasText = "Areas to develop" })).ToContainTextAsync("Teamwork");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeHiddenAsync();
        await member.CheckAsync("the dashboard as printed");

        Assert.Equal(1, fixture.App.Count("findings"));
        Assert.True(member.Checked.Count >= 15, "Every page visited is checked: " + string.Join(", ", member.Checked));
        await context.CloseAsync();
    }

    /// <summary>Six respondents in each of the first two teams, with different answers, so both are shown; half of them comment.</summary>
    private async Task AnswerAsync(string campaignId)
    {
        var campaign = await TestApp.ReadObjectAsync(await fixture.Admin.GetAsync($"/api/campaigns/{campaignId}"));
        foreach (var unit in campaign["units"]!.AsArray().Where(u => u!["code"]!.GetValue<string>() is "TEAM-1" or "TEAM-2"))
        {
            var code = unit!["accessCode"]!.GetValue<string>();
            for (var r = 0; r < 6; r++)
            {
                var person = r;
                var submission = Scenario.Submission(fixture.App, code, item => 2 + ((person + item.Id.Length) % 6));
                if (r % 2 == 0)
                {
                    submission["comments"] = new JsonArray(new JsonObject
                    {
                        ["instrument"] = "psychological-safety", ["item"] = "ps-comment", ["text"] = Comments[r / 2],
                    });
                }

                await Scenario.SubmitAsync(fixture.App, submission);
            }
        }
    }
}
