using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Edges;

/// <summary>
/// The CSV imports say "at most 2 MB": on real Kestrel (the in-memory server enforces no body limit) a
/// 1.5 MB file goes through, a 3 MB one is refused in words on the page and with problem details on the
/// API, and every other endpoint keeps the server's 1 MiB cap.
/// </summary>
public sealed class UploadLimitTests : IDisposable
{
    private readonly TestApp _app = new(kestrelPort: 0);

    public void Dispose() => _app.Dispose();

    /// <summary>A valid structure of about <paramref name="bytes"/> bytes: a root and teams with long names.</summary>
    private static string StructureCsv(int bytes)
    {
        var csv = new StringBuilder("code,name,parent_code,headcount\nROOT,Big Trust,,\n");
        for (var i = 0; csv.Length < bytes; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"T{i:D6},Team {i:D6} {new string('x', 180)},ROOT,{i % 50 + 1}\n");
        }

        return csv.ToString();
    }

    private static async Task<HttpResponseMessage> UploadPageAsync(HttpClient client, string csv)
    {
        var token = await WorkspaceClient.TokenAsync(client, "/workspace/structure");
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "structure.csv" },
        };
        return await Requests.SendAsync(client, HttpMethod.Post, "/workspace/structure/import", Requests.Html, content);
    }

    private static Task<HttpResponseMessage> UploadApiAsync(HttpClient client, string csv) =>
        client.PostAsync("/api/units/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private long Units() => _app.Count("units");

    [Fact]
    public async Task TheStructurePageTakesAOneAndAHalfMegabyteFile()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        var csv = StructureCsv(1_500_000);

        var response = await UploadPageAsync(client, csv);

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.OK,
            $"Expected the import to go through, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(csv.Count(c => c == '\n') - 1, Units());
    }

    [Fact]
    public async Task TheStructureApiTakesAOneAndAHalfMegabyteFile()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        var csv = StructureCsv(1_500_000);

        var response = await UploadApiAsync(client, csv);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(csv.Count(c => c == '\n') - 1, Units());
    }

    [Fact]
    public async Task AThreeMegabyteFileIsRefusedOnThePageInWordsNamingTheLimit()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);

        var response = await UploadPageAsync(client, StructureCsv(3_000_000));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("The file is too large", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("at most 2 MB", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, Units());
    }

    [Fact]
    public async Task AThreeMegabyteFileIsRefusedByTheApiWithProblemDetails()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);

        var response = await UploadApiAsync(client, StructureCsv(3_000_000));

        var problem = await ProblemAssert.IsProblemAsync(response, 413);
        Assert.Contains("2,097,152 bytes", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, Units());
    }

    [Fact]
    public async Task EverywhereElseTheServerStillRefusesMoreThanOneMegabyte()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        var token = await WorkspaceClient.TokenAsync(client, "/workspace/findings");
        var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("summary", new string('x', 1_500_000))]);

        var page = await Requests.SendAsync(client, HttpMethod.Post, "/workspace/findings", Requests.Html, form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("What you sent is too large", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryUploadEndpointAndOnlyThoseMayTakeTwoMegabytes()
    {
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        string Name(RouteEndpoint e) => string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []) + " /" + e.RoutePattern.RawText?.TrimStart('/');

        var uploads = endpoints.Where(e => e.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is not null)
            .ToDictionary(Name, e => e.Metadata.GetMetadata<IRequestSizeLimitMetadata>()!.MaxRequestBodySize);

        // The structure, metrics and invitee-list imports, as pages and as the API, and the actions import of the API: nothing else.
        Assert.Equal(
            ["POST /api/actions/import", "POST /api/campaigns/{id}/invitees", "POST /api/metrics/import", "POST /api/units/import", "POST /workspace/campaigns/{id}/invitations/import",
                "POST /workspace/metrics/import", "POST /workspace/structure/import"],
            uploads.Keys.Order(StringComparer.Ordinal));
        Assert.All(uploads.Values, limit => Assert.Equal(RequestLimits.MaxCsvUploadBytes + UploadLimit.Envelope, limit));
    }
}
