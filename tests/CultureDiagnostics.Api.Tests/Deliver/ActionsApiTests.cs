using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;
using CultureDiagnostics.Data.Accounts;

namespace CultureDiagnostics.Api.Tests.Deliver;

/// <summary>
/// Phase 3 action plans through the API: the change team records an action from a chosen intervention with an owner,
/// units, dates and measures, and moves it on; the board reads them with what is overdue; every wrong field is named
/// and nothing is stored.
/// </summary>
public sealed class ActionsApiTests : IDisposable
{
    private readonly TestApp _app = new(demo: true);

    public void Dispose() => _app.Dispose();

    private string Day(int days) => DateOnly.FromDateTime(_app.Clock.GetUtcNow().UtcDateTime).AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private object Action(string? title = "Reverse mentoring for the executive team", string? element = "equity-and-inclusion", string? intervention = "reverse-mentoring",
        string? ownerName = "Priya Shah", string[]? units = null, string? startsOn = null, string? dueOn = null, string? status = "planned", object[]? measures = null) => new
    {
        title, element, intervention, ownerName, ownerRole = "Director of People", units = units ?? ["COR", "NVT"], startsOn = startsOn ?? Day(0), dueOn = dueOn ?? Day(90), status,
        notes = "Pairs chosen by the staff networks.",
        measures = measures ?? [new { kind = "scale", instrument = "psychological-safety", scale = "psychological-safety" }, new { kind = "metric", metric = "senior-roles-ethnic-minority" }],
    };

