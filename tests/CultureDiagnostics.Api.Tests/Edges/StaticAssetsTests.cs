using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using CultureDiagnostics.Api.Tests.Support;

namespace CultureDiagnostics.Api.Tests.Edges;

/// <summary>
/// The stylesheets and the survey's script are served by MapStaticAssets at content-hashed URLs: kept for a
/// year, compressed at build time, never sniffed; under the test host and from the build output alike.
/// </summary>
public sealed class StaticAssetsTests
{
    private static async Task<string> StylesheetOfSignInAsync(HttpClient client)
    {
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/sign-in"));
        return page.QuerySelector("link[rel=stylesheet]")?.GetAttribute("href") ?? throw new InvalidOperationException("No stylesheet on /sign-in");
    }

    private static async Task AssertServedForAYearAsync(HttpClient client, string url, string contentType)
    {
        var plain = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var content = await plain.Content.ReadAsByteArrayAsync();

        foreach (var encoding in new[] { "br", "gzip" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
            var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
            Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
            Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
            Assert.NotNull(response.Headers.ETag);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            // What a browser decodes is the file itself, and smaller on the wire.
            var sent = await response.Content.ReadAsByteArrayAsync();
            Assert.True(sent.Length < content.Length, $"{url} in {encoding}: {sent.Length:N0} bytes for {content.Length:N0}");
            Assert.Equal(content, Decode(sent, encoding));
        }
    }

    private static byte[] Decode(byte[] sent, string encoding)
    {
        using var compressed = new MemoryStream(sent);
        using Stream decoder = encoding == "br"
            ? new BrotliStream(compressed, CompressionMode.Decompress)
            : new GZipStream(compressed, CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        decoder.CopyTo(decoded);
        return decoded.ToArray();
    }

    [Fact]
    public async Task EveryPageLinksItsFilesByContentHashAndTheyAreServedForAYear()
    {
        using var app = new TestApp();
        var campaign = await Scenario.OpenCampaignAsync(app);
        var client = app.CreateClient();
        var survey = new HtmlParser().ParseDocument(await client.GetStringAsync("/s/" + campaign.Code));
        var files = survey.QuerySelectorAll("link[rel=stylesheet]").Select(l => (Url: l.GetAttribute("href")!, Type: "text/css"))
            .Concat(survey.QuerySelectorAll("script[src]").Select(s => (Url: s.GetAttribute("src")!, Type: "text/javascript")))
            .Append((Url: await StylesheetOfSignInAsync(client), Type: "text/css"))
            .ToList();

        Assert.Equal(3, files.Count);
        foreach (var (url, type) in files)
        {
            Assert.Matches(@"^/(survey|workspace)-assets/[a-z]+\.[0-9a-z]{6,}\.(css|js)$", url);
            await AssertServedForAYearAsync(client, url, type);
        }
    }

    [Fact]
    public async Task AChangedFileWouldHaveAnotherUrlSoAnOldUrlIsNeverServedAsNew()
    {
        using var app = new TestApp();
        var client = app.CreateClient();
        var stylesheet = await StylesheetOfSignInAsync(client);

        // The hash is the content's: a made-up one is no file at all.
        var other = stylesheet[..stylesheet.LastIndexOf('.', stylesheet.Length - 5)] + ".0000000000.css";
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(other)).StatusCode);
    }

    [Fact]
    public async Task TheIconEveryBrowserAsksForIsThere()
    {
        using var app = new TestApp();
        using var client = app.CreateClient();
        var icon = await client.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.StartsWith("image/", icon.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var bytes = await icon.Content.ReadAsByteArrayAsync();
        Assert.Equal([0, 0, 1, 0], bytes[..4]); // an icon file's signature
    }

    [Fact]
    public async Task TheBuildOutputStartedInProductionServesThemToo()
    {
        using var directory = new TempDirectory("cd-assets");
        using var server = new ServerProcess(directory.Path, ServerProcess.FreePort());
        await server.StartAsync("/health/ready", TimeSpan.FromSeconds(90));
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        await AssertServedForAYearAsync(client, await StylesheetOfSignInAsync(client), "text/css");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/survey-assets/survey.js")).StatusCode);

        // The console says where the change team and the board go, and those addresses answer.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!server.Output.Contains("Dashboard:", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
        }

        var root = server.BaseAddress.ToString().TrimEnd('/');
        Assert.Contains($"Workspace: {root}/workspace ", server.Output, StringComparison.Ordinal);
        Assert.Contains($"Dashboard: {root}/dashboard/latest ", server.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/workspace")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/favicon.ico")).StatusCode);
    }
}
