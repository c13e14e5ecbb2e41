using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;
using CultureDiagnostics.Data.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Security;

/// <summary>
/// Markup and quotes put into every text a person can set (unit names, campaign titles and organisers, findings,
/// conclusions, judgements' words, metric names and units, display names, comments) must come out of every page
/// as text and never as markup, and every export must carry them as data. The pages are reached the way people
/// reach them: a crawler follows every link the pages show, as the change team and as the board.
/// </summary>
public sealed class MarkupInjectionTests : IDisposable
{
    /// <summary>Each payload closes attributes of both quote kinds and opens elements a browser would run or show.</summary>
    private static string Payload(string where) =>
        $"\"'><script data-xss=\"{where}\">alert(1)</script><img data-xss=\"{where}\" src=x onerror=alert(1)>&amp; {where}";

    private const string Marker = "data-xss";

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task MarkupInEveryTextAPersonCanSetIsNeverRenderedAsMarkupOnAnyPageOrExport()
    {
        var (campaignId, accessCode) = await FillEveryTextAsync();

        var admin = await SignedInAsync(Roles.Administrator, Payload("display-name"));
        var board = await SignedInAsync(Roles.Board, Payload("board-name"));
        var adminPages = await PageCrawler.CrawlAsync(admin, ["/workspace", "/dashboard/latest", $"/workspace/campaigns/{campaignId}"]);
        var boardPages = await PageCrawler.CrawlAsync(board, ["/dashboard/latest"]);
        var surveyPages = await PageCrawler.CrawlAsync(_app.CreateClient(), [$"/s/{accessCode}"]);

        // The crawl reached the places where each text is shown: a crawler that finds nothing proves nothing.
        Assert.True(adminPages.Count >= 10, $"The crawl reached only {adminPages.Count} pages: {string.Join(", ", adminPages.Keys)}");
        var allText = string.Concat(adminPages.Values.Concat(boardPages.Values).Concat(surveyPages.Values).Select(TextOf));
        foreach (var where in new[] { "unit-name", "campaign-title", "organiser", "finding", "conclusion", "metric-title", "display-name", "board-name", "comment" })
        {
            Assert.Contains($"data-xss=\"{where}\"", allText, StringComparison.Ordinal);
        }

        foreach (var (url, html) in adminPages.Concat(boardPages).Concat(surveyPages))
        {
            AssertNoInjectedMarkup(url, html);
        }

        await AssertJsonEscapesMarkupAsync(admin, $"/api/campaigns/{campaignId}/results");
        await AssertJsonEscapesMarkupAsync(admin, "/api/synthesis");
        await AssertJsonEscapesMarkupAsync(admin, "/api/findings");
        await AssertJsonEscapesMarkupAsync(admin, $"/api/campaigns/{campaignId}/comments");
        await AssertJsonEscapesMarkupAsync(admin, $"/api/campaigns/{campaignId}/comment-review");
        await AssertCsvIsADownloadAsync(admin, $"/api/campaigns/{campaignId}/results.csv");
        await AssertWorkbookHoldsTextAsDataAsync(admin, $"/api/campaigns/{campaignId}/synthesis.xlsx");
    }