    [Fact]
    public async Task TheChangeTeamRecordsAnActionAndMovesItOnAndTheBoardReadsItWithWhatIsOverdue()
    {
        var analyst = await _app.SignedInClientAsync(Roles.Analyst);
        var created = await analyst.PostAsJsonAsync("/api/actions", Action());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var action = await TestApp.ReadObjectAsync(created);
        Assert.Equal(["COR", "NVT"], action["units"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.Equal("reverse-mentoring", action["intervention"]!.GetValue<string>());
        Assert.Equal(["scale:psychological-safety/psychological-safety", "metric:senior-roles-ethnic-minority"],
            action["measures"]!.AsArray().Select(m => $"{m!["kind"]}:{m["reference"]}"));
        Assert.False(action["overdue"]!.GetValue<bool>());

        var id = action["id"]!.GetValue<string>();
        var moved = await analyst.PutAsJsonAsync($"/api/actions/{id}", Action(status: "in-progress", startsOn: Day(-100), dueOn: Day(-1)));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        var board = await _app.SignedInClientAsync(Roles.Board);
        var read = await TestApp.ReadObjectAsync(await board.GetAsync($"/api/actions/{id}"));
        Assert.Equal("in-progress", read["status"]!.GetValue<string>());
        Assert.True(read["overdue"]!.GetValue<bool>());
        var all = await TestApp.ReadArrayAsync(await board.GetAsync("/api/actions"));
        Assert.Contains(all, a => a!["id"]!.GetValue<string>() == id);
        Assert.Equal(HttpStatusCode.Forbidden, (await board.PostAsJsonAsync("/api/actions", Action())).StatusCode);
        var lead = await _app.SignedInClientAsync(Roles.UnitLead, "SUR");
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/api/actions")).StatusCode);

        // Done is not overdue, however late.
        (await analyst.PutAsJsonAsync($"/api/actions/{id}", Action(status: "done", startsOn: Day(-100), dueOn: Day(-1)))).EnsureSuccessStatusCode();
        Assert.False((await TestApp.ReadObjectAsync(await board.GetAsync($"/api/actions/{id}")))["overdue"]!.GetValue<bool>());
    }

    [Fact]
    public async Task EveryWrongFieldIsNamedAndNothingIsStored()
    {
        var analyst = await _app.SignedInClientAsync(Roles.Analyst);
        var before = (await TestApp.ReadArrayAsync(await analyst.GetAsync("/api/actions"))).Count;
        var cases = new (object Body, string Field)[]
        {
            (Action(title: " "), "title"),
            (Action(element: "kindness"), "element"),
            (Action(intervention: "no-such-thing"), "intervention"),
            (Action(intervention: "team-goals"), "intervention"),
            (Action(ownerName: ""), "ownerName"),
            (Action(units: []), "units"),
            (Action(units: ["NOWHERE"]), "units"),
            (Action(dueOn: Day(-5)), "dueOn"),
            (Action(status: "paused"), "status"),
            (Action(measures: []), "measures"),
            (Action(measures: [new { kind = "scale", instrument = "psychological-safety", scale = "courage" }]), "measures"),
            (Action(measures: [new { kind = "metric", metric = "coffee-consumption" }]), "measures"),
        };
        foreach (var (body, field) in cases)
        {
            await ProblemAssert.HasFieldErrorAsync(await analyst.PostAsJsonAsync("/api/actions", body), field);
        }

        Assert.Equal(before, (await TestApp.ReadArrayAsync(await analyst.GetAsync("/api/actions"))).Count);
        await ProblemAssert.IsProblemAsync(await analyst.PutAsJsonAsync("/api/actions/unknown-id", Action()), 404);
        await ProblemAssert.IsProblemAsync(await analyst.GetAsync("/api/actions/unknown-id"), 404);
    }

    [Fact]
    public async Task TheDemoHasActionsFromTheAutumnSynthesisOneOfThemOverdue()
    {
        var board = await _app.SignedInClientAsync(Roles.Board);
        var all = await TestApp.ReadArrayAsync(await board.GetAsync("/api/actions"));
        Assert.Equal(3, all.Count);
        Assert.Single(all, a => a!["overdue"]!.GetValue<bool>());
        Assert.All(all, a => Assert.NotEmpty(a!["measures"]!.AsArray()));
    }

    [Fact]
    public async Task AVolunteerPlansAnActionFromAnInterventionOnTheSynthesisPageAndMovesItOn()
    {
        var analyst = await WorkspaceClient.SignedInAsync(_app, Roles.Analyst);
        var home = WorkspaceClient.Parse(await analyst.GetStringAsync("/workspace"));
        var synthesis = WorkspaceClient.Parse(await analyst.GetStringAsync(home.QuerySelectorAll("nav a").Single(a => a.TextContent == "Synthesis").GetAttribute("href")!));
        var plan = synthesis.QuerySelectorAll("a").First(a => a.TextContent.StartsWith("Plan an action", StringComparison.Ordinal));
        var intervention = Uri.UnescapeDataString(plan.GetAttribute("href")!.Split("intervention=")[1]);
        var formPath = plan.GetAttribute("href")!;

        // The form comes with the element and the intervention chosen; without an owner or units, it says so and stores nothing.
        var form = WorkspaceClient.Parse(await analyst.GetStringAsync(formPath));
        Assert.Equal(intervention, form.QuerySelector("#intervention option[selected]")!.GetAttribute("value"));
        var before = (await TestApp.ReadArrayAsync(await analyst.GetAsync("/api/actions"))).Count;
        var refused = await WorkspaceClient.SubmitAsync(analyst, formPath, "main form", ("title", "Coaching for ward leaders"), ("dueOn", Day(60)));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await WorkspaceClient.ParseAsync(refused);
        foreach (var field in new[] { "ownerName", "units", "measures" })
        {
            Assert.NotNull(page.QuerySelector($".error-summary a[href='#{field}']"));
        }

        Assert.Equal("Coaching for ward leaders", page.QuerySelector("#title")!.GetAttribute("value"));
        Assert.Equal(before, (await TestApp.ReadArrayAsync(await analyst.GetAsync("/api/actions"))).Count);

        // Ticking units and measures as a person does, then planning it.
        var values = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", page.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("title", "Coaching for ward leaders"), new("element", page.QuerySelector("#element option[selected]")!.GetAttribute("value")!), new("intervention", intervention),
            new("ownerName", "Jo Bright"), new("ownerRole", "Matron"), new("units", "MED"), new("units", "SUR"), new("startsOn", Day(0)), new("dueOn", Day(60)),
            new("status", "planned"), new("notes", ""), new("measures", "scale:psychological-safety/psychological-safety"), new("measures", "metric:sickness-absence"),
        };
        var planned = await analyst.PostAsync(page.QuerySelector("main form")!.GetAttribute("action"), new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        var list = WorkspaceClient.Parse(await analyst.GetStringAsync(planned.Headers.Location!.OriginalString));
        var change = WorkspaceClient.LinkTo(list, "Change Coaching for ward leaders");
        var edit = WorkspaceClient.Parse(await analyst.GetStringAsync(change));
        Assert.Equal(["MED", "SUR"], edit.QuerySelectorAll("input[name=units][checked]").Select(i => i.GetAttribute("value")));
        Assert.Equal(HttpStatusCode.Redirect, (await WorkspaceClient.SubmitAsync(analyst, change, "main form", ("status", "in-progress"))).StatusCode);
        var stored = (await TestApp.ReadArrayAsync(await analyst.GetAsync("/api/actions"))).Single(a => a!["title"]!.GetValue<string>() == "Coaching for ward leaders")!;
        Assert.Equal("in-progress", stored["status"]!.GetValue<string>());
        Assert.Equal(2, stored["measures"]!.AsArray().Count);
    }

    [Fact]
    public async Task AnActionsFileIsImportedWholeOrNotAtAll()
    {
        var analyst = await _app.SignedInClientAsync(Roles.Analyst);
        var before = (await TestApp.ReadArrayAsync(await analyst.GetAsync("/api/actions"))).Count;
        const string Header = "title,element,intervention,owner_name,owner_role,units,starts_on,due_on,status,notes,measures\r\n";
        var good = "Staff networks for every directorate,equity-and-inclusion,staff-networks,Priya Shah,,MED;SUR,2026-12-01,2027-06-30,planned,,metric:senior-roles-ethnic-minority\r\n";
        var bad = "A second one,equity-and-inclusion,,,,MED,2026-12-01,2027-06-30,planned,,metric:senior-roles-ethnic-minority\r\n";

        var refused = await analyst.PostAsync("/api/actions/import", new StringContent(Header + good + bad, System.Text.Encoding.UTF8, "text/csv"));
        var messages = await ProblemAssert.HasFieldErrorAsync(refused, "row 3: ownerName");
        Assert.NotEmpty(messages);
        Assert.Equal(before, (await TestApp.ReadArrayAsync(await analyst.GetAsync("/api/actions"))).Count);

        var imported = await analyst.PostAsync("/api/actions/import", new StringContent("\uFEFF" + Header + good, System.Text.Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        Assert.Equal(before + 1, (await TestApp.ReadArrayAsync(await analyst.GetAsync("/api/actions"))).Count);
    }
}
