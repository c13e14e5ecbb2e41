using System.Net;
using System.Net.Http.Json;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Accounts;

namespace CultureDiagnostics.Api.Tests.Workspace;

/// <summary>
/// The promises of the change team's forms: the same rule as the JSON API, an error summary in words whose
/// every link lands on a field marked invalid, a token on every post, and nothing from the address bar echoed.
/// </summary>
public sealed class PageFormsTests : IDisposable
{
    /// <summary>JSON property names of the API: a person filling in a form must never read them.</summary>
    private static readonly string[] JsonNames =
        ["opensOn", "closesOn", "scoreThreshold", "commentThreshold", "invitationsOnly", "parentCode", "units[", "instruments[", "row 2:"];

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<HttpClient> ChangeTeamWithStructureAsync()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        (await client.PostAsync("/api/units/import", new StringContent(Scenario.StructureCsv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        return client;
    }

    private static (string Name, string Value)[] Campaign(params (string Name, string Value)[] units) =>
    [
        ("title", "Winter wave"), ("opensOn", "2026-11-01"), ("closesOn", "2026-11-30"), ("instruments", "psychological-safety"),
        .. units, ("scoreThreshold", "5"), ("commentThreshold", "10"),
    ];

    private static List<string> SummaryMessages(IDocument page) =>
        page.QuerySelectorAll(".error-summary li a").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task TheCampaignFormRefusesATeamListedTwiceWithTheApisWords()
    {
        var client = await ChangeTeamWithStructureAsync();
        var page = await WorkspaceClient.PostFormAsync(client, "/workspace/campaigns", "/workspace/campaigns", Campaign(("units", "TEAM-1"), ("units", "TEAM-1")));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var messages = SummaryMessages(await WorkspaceClient.ParseAsync(page));

        var api = await client.PostAsJsonAsync("/api/campaigns", new
        {
            title = "Winter wave", opensOn = "2026-11-01", closesOn = "2026-11-30",
            instruments = new[] { new { id = "psychological-safety" } }, units = new[] { "TEAM-1", "TEAM-1" },
        });
        var apiMessages = await ProblemAssert.HasFieldErrorAsync(api, "units[1]");

        Assert.Equal("The unit 'TEAM-1' is listed twice.", Assert.Single(apiMessages));
        Assert.Equal(apiMessages, messages);
        Assert.Equal(0, _app.Count("campaigns"));
    }

    [Fact]
    public async Task EveryErrorSummaryLinksToAFieldThatExistsIsMarkedInvalidAndSpeaksInWords()
    {
        var client = await ChangeTeamWithStructureAsync();
        var posts = new (string Page, string Action, (string, string)[] Fields)[]
        {
            ("/workspace/campaigns", "/workspace/campaigns",
                [("title", ""), ("opensOn", "2026-11-10"), ("closesOn", "2026-11-01"), ("scoreThreshold", "2"), ("commentThreshold", "lots")]),
            // A post that names none of the form's fields: an empty form, refused in words rather than a server error.
            ("/workspace/campaigns", "/workspace/campaigns", []),
            ("/workspace/structure/units/TEAM-1", "/workspace/structure/units/TEAM-1", [("name", " "), ("headcount", "-3")]),
            ("/workspace/metrics", "/workspace/metrics", [("id", "Bad Id"), ("title", ""), ("element", "morale"), ("direction", "up"), ("target", "high")]),
            ("/workspace/findings", "/workspace/findings", [("source", "rumour"), ("element", "x"), ("kind", "good"), ("evidence", ""), ("date", "2030-01-01")]),
            ("/workspace/metrics", "/workspace/metrics/import", [("csv", "metric,period,value\nnope,2026-13,x\n")]),
            ("/workspace/structure", "/workspace/structure/import", [("csv", "code,name,parent_code\nORG2,Second trust,\n")]),
        };
        foreach (var (page, action, fields) in posts)
        {
            var response = await WorkspaceClient.PostFormAsync(client, page, action, fields);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var document = await WorkspaceClient.ParseAsync(response);
            var links = document.QuerySelectorAll(".error-summary li a").ToList();
            Assert.True(links.Count > 0, $"No error summary after {action}");
            foreach (var link in links)
            {
                var id = link.GetAttribute("href")!;
                Assert.StartsWith("#", id, StringComparison.Ordinal);
                var field = document.GetElementById(id[1..]);
                Assert.True(field is IHtmlInputElement or IHtmlSelectElement or IHtmlTextAreaElement,
                    $"{action}: the error '{link.TextContent}' links to {id}, which is no field");
                Assert.Equal("true", field!.GetAttribute("aria-invalid"));
                var message = document.GetElementById(id[1..] + "-error");
                Assert.True(message is not null, $"{action}: {id} has no inline message");
                var describedBy = field.GetAttribute("aria-describedby") ?? field.Closest("fieldset")?.GetAttribute("aria-describedby") ?? "";
                Assert.Contains(id[1..] + "-error", describedBy.Split(' '));
            }

            var text = document.Body!.TextContent;
            Assert.All(JsonNames, name => Assert.DoesNotContain(name, text, StringComparison.Ordinal));
            Assert.StartsWith("Error: ", document.Title, StringComparison.Ordinal);
        }

        Assert.Equal(0, _app.Count("campaigns") + _app.Count("metrics") + _app.Count("metric_values") + _app.Count("findings"));
        Assert.Equal(4, _app.Count("units"));
    }

    [Fact]
    public async Task ThePagesSayWhatTheFormAsksNotWhatTheApiIsSent()
    {
        var client = await ChangeTeamWithStructureAsync();
        var campaign = await WorkspaceClient.ParseAsync(await WorkspaceClient.PostFormAsync(client, "/workspace/campaigns", "/workspace/campaigns",
            ("title", "x"), ("opensOn", "2026-11-01"), ("closesOn", "2026-11-30"), ("scoreThreshold", "2")));
        Assert.Contains("The smallest group whose scores are shown must be a whole number of at least 3.", SummaryMessages(campaign));
        Assert.Contains("Choose at least one instrument.", SummaryMessages(campaign));
        var finding = await WorkspaceClient.ParseAsync(await WorkspaceClient.PostFormAsync(client, "/workspace/findings", "/workspace/findings",
            ("source", "rumour"), ("element", "teamwork"), ("kind", "strength"), ("evidence", "x"), ("date", "2026-11-01")));
        Assert.Equal(["Choose where the finding comes from."], SummaryMessages(finding));
        // What was typed comes back, to correct rather than type again.
        Assert.Equal("x", finding.GetElementById("evidence")!.TextContent);
        Assert.Equal("teamwork", ((IHtmlSelectElement)finding.GetElementById("element")!).Value);
    }

    [Theory]
    [InlineData("/workspace/structure")]
    [InlineData("/workspace/metrics")]
    public async Task TextInTheAddressBarIsNeverEchoedIntoANotice(string page)
    {
        var client = await WorkspaceClient.SignedInAsync(_app, Roles.Analyst);
        const string attack = "<script>alert('owned')</script>";
        var response = await client.GetAsync($"{page}?imported={Uri.EscapeDataString(attack)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(WorkspaceClient.Parse(html).QuerySelectorAll("[role=status]"));

        var words = await client.GetStringAsync($"{page}?imported=twelve%20units%20and%20a%20refund");
        Assert.DoesNotContain("refund", words, StringComparison.Ordinal);
        var count = WorkspaceClient.Parse(await client.GetStringAsync($"{page}?imported=12"));
        Assert.StartsWith("Imported 12 ", count.QuerySelector("[role=status]")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APostWithoutTheTokenIsRefusedEvenWhenTheHandlerReadsNoField()
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        var client = await WorkspaceClient.SignedInAsync(_app);
        var finding = await client.PostAsJsonAsync("/api/findings", new { source = "board-interviews", element = "teamwork", kind = "strength", evidence = "x", date = "2026-10-01" });
        var findingId = (await TestApp.ReadObjectAsync(finding))["id"]!.GetValue<string>();

        // Each of these forms carries nothing but the token: binding no field, only the deliberate check refuses them.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"/workspace/campaigns/{campaign.CampaignId}/close", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"/workspace/campaigns/{campaign.CampaignId}/close", JsonContent.Create(new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"/workspace/campaigns/{campaign.CampaignId}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"/workspace/findings/{findingId}/delete", new FormUrlEncodedContent([]))).StatusCode);
        var forged = new FormUrlEncodedContent([new(WorkspaceClient.TokenField, "made-up")]);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"/workspace/campaigns/{campaign.CampaignId}/close", forged)).StatusCode);
        Assert.Equal("open", (await TestApp.ReadObjectAsync(await client.GetAsync($"/api/campaigns/{campaign.CampaignId}")))["status"]!.GetValue<string>());
        Assert.Equal(1, _app.Count("findings"));

        var page = $"/workspace/campaigns/{campaign.CampaignId}";
        Assert.Equal(HttpStatusCode.Redirect, (await WorkspaceClient.PostFormAsync(client, page, $"{page}/close")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await WorkspaceClient.PostFormAsync(client, $"/workspace/findings/{findingId}/delete", $"/workspace/findings/{findingId}/delete")).StatusCode);
        Assert.Equal(0, _app.Count("findings"));
    }

    [Fact]
    public async Task DeletingAFindingAsksFirstAndShowsWhichOne()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        (await client.PostAsJsonAsync("/api/findings", new { source = "board-interviews", element = "teamwork", kind = "strength", evidence = "Handovers are calm.", date = "2026-10-01" }))
            .EnsureSuccessStatusCode();

        // The list's link leads to a page that names the finding; nothing is deleted by following it.
        var list = WorkspaceClient.Parse(await client.GetStringAsync("/workspace/findings"));
        var link = list.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Delete this finding", StringComparison.Ordinal)).GetAttribute("href")!;
        var confirm = WorkspaceClient.Parse(await client.GetStringAsync(link));
        Assert.Contains("Handovers are calm.", confirm.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/workspace/findings", confirm.QuerySelectorAll("a").Single(a => a.TextContent == "Keep it").GetAttribute("href"));
        Assert.Equal(1, _app.Count("findings"));

        var form = confirm.QuerySelector("form.actions")!;
        Assert.Equal("Delete it", form.QuerySelector("button")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await WorkspaceClient.PostFormAsync(client, link, form.GetAttribute("action")!)).StatusCode);
        Assert.Equal(0, _app.Count("findings"));

        // The page of a finding already deleted goes back to the list.
        var gone = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, gone.StatusCode);
        Assert.Equal("/workspace/findings", gone.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AFindingIsCorrectedFromTheListsLinkWithItsFieldsAsStoredAndABadCorrectionChangesNothing()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        var recorded = await WorkspaceClient.SubmitAsync(client, "/workspace/findings", "form[action='/workspace/findings']",
            ("source", "board-interviews"), ("element", "teamwork"), ("kind", "area-to-develop"), ("evidence", "Silos between directorates."), ("date", "2026-10-01"));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var list = WorkspaceClient.Parse(await client.GetStringAsync(recorded.Headers.Location!.OriginalString));
        Assert.Equal("The finding is recorded.", list.QuerySelector("[role=status]")!.TextContent.Trim());

        // The list's link opens the finding's fields as stored.
        var link = list.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Edit this finding", StringComparison.Ordinal)).GetAttribute("href")!;
        var edit = WorkspaceClient.Parse(await client.GetStringAsync(link));
        Assert.Equal("Silos between directorates.", edit.GetElementById("evidence")!.TextContent);
        Assert.Equal("teamwork", ((IHtmlSelectElement)edit.GetElementById("element")!).Value);
        Assert.Equal("2026-10-01", edit.GetElementById("date")!.GetAttribute("value"));

        // A bad correction: the page again with the problems in words, linked to the fields; nothing changes.
        var bad = await WorkspaceClient.SubmitAsync(client, edit, "main form", ("evidence", " "), ("date", "2026-02-30"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problems = await WorkspaceClient.ParseAsync(bad);
        Assert.Equal(["#evidence", "#date"], problems.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")!).ToArray());
        Assert.Contains("Silos between directorates.", await client.GetStringAsync("/workspace/findings"), StringComparison.Ordinal);

        // Corrected from the page shown: every field replaced, the evidence redacted again, the list says so.
        var saved = await WorkspaceClient.SubmitAsync(client, problems, "main form",
            ("element", "learning-and-innovation"), ("kind", "strength"), ("evidence", "Matron Kelly runs a learning huddle."), ("date", "2026-10-02"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = WorkspaceClient.Parse(await client.GetStringAsync(saved.Headers.Location!.OriginalString));
        Assert.Equal("The finding is corrected.", after.QuerySelector("[role=status]")!.TextContent.Trim());
        var row = after.QuerySelector("tbody tr")!;
        Assert.Contains("Learning and innovation", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("runs a learning huddle", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Kelly", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Silos", after.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, _app.Count("findings"));
    }

    [Fact]
    public async Task AnUnknownCampaignOrUnitIsAPageInWords()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        var campaign = await client.GetAsync("/workspace/campaigns/no-such-campaign");
        Assert.Equal(HttpStatusCode.NotFound, campaign.StatusCode);
        Assert.Contains("No campaign has the id no-such-campaign.", (await WorkspaceClient.ParseAsync(campaign)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var opened = await WorkspaceClient.PostFormAsync(client, "/workspace/campaigns", "/workspace/campaigns/no-such-campaign/open");
        Assert.Equal(HttpStatusCode.NotFound, opened.StatusCode);
        var unit = await client.GetAsync("/workspace/structure/units/NOPE");
        Assert.Equal(HttpStatusCode.NotFound, unit.StatusCode);
        Assert.Contains("No unit has the code NOPE.", (await WorkspaceClient.ParseAsync(unit)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStructureFileOfOneAndAHalfMegabytesIsTakenByTheFormOnARealServer()
    {
        // The server refuses bodies over 1 MiB unless an endpoint says otherwise; the page promises "at most 2 MB".
        using var app = new TestApp(kestrelPort: 0);
        var client = await WorkspaceClient.SignedInAsync(app);
        var csv = new StringBuilder("code,name,parent_code,headcount\nORG,Trust,,\n");
        for (var i = 0; csv.Length < 1_500_000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"U{i:D5},{new string('n', 180)} {i},ORG,3\n");
        }

        var content = new MultipartFormDataContent
        {
            { new StringContent(await WorkspaceClient.TokenAsync(client, "/workspace/structure")), WorkspaceClient.TokenField },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", "structure.csv" },
        };
        // A client of a real server follows the redirect: it lands on the structure with the count imported.
        var response = await client.PostAsync("/workspace/structure/import", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var imported = app.Count("units");
        Assert.True(imported > 7000, $"{imported} units imported");
        Assert.Equal($"Imported {imported} units.", (await WorkspaceClient.ParseAsync(response)).QuerySelector("[role=status]")?.TextContent.Trim());
    }
}