    /// <summary>Sets every text through the API, with a closed campaign whose results, comments included, are published.</summary>
    private async Task<(string CampaignId, string AccessCode)> FillEveryTextAsync()
    {
        var admin = await _app.SignedInClientAsync();
        var csv = $"""
            code,name,parent_code,headcount
            ORG,"{Csv(Payload("unit-name"))}",,
            DIR-A,Directorate A,ORG,
            TEAM-1,"{Csv(Payload("unit-name"))} 1",DIR-A,30
            TEAM-2,Team Two,DIR-A,30
            """;
        (await admin.PostAsync("/api/units/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();

        var created = await admin.PostAsJsonAsync("/api/campaigns", new
        {
            title = Payload("campaign-title"),
            organiser = Payload("organiser"),
            opensOn = "2026-11-01",
            closesOn = "2026-11-30",
            instruments = new[] { new { id = "psychological-safety" } },
            units = new[] { "TEAM-1", "TEAM-2" },
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var campaign = await TestApp.ReadObjectAsync(created);
        var id = campaign["id"]!.GetValue<string>();
        (await admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        var codes = campaign["units"]!.AsArray().ToDictionary(u => u!["code"]!.GetValue<string>(), u => u!["accessCode"]!.GetValue<string>());

        // Enough respondents in each team for scores and comments to be published.
        foreach (var code in codes.Values)
        {
            for (var i = 0; i < 12; i++)
            {
                var submission = Scenario.Submission(_app, code, item => 2 + (i % 4));
                submission["comments"] = new JsonArray(new JsonObject
                {
                    ["instrument"] = "psychological-safety", ["item"] = "ps-comment", ["text"] = Payload("comment") + " " + i,
                });
                await Scenario.SubmitAsync(_app, submission);
            }
        }

        (await admin.PostAsJsonAsync("/api/findings", new
        {
            source = "culture-focus-groups", element = "teamwork", kind = "strength", evidence = Payload("finding"), date = "2026-11-02",
        })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/metrics", new
        {
            id = "xss-metric", title = Payload("metric-title"), element = "teamwork", direction = "increase", unit = "%",
        })).EnsureSuccessStatusCode();
        var rows = string.Concat(Enumerable.Range(1, 12).Select(m => $"xss-metric,2025-{m:00},{50 + m}\n"));
        (await admin.PostAsync("/api/metrics/import", new StringContent("metric,period,value\n" + rows, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();

        (await admin.PostAsync($"/api/campaigns/{id}/close", null)).EnsureSuccessStatusCode();
        // Half the comments reviewed and published, half still in the review queue: both places show them.
        var queue = await Reviewer.QueueAsync(admin, id);
        foreach (var (_, comment) in queue.Take(queue.Count / 2))
        {
            (await Reviewer.DecideAsync(admin, id, comment["id"]!.GetValue<string>(), new { decision = "publish" })).EnsureSuccessStatusCode();
        }

        (await admin.PutAsJsonAsync("/api/synthesis/cells", new
        {
            element = "teamwork", source = "culture-focus-groups", conclusion = Payload("conclusion"),
        })).EnsureSuccessStatusCode();

        // A second open campaign, so the survey pages (which show unit names and the organiser) can be crawled too.
        var open = await admin.PostAsJsonAsync("/api/campaigns", new
        {
            title = Payload("campaign-title") + " pulse", organiser = Payload("organiser"), opensOn = "2026-11-20", closesOn = "2026-12-20",
            instruments = new[] { new { id = "psychological-safety" } }, units = new[] { "TEAM-1" },
        });
        var pulse = await TestApp.ReadObjectAsync(open);
        (await admin.PostAsync($"/api/campaigns/{pulse["id"]!.GetValue<string>()}/open", null)).EnsureSuccessStatusCode();
        return (id, pulse["units"]!.AsArray()[0]!["accessCode"]!.GetValue<string>());
    }

    private async Task<HttpClient> SignedInAsync(string role, string displayName)
    {
        var email = $"{role}-{Guid.NewGuid():N}@test.example";
        await _app.Services.GetRequiredService<AccountStore>().CreateAsync(email, displayName, TestApp.Password, role);
        var client = WorkspaceClient.Anonymous(_app);
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password = TestApp.Password })).EnsureSuccessStatusCode();
        return client;
    }

    private static string TextOf(string html) => html.Length == 0 ? "" : new HtmlParser().ParseDocument(html).DocumentElement.TextContent;

    /// <summary>No element or attribute the payload would create exists, and the payload's raw markup is nowhere in the source.</summary>
    private static void AssertNoInjectedMarkup(string url, string html)
    {
        if (html.Length == 0)
        {
            return;
        }

        var document = new HtmlParser().ParseDocument(html);
        var injected = document.All.Where(e => e.HasAttribute(Marker) || e.HasAttribute("onerror")).Select(e => e.OuterHtml).ToList();
        Assert.True(injected.Count == 0, $"{url} renders injected markup: {string.Join(" | ", injected)}");
        Assert.DoesNotContain("<script data-xss", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img data-xss", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"'><", html, StringComparison.Ordinal);
    }

    private static async Task AssertJsonEscapesMarkupAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", body, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A CSV holds the text as data; it must be downloaded, never shown by the browser as a page.</summary>
    private static async Task AssertCsvIsADownloadAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("nosniff", response.Headers.GetValues("X-Content-Type-Options"));
    }

    /// <summary>The workbook's XML parts carry the text escaped, so the file opens and shows it as text.</summary>
    private static async Task AssertWorkbookHoldsTextAsDataAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var found = false;
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            var xml = await reader.ReadToEndAsync();
            Assert.DoesNotContain("<script data-xss", xml, StringComparison.Ordinal);
            found |= xml.Contains("data-xss=", StringComparison.Ordinal);
        }

        Assert.True(found, "The workbook shows none of the texts set: it cannot prove they are escaped.");
    }

    private static string Csv(string text) => text.Replace("\"", "\"\"", StringComparison.Ordinal);
}
