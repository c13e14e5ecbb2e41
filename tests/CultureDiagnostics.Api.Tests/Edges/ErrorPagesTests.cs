using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;
using CultureDiagnostics.Data.Accounts;
using Dapper;

namespace CultureDiagnostics.Api.Tests.Edges;

/// <summary>
/// Every error a person can meet in a browser is a page in words with the right status; the API, and
/// clients that ask for JSON, get problem details for the same error.
/// </summary>
public sealed class ErrorPagesTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private sealed record Visit(HttpClient Client, HttpMethod Method, string Url, HttpContent? Content = null);

    /// <summary>Where a person meets each status: what they asked for, as whom.</summary>
    private async Task<Visit> VisitFor(int status) => status switch
    {
        400 => new(await WorkspaceClient.SignedInAsync(_app), HttpMethod.Post, "/workspace/findings",
            new FormUrlEncodedContent([new("summary", "A form without its anti-forgery token")])),
        403 => new(await WorkspaceClient.SignedInAsync(_app, Roles.Board), HttpMethod.Get, "/workspace/structure"),
        404 => new(WorkspaceClient.Anonymous(_app), HttpMethod.Get, "/workspace/no-such-page"),
        405 => new(await WorkspaceClient.SignedInAsync(_app), HttpMethod.Get, "/workspace/structure/import"),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> AssertPageAsync(HttpResponseMessage response, int status, string heading)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {html}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = new HtmlParser().ParseDocument(html);
        Assert.Equal(heading, page.QuerySelector("main h1")?.TextContent.Trim());
        Assert.StartsWith(heading, page.Title, StringComparison.Ordinal);
        // Words a person can act on, not a code: at least one sentence and the way back.
        Assert.NotEmpty(page.QuerySelectorAll("main p"));
        Assert.NotNull(page.QuerySelector("link[rel=stylesheet][href^='/workspace-assets/']"));
        return page;
    }

    [Theory]
    [InlineData(400, "There is a problem with what was sent")]
    [InlineData(403, "Not allowed")]
    [InlineData(404, "Page not found")]
    [InlineData(405, "This page cannot do that")]
    public async Task ABrowserGetsAPageInWordsAndAnApiClientProblemDetails(int status, string heading)
    {
        var browser = await VisitFor(status);
        var page = await Requests.SendAsync(browser.Client, browser.Method, browser.Url, Requests.Html, browser.Content);
        await AssertPageAsync(page, status, heading);

        var api = await VisitFor(status);
        var problem = await Requests.SendAsync(api.Client, api.Method, api.Url, Requests.Json, api.Content);
        await ProblemAssert.IsProblemAsync(problem, status);
    }

    [Theory]
    [InlineData("/api/no-such-thing", 404)]
    [InlineData("/api/campaigns/no-such-id", 404)]
    public async Task TheApiAnswersProblemDetailsEvenToABrowser(string url, int status)
    {
        var admin = await WorkspaceClient.SignedInAsync(_app);

        await ProblemAssert.IsProblemAsync(await Requests.SendAsync(admin, HttpMethod.Get, url, Requests.Html), status);
    }

    [Fact]
    public async Task TooManySignInsGiveAPageToABrowserAndProblemDetailsToTheApi()
    {
        using var app = new TestApp(settings: new Dictionary<string, string?> { ["CultureDiagnostics:RateLimits:SignInsPerMinute"] = "1" });
        var client = WorkspaceClient.Anonymous(app);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/auth/sign-in", new { email = "nobody@test.example", password = "guess-one" }), 401);

        var page = await WorkspaceClient.PostFormAsync(client, "/sign-in", "/sign-in", ("email", "nobody@test.example"), ("password", "guess-two"));
        var api = await client.PostAsJsonAsync("/api/auth/sign-in", new { email = "nobody@test.example", password = "guess-three" });

        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Too many sign-in attempts", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(api, 429);
    }

    [Fact]
    public async Task AFailureInsideThePlatformIsAPageWithAReferenceAndNothingOfTheException()
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        using (var db = _app.OpenDatabase())
        {
            db.Execute("ALTER TABLE campaign_instruments RENAME TO campaign_instruments_gone");
        }

        var page = await AssertPageAsync(
            await Requests.SendAsync(campaign.Admin, HttpMethod.Get, "/workspace/campaigns", Requests.Html), 500, "Sorry, there is a problem with the platform");
        await ProblemAssert.IsProblemAsync(await Requests.SendAsync(campaign.Admin, HttpMethod.Get, "/workspace/campaigns", Requests.Json), 500);

        var text = page.DocumentElement.OuterHtml;
        foreach (var leak in new[] { "campaign_instruments", "SQLite", "SELECT", "Exception", ".cs:line", "CultureDiagnostics.", "stack" })
        {
            Assert.DoesNotContain(leak, text, StringComparison.OrdinalIgnoreCase);
        }

        // The reference is the request's trace id, which finds the failure in the logs.
        Assert.Matches("^[0-9a-f]{32}$", page.QuerySelector("main code")?.TextContent);
    }

    [Fact]
    public async Task AnErrorPageIsNeverCached()
    {
        var page = await Requests.SendAsync(WorkspaceClient.Anonymous(_app), HttpMethod.Get, "/no/such/page", Requests.Html);

        await AssertPageAsync(page, 404, "Page not found");
        Assert.True(page.Headers.CacheControl?.NoStore, "An error page must not be cached");
    }
}
