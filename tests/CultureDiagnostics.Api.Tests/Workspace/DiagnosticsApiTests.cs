using System.Net;
using System.Net.Http.Json;
using System.Text;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Accounts;

namespace CultureDiagnostics.Api.Tests.Workspace;

public sealed class DiagnosticsApiTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static async Task DefineSicknessAsync(HttpClient client) =>
        (await client.PostAsJsonAsync("/api/metrics", new { id = "sickness-absence", title = "Sickness absence", element = "support-and-compassion", direction = "decrease", target = 4.5, unit = "%" }))
        .EnsureSuccessStatusCode();

    [Fact]
    public async Task AFindingIsStoredWithoutTheNamesNumbersAndAddressesItsEvidenceHad()
    {
        var client = await _app.SignedInClientAsync();
        var created = await client.PostAsJsonAsync("/api/findings", new
        {
            source = "culture-focus-groups",
            element = "teamwork",
            kind = "area-to-develop",
            evidence = "Ward staff said Sister Jones moves shifts without asking; call John Smith on 07700 900123 or mail jo.bloggs@trust.example.",
            date = "2026-10-01",
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);

        var evidence = (await TestApp.ReadArrayAsync(await client.GetAsync("/api/findings"))).Single()!["evidence"]!.GetValue<string>();
        foreach (var identifying in new[] { "Jones", "John", "Smith", "07700", "jo.bloggs" })
        {
            Assert.DoesNotContain(identifying, evidence, StringComparison.Ordinal);
        }

        Assert.Contains("moves shifts without asking", evidence, StringComparison.Ordinal);
        Assert.Contains(CultureDiagnostics.Core.Collection.Redaction.Name, evidence, StringComparison.Ordinal);
        Assert.DoesNotContain("Jones", await client.GetStringAsync("/workspace/findings"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricWithBadFieldsIsRejectedNamingEachFieldAndNothingStored()
    {
        var client = await WorkspaceClient.SignedInAsync(_app, Roles.Analyst);
        var response = await client.PostAsJsonAsync("/api/metrics", new { id = "Bad Id", title = "", element = "morale", direction = "up" });
        await ProblemAssert.HasFieldErrorAsync(response, "id");
        await ProblemAssert.HasFieldErrorAsync(response, "title");
        await ProblemAssert.HasFieldErrorAsync(response, "element");
        await ProblemAssert.HasFieldErrorAsync(response, "direction");
        Assert.Equal(0, _app.Count("metrics"));
    }

    [Fact]
    public async Task MetricWithUnknownFieldOrWrongTypeIsRejected()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        await ProblemAssert.HasFieldErrorAsync(await client.PostAsJsonAsync("/api/metrics", new { id = "x", colour = "red" }), "colour");
        await ProblemAssert.HasFieldErrorAsync(await client.PostAsJsonAsync("/api/metrics", new { id = "x", target = "high" }), "target");
        await ProblemAssert.IsProblemAsync(await client.PostAsync("/api/metrics", new StringContent("id=x", Encoding.UTF8, "text/plain")), 415);
        Assert.Equal(0, _app.Count("metrics"));
    }

    [Fact]
    public async Task ImportWithBadRowsListsEveryRowAndStoresNothing()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        await DefineSicknessAsync(client);
        var response = await client.PostAsync("/api/metrics/import", Csv("""
            metric,period,value
            sickness-absence,2026-01,5.1
            turnover,2026-01,10
            sickness-absence,January,5.0
            sickness-absence,2026-03,lots
            sickness-absence,2026-01,5.2
            """));
        await ProblemAssert.HasFieldErrorAsync(response, "row 3: metric");
        await ProblemAssert.HasFieldErrorAsync(response, "row 4: period");
        await ProblemAssert.HasFieldErrorAsync(response, "row 5: value");
        await ProblemAssert.HasFieldErrorAsync(response, "row 6: period");
        Assert.Equal(0, _app.Count("metric_values"));
        await ProblemAssert.HasFieldErrorAsync(await client.PostAsync("/api/metrics/import", Csv("metric,month,value\n")), "row 1: header");
    }

    [Fact]
    public async Task ImportedSeriesIsShownAsAnSpcChartWithItsVariationAndAssurance()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        await DefineSicknessAsync(client);
        var rows = string.Join("\n", Enumerable.Range(0, 20).Select(i => $"sickness-absence,{2025 + (i / 12)}-{(i % 12) + 1:00},{(i < 12 ? 6.0 + (0.1 * (i % 3)) : 3.0 + (0.1 * (i % 2))).ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
        var imported = await client.PostAsync("/api/metrics/import", Csv("metric,period,value\n" + rows));
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        Assert.Equal(20, (await TestApp.ReadObjectAsync(imported))["imported"]!.GetValue<int>());

        var metric = (await TestApp.ReadArrayAsync(await client.GetAsync("/api/metrics"))).Single()!;
        Assert.Equal("decrease", metric["direction"]!.GetValue<string>());
        Assert.Equal(20, metric["points"]!.AsArray().Count);
        Assert.Equal("special_cause_improvement", metric["lastPointVariation"]!.GetValue<string>());
        Assert.Contains("improvement", metric["variation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("2025-01", metric["points"]![0]!["period"]!.GetValue<string>());
    }

    [Fact]
    public async Task FindingWithBadFieldsIsRejectedAndNothingStored()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        var response = await client.PostAsJsonAsync("/api/findings", new { source = "leadership-behaviours-survey", element = "x", kind = "good", evidence = " ", date = "2030-01-01" });
        foreach (var field in new[] { "source", "element", "kind", "evidence", "date" })
        {
            await ProblemAssert.HasFieldErrorAsync(response, field);
        }

        await ProblemAssert.HasFieldErrorAsync(await client.PostAsJsonAsync("/api/findings", new { date = "12/10/2026" }), "date");
        Assert.Equal(0, _app.Count("findings"));
    }

    [Fact]
    public async Task FindingsAreRecordedListedAndDeleted()
    {
        var client = await WorkspaceClient.SignedInAsync(_app, Roles.Analyst);
        var created = await client.PostAsJsonAsync("/api/findings", new { source = "board-interviews", element = "teamwork", kind = "area-to-develop", evidence = "Silos between directorates.", date = "2026-10-01" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await TestApp.ReadObjectAsync(created))["id"]!.GetValue<string>();
        Assert.Single(await TestApp.ReadArrayAsync(await client.GetAsync("/api/findings")));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/findings/{id}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await client.DeleteAsync($"/api/findings/{id}"), 404);
        Assert.Equal(0, _app.Count("findings"));
    }

    [Fact]
    public async Task AFindingIsCorrectedWholeAndRedactedAgainAndABadCorrectionChangesNothing()
    {
        var client = await WorkspaceClient.SignedInAsync(_app, Roles.Analyst);
        var created = await client.PostAsJsonAsync("/api/findings", new { source = "board-interviews", element = "teamwork", kind = "area-to-develop", evidence = "Silos between directorates.", date = "2026-10-01" });
        var id = (await TestApp.ReadObjectAsync(created))["id"]!.GetValue<string>();

        var bad = await client.PutAsJsonAsync($"/api/findings/{id}", new { source = "board-interviews", element = "kindness", kind = "area-to-develop", evidence = "", date = "2026-10-01" });
        await ProblemAssert.HasFieldErrorAsync(bad, "element");
        var stored = await TestApp.ReadObjectAsync(await client.GetAsync($"/api/findings/{id}"));
        Assert.Equal("teamwork", stored["element"]!.GetValue<string>());
        Assert.Equal("Silos between directorates.", stored["evidence"]!.GetValue<string>());

        var corrected = await client.PutAsJsonAsync($"/api/findings/{id}", new
        {
            source = "culture-focus-groups", element = "learning-and-innovation", kind = "strength", evidence = "Matron Kelly runs a learning huddle.", date = "2026-10-02",
        });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var listed = Assert.Single(await TestApp.ReadArrayAsync(await client.GetAsync("/api/findings")))!;
        Assert.Equal(id, listed["id"]!.GetValue<string>());
        Assert.Equal("culture-focus-groups", listed["source"]!.GetValue<string>());
        Assert.Equal("learning-and-innovation", listed["element"]!.GetValue<string>());
        Assert.Equal("strength", listed["kind"]!.GetValue<string>());
        Assert.Equal("2026-10-02", listed["date"]!.GetValue<string>());
        Assert.DoesNotContain("Kelly", listed["evidence"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("runs a learning huddle", listed["evidence"]!.GetValue<string>(), StringComparison.Ordinal);

        await ProblemAssert.IsProblemAsync(await client.PutAsJsonAsync("/api/findings/no-such-finding", new { source = "board-interviews", element = "teamwork", kind = "strength", evidence = "x", date = "2026-10-01" }), 404);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/findings/no-such-finding"), 404);
        var board = await WorkspaceClient.SignedInAsync(_app, Roles.Board);
        await ProblemAssert.IsProblemAsync(await board.PutAsJsonAsync($"/api/findings/{id}", new { source = "board-interviews", element = "teamwork", kind = "strength", evidence = "x", date = "2026-10-01" }), 403);
    }

    [Fact]
    public async Task SynthesisSuggestsFromEvidenceAndTheChangeTeamOverridesIt()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        await client.PostAsJsonAsync("/api/findings", new { source = "culture-focus-groups", element = "teamwork", kind = "area-to-develop", evidence = "Handovers are rushed.", date = "2026-10-01" });
        var synthesis = await TestApp.ReadObjectAsync(await client.GetAsync("/api/synthesis"));
        var teamwork = synthesis["elements"]!.AsArray().Single(e => e!["element"]!.GetValue<string>() == "teamwork")!;
        Assert.Equal("area-to-develop", teamwork["suggested"]!.GetValue<string>());
        Assert.Equal(8, teamwork["cells"]!.AsArray().Count);
        var cell = teamwork["cells"]!.AsArray().Single(c => c!["source"]!.GetValue<string>() == "culture-focus-groups")!;
        Assert.Contains("Handovers are rushed.", cell["evidence"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(teamwork["interventions"]!.AsArray());

        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync("/api/synthesis/cells", new { element = "teamwork", source = "culture-focus-groups", conclusion = "Handover culture." })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync("/api/synthesis/elements", new { element = "teamwork", judgement = "mixed" })).StatusCode);
        synthesis = await TestApp.ReadObjectAsync(await client.GetAsync("/api/synthesis"));
        teamwork = synthesis["elements"]!.AsArray().Single(e => e!["element"]!.GetValue<string>() == "teamwork")!;
        Assert.Equal("mixed", teamwork["judgement"]!.GetValue<string>());
        Assert.Equal("area-to-develop", teamwork["suggested"]!.GetValue<string>());
        Assert.Equal("Handover culture.", teamwork["cells"]!.AsArray().Single(c => c!["source"]!.GetValue<string>() == "culture-focus-groups")!["conclusion"]!.GetValue<string>());

        var board = await WorkspaceClient.SignedInAsync(_app, Roles.Board);
        Assert.Equal(HttpStatusCode.OK, (await board.GetAsync("/api/synthesis")).StatusCode);
        await ProblemAssert.IsProblemAsync(await board.PutAsJsonAsync("/api/synthesis/elements", new { element = "teamwork", judgement = "strength" }), 403);
    }

    [Fact]
    public async Task SynthesisEditsWithBadFieldsAreRejectedAndNothingStored()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        var cells = await client.PutAsJsonAsync("/api/synthesis/cells", new { element = "kindness", source = "gossip" });
        await ProblemAssert.HasFieldErrorAsync(cells, "element");
        await ProblemAssert.HasFieldErrorAsync(cells, "source");
        await ProblemAssert.HasFieldErrorAsync(cells, "conclusion");
        await ProblemAssert.HasFieldErrorAsync(await client.PutAsJsonAsync("/api/synthesis/elements", new { element = "teamwork", judgement = "great" }), "judgement");
        Assert.Equal(0, _app.Count("synthesis_cells") + _app.Count("synthesis_elements"));
    }

    [Fact]
    public async Task LiveResponseRatesNeverShowASmallCount()
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        for (var i = 0; i < 6; i++)
        {
            await Scenario.SubmitAsync(_app, Scenario.ValidSubmission(_app, campaign.Code));
        }

        await Scenario.SubmitAsync(_app, Scenario.ValidSubmission(_app, campaign.SecondCode));
        // Live counts are a day behind: the next day, these seven are counted.
        _app.Clock.Now += TimeSpan.FromDays(1);
        var admin = await _app.SignedInClientAsync();
        var rates = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{campaign.CampaignId}/response-rates"));
        Assert.Equal(5, rates["roundedTo"]!.GetValue<int>());
        var rows = rates["units"]!.AsArray();
        int About(string unit) => rows.Single(r => r!["unit"]!.GetValue<string>() == unit)!["respondents"]!["about"]!.GetValue<int>();

        // No exact count while the campaign runs: TEAM-2's one response reads about 0 or about 5, TEAM-1's six about 5 or 10.
        Assert.All(rows, r => Assert.Null(r!["respondents"]!["value"]));
        Assert.Contains(About("TEAM-2"), new[] { 0, 5 });
        Assert.Contains(About("TEAM-1"), new[] { 5, 10 });
        // Units above add up their teams' rounded counts: subtracting gives nothing the teams do not show.
        Assert.Equal(About("TEAM-1") + About("TEAM-2"), About("DIR-A"));
        Assert.All(rows, r => Assert.Equal(0, r!["respondents"]!["about"]!.GetValue<int>() % 5));
        // A rate only beside a count, and from the rounded count: TEAM-2 (headcount 9) reads 0% or 56%.
        var team2 = rows.Single(r => r!["unit"]!.GetValue<string>() == "TEAM-2")!;
        Assert.Equal(About("TEAM-2") == 0 ? 0 : 56, team2["responseRatePercent"]!.GetValue<int>());
    }
}
