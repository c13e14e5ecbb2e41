using System.Net;
using System.Text;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Accounts;

namespace CultureDiagnostics.Api.Tests.Workspace;

/// <summary>The change team's pages end to end through their forms: structure, campaign, findings, metrics, synthesis, results and the dashboard.</summary>
public sealed class WorkspacePagesTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string page, string action, string csv)
    {
        var token = await WorkspaceClient.TokenAsync(client, page);
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "structure.csv" },
        };
        return await client.PostAsync(action, content);
    }

    [Fact]
    public async Task StructureImportListsEveryBadRowAndImportsNothingThenImportsAGoodFile()
    {
        var client = await WorkspaceClient.SignedInAsync(_app, Roles.Analyst);
        var bad = await UploadAsync(client, "/workspace/structure", "/workspace/structure/import", "code,name,parent_code,headcount\nORG,Trust,,\nT1,,ORG,ten\nT2,Team 2,NOPE,3\n");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("Row 3, headcount", html, StringComparison.Ordinal);
        Assert.Contains("Row 4, parent_code", html, StringComparison.Ordinal);
        Assert.Equal(0, _app.Count("units"));

        var good = await UploadAsync(client, "/workspace/structure", "/workspace/structure/import", Scenario.StructureCsv);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(4, _app.Count("units"));
        var tree = await client.GetStringAsync("/workspace/structure?imported=4");
        Assert.Contains("Imported 4 units.", tree, StringComparison.Ordinal);
        Assert.Contains("Team One", tree, StringComparison.Ordinal);

        var edit = await WorkspaceClient.PostFormAsync(client, "/workspace/structure/units/TEAM-1", "/workspace/structure/units/TEAM-1", ("name", "Team Uno"), ("headcount", "15"));
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.Contains("Team Uno", await client.GetStringAsync("/workspace/structure"), StringComparison.Ordinal);
        var invalid = await WorkspaceClient.PostFormAsync(client, "/workspace/structure/units/TEAM-1", "/workspace/structure/units/TEAM-1", ("name", ""), ("headcount", "-3"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task ACampaignIsCreatedOpenedAndClosedThroughItsFormsAndShowsRatesUnderDisclosureControl()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        await UploadAsync(client, "/workspace/structure", "/workspace/structure/import", Scenario.StructureCsv);
        var missing = await WorkspaceClient.PostFormAsync(client, "/workspace/campaigns", "/workspace/campaigns", ("title", ""), ("opensOn", "2026-11-01"));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("There is a problem", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, _app.Count("campaigns"));

        var created = await WorkspaceClient.PostFormAsync(client, "/workspace/campaigns", "/workspace/campaigns",
            ("title", "Winter wave"), ("opensOn", "2026-11-01"), ("closesOn", "2026-11-30"), ("instruments", "psychological-safety"),
            ("units", "TEAM-1"), ("units", "TEAM-2"), ("scoreThreshold", "5"), ("commentThreshold", "10"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.Headers.Location!.OriginalString;
        var id = page.Split('/')[^1];
        Assert.Equal(HttpStatusCode.Redirect, (await WorkspaceClient.PostFormAsync(client, page, $"{page}/open")).StatusCode);

        var campaign = await TestApp.ReadObjectAsync(await client.GetAsync($"/api/campaigns/{id}"));
        var code = campaign["units"]!.AsArray().Single(u => u!["code"]!.GetValue<string>() == "TEAM-2")!["accessCode"]!.GetValue<string>();
        for (var i = 0; i < 2; i++)
        {
            await Scenario.SubmitAsync(_app, Scenario.ValidSubmission(_app, code));
        }

        // While the campaign runs, counts are rounded and a day behind: today's two responses read "about 0".
        var html = await client.GetStringAsync(page);
        Assert.Contains(">about 0<", html, StringComparison.Ordinal);
        // The poster link opens the team's poster, with its link (it once named the access code where the unit's code belongs).
        var poster = WorkspaceClient.Parse(html).QuerySelectorAll("a").Single(a => a.TextContent.Contains("for Team Two", StringComparison.Ordinal)).GetAttribute("href")!;
        Assert.Equal($"/campaigns/{id}/units/TEAM-2/poster", poster);
        Assert.Contains("survey.test/s/" + code, await client.GetStringAsync(poster), StringComparison.Ordinal);
        Assert.Contains("https://survey.test/s/" + code, html, StringComparison.Ordinal);
        Assert.DoesNotContain(">2<", html, StringComparison.Ordinal);

        var notYet = await client.GetAsync($"/workspace/campaigns/{id}/results");
        Assert.Equal(HttpStatusCode.Conflict, notYet.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.GetAsync($"/dashboard/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await WorkspaceClient.PostFormAsync(client, page, $"{page}/close")).StatusCode);
        Assert.Equal("closed", (await TestApp.ReadObjectAsync(await client.GetAsync($"/api/campaigns/{id}")))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ResultsExplorerShowsTheHeatmapWithIntervalsAndSuppressionThenAUnitsItems()
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        for (var i = 0; i < 7; i++)
        {
            var r = i;
            await Scenario.SubmitAsync(_app, Scenario.Submission(_app, campaign.Code, item => 1 + ((r + item.Id.Length) % 7)));
        }

        for (var i = 0; i < 6; i++)
        {
            var r = i;
            await Scenario.SubmitAsync(_app, Scenario.Submission(_app, campaign.SecondCode, item => 7 - ((r + item.Id.Length) % 4)));
        }

        (await campaign.Admin.PostAsync($"/api/campaigns/{campaign.CampaignId}/close", null)).EnsureSuccessStatusCode();
        var client = await WorkspaceClient.SignedInAsync(_app, Roles.Analyst);
        var heatmap = await client.GetStringAsync($"/workspace/campaigns/{campaign.CampaignId}/results");
        Assert.Contains("95% CI", heatmap, StringComparison.Ordinal);
        Assert.Contains("n = 7", heatmap, StringComparison.Ordinal);
        Assert.Contains("n = 13", heatmap, StringComparison.Ordinal);
        Assert.Contains("ICC(1)", heatmap, StringComparison.Ordinal);
        Assert.Matches("(High|Middle|Low)", heatmap);

        var unit = await client.GetAsync($"/workspace/campaigns/{campaign.CampaignId}/results/units/TEAM-1");
        Assert.Equal(HttpStatusCode.OK, unit.StatusCode);
        var html = await unit.Content.ReadAsStringAsync();
        Assert.Contains("rwg(j)", html, StringComparison.Ordinal);
        Assert.Contains("Compared with the organisation", html, StringComparison.Ordinal);
        Assert.Contains("Mean answer", html, StringComparison.Ordinal);
        Assert.Contains("negatively worded: the favourable answers are “Very inaccurate” and “Inaccurate”", html, StringComparison.Ordinal);
        Assert.Contains("Compared with the previous wave: not available", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnItemWithheldBesideAScoreSaysWhyAndNeverClaimsFewerThanNoAnswers()
    {
        // Seven answer every item; one marks a vision-and-values item "not applicable": the scale shows its score and
        // withholds one item, which the page must explain without a false "fewer than" count.
        const string leadership = "leadership-behaviours";
        var campaign = await Scenario.OpenCampaignAsync(_app, leadership);
        for (var i = 0; i < 7; i++)
        {
            var r = i;
            await Scenario.SubmitAsync(_app, Scenario.Submission(_app, campaign.Code, item => 1 + ((r + item.Id.Length) % 5), null, leadership));
        }

        var partial = Scenario.Submission(_app, campaign.Code, _ => 4, null, leadership);
        partial["answers"]!.AsArray().First(a => a!["item"]!.GetValue<string>() == "lb-vv-2")!["value"] = "na";
        await Scenario.SubmitAsync(_app, partial);
        (await campaign.Admin.PostAsync($"/api/campaigns/{campaign.CampaignId}/close", null)).EnsureSuccessStatusCode();
        var client = await WorkspaceClient.SignedInAsync(_app, Roles.Analyst);

        var html = await client.GetStringAsync($"/workspace/campaigns/{campaign.CampaignId}/results/units/TEAM-1");

        Assert.Contains("Withheld, so that it cannot be worked out from other figures", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Fewer than 0", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindingsMetricsAndTheSynthesisAreRecordedThroughTheirForms()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        var finding = await WorkspaceClient.PostFormAsync(client, "/workspace/findings", "/workspace/findings",
            ("source", "patient-experience"), ("element", "support-and-compassion"), ("kind", "area-to-develop"), ("evidence", "Patients say staff look exhausted."), ("date", "2026-11-02"));
        Assert.Equal(HttpStatusCode.Redirect, finding.StatusCode);
        Assert.Contains("Patients say staff look exhausted.", await client.GetStringAsync("/workspace/findings"), StringComparison.Ordinal);
        var badFinding = await WorkspaceClient.PostFormAsync(client, "/workspace/findings", "/workspace/findings", ("source", "rumour"), ("evidence", ""));
        Assert.Equal(HttpStatusCode.BadRequest, badFinding.StatusCode);
        Assert.Equal(1, _app.Count("findings"));

        var metric = await WorkspaceClient.PostFormAsync(client, "/workspace/metrics", "/workspace/metrics",
            ("id", "vacancy-rate"), ("title", "Vacancy rate"), ("element", "teamwork"), ("direction", "decrease"), ("target", "8"), ("unit", "%"));
        Assert.Equal(HttpStatusCode.Redirect, metric.StatusCode);
        var values = "metric,period,value\n" + string.Join("\n", Enumerable.Range(1, 12).Select(m => $"vacancy-rate,2026-{m:00},{9 + (m % 3)}"));
        var imported = await WorkspaceClient.PostFormAsync(client, "/workspace/metrics", "/workspace/metrics/import", ("csv", values));
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var metricsPage = await client.GetStringAsync("/workspace/metrics");
        Assert.Contains("<svg", metricsPage, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", metricsPage, StringComparison.Ordinal);
        Assert.Contains("SPC chart of Vacancy rate", metricsPage, StringComparison.Ordinal);
        Assert.Contains("Common cause variation", metricsPage, StringComparison.Ordinal);
        var badImport = await WorkspaceClient.PostFormAsync(client, "/workspace/metrics", "/workspace/metrics/import", ("csv", "metric,period,value\nvacancy-rate,2027-13,x\n"));
        Assert.Equal(HttpStatusCode.BadRequest, badImport.StatusCode);
        Assert.Contains("Row 2, value", await badImport.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var conclusion = await WorkspaceClient.SubmitAsync(client, "/workspace/synthesis", "#synthesis-form",
            ("c-support-and-compassion-patient-experience", "Fatigue is visible to patients."));
        Assert.Equal(HttpStatusCode.Redirect, conclusion.StatusCode);
        var synthesis = await client.GetStringAsync("/workspace/synthesis");
        Assert.Contains("Fatigue is visible to patients.", synthesis, StringComparison.Ordinal);
        Assert.Contains("Phase 2 interventions", synthesis, StringComparison.Ordinal);
        var judged = await WorkspaceClient.SubmitAsync(client, "/workspace/synthesis", "#synthesis-form", ("j-support-and-compassion", "mixed"));
        Assert.Equal(HttpStatusCode.Redirect, judged.StatusCode);
        Assert.Contains("The change team judged it: Mixed", await client.GetStringAsync("/workspace/synthesis"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBoardSeesTheDashboardOfTheLatestSurveyOfEveryTeamWithChartsAndTextAlternatives()
    {
        var board = await WorkspaceClient.SignedInAsync(_app, Roles.Board);
        Assert.Contains("There is no current diagnostic yet", await board.GetStringAsync("/dashboard/latest"), StringComparison.Ordinal);

        var campaign = await Scenario.OpenCampaignAsync(_app);
        for (var i = 0; i < 6; i++)
        {
            var r = i;
            await Scenario.SubmitAsync(_app, Scenario.Submission(_app, campaign.Code, item => 1 + ((r + item.Id.Length) % 7)));
        }

        (await campaign.Admin.PostAsync($"/api/campaigns/{campaign.CampaignId}/close", null)).EnsureSuccessStatusCode();
        var response = await board.GetAsync("/dashboard/latest");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Culture dashboard: Test wave", html, StringComparison.Ordinal);
        Assert.Contains("The latest survey of every team: the change team has not yet chosen", html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", html, StringComparison.Ordinal);
        Assert.Contains("<title id=\"trend-0-title\">", html, StringComparison.Ordinal);
        Assert.Contains("What changed since the last wave", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("Culture dashboard: Test wave", await board.GetStringAsync($"/dashboard/{campaign.CampaignId}"), StringComparison.Ordinal);
    }
}
