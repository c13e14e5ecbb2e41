using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;

namespace CultureDiagnostics.Api.Tests;

/// <summary>
/// A small pulse of one directorate, closed after the whole organisation's diagnostic, must not become what the
/// board sees, nor be compared with the whole organisation, nor report its response rate against everyone's
/// headcount: the board's current diagnostic is chosen, comparisons are like for like, and a campaign's results
/// list only the units it surveyed, with the day it really closed.
/// </summary>
public sealed class BoardDiagnosticTests : IDisposable
{
    private const string Structure = """
        code,name,parent_code,headcount
        ORG,Test Trust,,400
        DIR-A,Directorate A,ORG,
        T1,Team One,DIR-A,12
        T2,Team Two,DIR-A,8
        DIR-B,Directorate B,ORG,
        T3,Team Three,DIR-B,10
        T4,Team Four,DIR-B,10
        """;

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task APulseOfOneDirectorateClosedLastLeavesTheBoardOnTheWholeOrganisationsDiagnostic()
    {
        _app.Clock.Now = new DateTimeOffset(2026, 9, 10, 9, 0, 0, TimeSpan.Zero);
        var admin = await _app.SignedInClientAsync();
        (await admin.PostAsync("/api/units/import", new StringContent(Structure, System.Text.Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var autumn = await RunAsync(admin, "Autumn diagnostic", "2026-09-01", "2026-09-30", ["T1", "T2", "T3", "T4"], answer: 4);
        await CloseAsync(admin, autumn);

        _app.Clock.Now = TestApp.Today;
        admin = await _app.SignedInClientAsync(); // a new session: the last one has expired since September
        var pulse = await RunAsync(admin, "Directorate A pulse", "2026-11-16", "2026-11-30", ["T1", "T2"], answer: 6);
        var closed = await TestApp.ReadObjectAsync(await CloseAsync(admin, pulse));
        Assert.Equal("2026-11-23", closed["closedOn"]!.GetValue<string>());
        Assert.Equal("2026-11-30", closed["closesOn"]!.GetValue<string>());

        // The board still sees the whole organisation's diagnostic: the dashboard, the synthesis and the workbook's "latest".
        var board = await WorkspaceClient.SignedInAsync(_app, Data.Accounts.Roles.Board);
        var dashboard = await board.GetStringAsync("/dashboard/latest");
        Assert.Contains("Culture dashboard: Autumn diagnostic", dashboard, StringComparison.Ordinal);
        Assert.Equal(autumn, (await TestApp.ReadObjectAsync(await board.GetAsync("/api/synthesis")))["campaignId"]!.GetValue<string>());
        var workbook = await board.GetAsync("/api/campaigns/latest/synthesis.xlsx");
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        using (var book = Workbook.WorkbookFile.Open(await workbook.Content.ReadAsByteArrayAsync()))
        {
            var about = string.Join("\n", book.Worksheet("About").CellsUsed().Select(c => c.GetString()));
            Assert.Contains("Autumn diagnostic", about, StringComparison.Ordinal);
            Assert.DoesNotContain("pulse", about, StringComparison.Ordinal);
        }


        // The pulse's results are Directorate A's: only the units it surveyed, its rate against their headcount.
        var results = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{pulse}/results"));
        Assert.Equal(["DIR-A", "T1", "T2"], results["heatmap"]!.AsArray().Select(r => r!["unit"]!.GetValue<string>()));
        var rates = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{pulse}/response-rates"));
        var directorate = rates["units"]!.AsArray().Single(r => r!["unit"]!.GetValue<string>() == "DIR-A")!;
        Assert.Equal(20, directorate["headcount"]!.GetValue<int>());
        Assert.Equal(90, directorate["responseRatePercent"]!.GetValue<int>()); // 12 + 6 of 12 + 8
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/campaigns/{pulse}/results/units/ORG")).StatusCode);

        // Directorate A is compared with itself in the autumn (the same teams surveyed); nothing with the whole trust.
        var unit = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{pulse}/results/units/DIR-A"));
        Assert.Equal("Autumn diagnostic", unit["scales"]![0]!["versusPreviousWave"]!["against"]!.GetValue<string>());
        Assert.Equal(2, unit["scales"]![0]!["versusPreviousWave"]!["difference"]!.GetValue<double>(), 9); // 6.5 − 4.5

        // The dashboard of the pulse says the day it closed, not the day it was due to.
        Assert.Contains("23 November 2026", await board.GetStringAsync($"/dashboard/{pulse}"), StringComparison.Ordinal);

        // Only a deliberate choice changes what the board sees; an open campaign cannot be chosen.
        var chosen = await admin.PostAsync($"/api/campaigns/{pulse}/board", null);
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        var now = await board.GetStringAsync("/dashboard/latest");
        Assert.Contains("Culture dashboard: Directorate A pulse", now, StringComparison.Ordinal);
        Assert.Contains("as the change team chose it", now, StringComparison.Ordinal);
        var open = await RunAsync(admin, "Still open", "2026-11-20", "2026-12-20", ["T3"], answer: 3);
        var refused = await admin.PostAsync($"/api/campaigns/{open}/board", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Culture dashboard: Directorate A pulse", await board.GetStringAsync("/dashboard/latest"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOrganisationIsComparedWithItsLastSurveyOfTheSameTeamsNotWithAPulseInBetween()
    {
        _app.Clock.Now = new DateTimeOffset(2026, 6, 10, 9, 0, 0, TimeSpan.Zero);
        var admin = await _app.SignedInClientAsync();
        (await admin.PostAsync("/api/units/import", new StringContent(Structure, System.Text.Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var spring = await RunAsync(admin, "Spring diagnostic", "2026-06-01", "2026-06-30", ["T1", "T2", "T3", "T4"], answer: 3);
        _app.Clock.Now = new DateTimeOffset(2026, 7, 10, 9, 0, 0, TimeSpan.Zero);
        admin = await _app.SignedInClientAsync();
        await CloseAsync(admin, spring);
        var pulse = await RunAsync(admin, "Summer pulse", "2026-07-01", "2026-07-31", ["T1", "T2"], answer: 6);
        _app.Clock.Now = new DateTimeOffset(2026, 8, 10, 9, 0, 0, TimeSpan.Zero);
        admin = await _app.SignedInClientAsync();
        await CloseAsync(admin, pulse);
        var checkIn = await RunAsync(admin, "Two teams' check-in", "2026-08-10", "2026-08-31", ["T1", "T3"], answer: 2);
        _app.Clock.Now = new DateTimeOffset(2026, 9, 10, 9, 0, 0, TimeSpan.Zero);
        admin = await _app.SignedInClientAsync();
        await CloseAsync(admin, checkIn);
        _app.Clock.Now = TestApp.Today;
        admin = await _app.SignedInClientAsync();
        var checkInUnits = (await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{checkIn}/results")))["heatmap"]!.AsArray();
        Assert.Equal(["ORG", "DIR-A", "T1", "DIR-B", "T3"], checkInUnits.Select(r => r!["unit"]!.GetValue<string>()));
        var autumn = await RunAsync(admin, "Autumn diagnostic", "2026-11-01", "2026-11-30", ["T1", "T2", "T3", "T4"], answer: 4);
        await CloseAsync(admin, autumn);

        async Task<JsonNode?> VersusAsync(string unit) =>
            (await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{autumn}/results/units/{unit}")))["scales"]![0]!["versusPreviousWave"];

        // The trust was surveyed whole in spring, not in the pulse nor the check-in of two teams: its change is
        // against spring (4 − 3), although the check-in's results have a trust too.
        Assert.Equal("Spring diagnostic", (await VersusAsync("ORG"))!["against"]!.GetValue<string>());
        Assert.Equal(1, (await VersusAsync("ORG"))!["difference"]!.GetValue<double>(), 9);
        // Directorate A's teams were all in the pulse, its latest survey of the same teams (4 − 6).
        Assert.Equal("Summer pulse", (await VersusAsync("DIR-A"))!["against"]!.GetValue<string>());
        Assert.Equal(-2, (await VersusAsync("DIR-A"))!["difference"]!.GetValue<double>(), 9);
        Assert.Equal("Spring diagnostic", (await VersusAsync("DIR-B"))!["against"]!.GetValue<string>());
        // The check-in surveyed Team One but not Team Two, so it is Team One's latest (4 − 2), not Directorate A's.
        Assert.Equal("Two teams' check-in", (await VersusAsync("T1"))!["against"]!.GetValue<string>());
        Assert.Equal(2, (await VersusAsync("T1"))!["difference"]!.GetValue<double>(), 9);

        // In the check-in, Directorate A is Team One alone: no earlier wave surveyed just that, so it is not compared,
        // and its page, reached from the check-in's heatmap, says why.
        var checkInDirectorate = (await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{checkIn}/results/units/DIR-A")))["scales"]![0]!;
        Assert.Null(checkInDirectorate["versusPreviousWave"]);
        var heatmap = WorkspaceClient.Parse(await admin.GetStringAsync($"/workspace/campaigns/{checkIn}/results"));
        var link = heatmap.QuerySelectorAll("table.heatmap a").Single(a => a.TextContent.Contains("Directorate A", StringComparison.Ordinal)).GetAttribute("href")!;
        var page = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync(link));
        Assert.Contains("Compared with the previous wave: not available (no earlier wave surveyed the same teams here, and a wave of other teams would not be a like-for-like comparison", page, StringComparison.Ordinal);
    }

    /// <summary>
    /// A psychological-safety campaign of the given teams, opened, with six responses per team (twelve in T1), half
    /// answering <paramref name="answer"/> and half one more to every item, so every team's mean is answer + ½.
    /// </summary>
    private async Task<string> RunAsync(HttpClient admin, string title, string opensOn, string closesOn, string[] teams, int answer)
    {
        var created = await TestApp.ReadObjectAsync(await admin.PostAsJsonAsync("/api/campaigns", new
        {
            title, opensOn, closesOn, instruments = new[] { new { id = "psychological-safety" } }, units = teams,
        }));
        var id = created["id"]!.GetValue<string>();
        var opened = await admin.PostAsync($"/api/campaigns/{id}/open", null);
        opened.EnsureSuccessStatusCode();
        foreach (var unit in created["units"]!.AsArray())
        {
            var code = unit!["accessCode"]!.GetValue<string>();
            for (var i = 0; i < (unit["code"]!.GetValue<string>() == "T1" ? 12 : 6); i++)
            {
                var given = answer + (i % 2);
                await Scenario.SubmitAsync(_app, Scenario.Submission(_app, code, item => item.Reverse ? 8 - given : given));
            }
        }

        return id;
    }

    private static async Task<HttpResponseMessage> CloseAsync(HttpClient admin, string id)
    {
        var closed = await admin.PostAsync($"/api/campaigns/{id}/close", null);
        closed.EnsureSuccessStatusCode();
        return closed;
    }
}
