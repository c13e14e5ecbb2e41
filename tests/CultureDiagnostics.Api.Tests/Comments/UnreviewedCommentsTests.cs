using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;
using CultureDiagnostics.Data.Accounts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Comments;

/// <summary>
/// Whatever anyone reads of what the platform publishes (every page a board member or an analyst reaches by links,
/// every GET of the API, the workbook's every part), a comment nobody has reviewed, a withheld comment and the words
/// a reviewer removed are in none of it. The review queue is the one place the change team reads unreviewed comments.
/// </summary>
public sealed class UnreviewedCommentsTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private static string Marker(int i) => $"quokka{i:00}z";

    private static string Secret(int i) => $"wombat{i:00}z";

    [Fact]
    public async Task UnreviewedAndWithheldCommentsAndRemovedWordsAppearInNoPublishedOutput()
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        var i = 0;
        foreach (var code in new[] { campaign.Code, campaign.SecondCode })
        {
            for (var r = 0; r < 12; r++, i++)
            {
                var submission = Scenario.ValidSubmission(_app, code);
                submission["comments"] = new JsonArray(new JsonObject
                {
                    ["instrument"] = "psychological-safety", ["item"] = "ps-comment", ["text"] = $"Remark {Marker(i)} about the rota, told to {Secret(i)}.",
                });
                await Scenario.SubmitAsync(_app, submission);
            }
        }

        var id = campaign.CampaignId;
        (await campaign.Admin.PostAsync($"/api/campaigns/{id}/close", null)).EnsureSuccessStatusCode();
        var analyst = await WorkspaceClient.SignedInAsync(_app, Roles.Analyst);

        // A third published (their secret word removed), a third withheld, a third left pending.
        var (published, hidden) = (new List<string>(), new List<string>());
        foreach (var (_, comment) in await Reviewer.QueueAsync(analyst, id))
        {
            var n = int.Parse(comment["text"]!.GetValue<string>()[13..15], System.Globalization.CultureInfo.InvariantCulture);
            hidden.Add(Secret(n));
            switch (n % 3)
            {
                case 0:
                    (await Reviewer.DecideAsync(analyst, id, comment["id"]!.GetValue<string>(), new { decision = "publish", phrases = new[] { Secret(n) } })).EnsureSuccessStatusCode();
                    published.Add(Marker(n));
                    break;
                case 1:
                    (await Reviewer.DecideAsync(analyst, id, comment["id"]!.GetValue<string>(), new { decision = "withhold" })).EnsureSuccessStatusCode();
                    hidden.Add(Marker(n));
                    break;
                default:
                    hidden.Add(Marker(n));
                    break;
            }
        }

        Assert.Equal(8, published.Count);
        var board = await WorkspaceClient.SignedInAsync(_app, Roles.Board);
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (reader, start) in new[] { (board, new[] { "/dashboard/latest" }), (analyst, ["/workspace", $"/workspace/campaigns/{id}", "/dashboard/latest"]) })
        {
            // Every page but the review queue itself.
            foreach (var (url, html) in await PageCrawler.CrawlAsync(reader, start, skip: url => url.EndsWith("/comments", StringComparison.Ordinal)))
            {
                outputs[url] = html;
            }

            foreach (var url in ApiUrls(id))
            {
                outputs["api " + url] = await ReadAsync(reader, url);
            }
        }

        Assert.Contains(outputs.Keys, k => k.StartsWith("/dashboard/", StringComparison.Ordinal));
        Assert.Contains(outputs.Keys, k => k.Contains("/results/units/", StringComparison.Ordinal));
        Assert.True(outputs.Count >= 20, $"Only {outputs.Count} outputs read: {string.Join(", ", outputs.Keys)}");
        // The readers see the published comments (the API publishes comments; no page or export does yet).
        var everything = string.Join("\n", outputs.Values);
        Assert.All(published, marker => Assert.Contains(marker, everything, StringComparison.Ordinal));
        foreach (var (url, text) in outputs)
        {
            Assert.All(hidden, word => Assert.False(text.Contains(word, StringComparison.Ordinal), $"{url} shows '{word}'"));
        }
    }

    /// <summary>Every GET of the API about a campaign, with each unit and demographic question in its place.</summary>
    private List<string> ApiUrls(string id)
    {
        var units = new[] { "ORG", "DIR-A", "TEAM-1", "TEAM-2" };
        var questions = Scenario.Instrument(_app).Demographics.Select(d => d.Id).DefaultIfEmpty("none").ToList();
        var urls = new List<string>();
        foreach (var endpoint in _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
            if (!pattern.StartsWith("/api/", StringComparison.Ordinal) || !methods.Contains("GET") || pattern.Contains("comment-review", StringComparison.Ordinal))
            {
                continue;
            }

            IEnumerable<string> expanded = [pattern.Replace("{id}", id, StringComparison.Ordinal).Replace("{campaignId}", id, StringComparison.Ordinal)];
            expanded = expanded.SelectMany(u => u.Contains("{code}", StringComparison.Ordinal) ? units.Select(c => u.Replace("{code}", c, StringComparison.Ordinal)) : [u]);
            expanded = expanded.SelectMany(u => u.Contains("{question}", StringComparison.Ordinal) ? questions.Select(q => u.Replace("{question}", q, StringComparison.Ordinal)) : [u]);
            urls.AddRange(expanded.Where(u => !u.Contains('{', StringComparison.Ordinal)));
        }

        // Comments are asked for by unit in the query.
        urls.AddRange(units.Select(u => $"/api/campaigns/{id}/comments?unit={u}"));
        return urls;
    }

    /// <summary>A response's text; a workbook's every part.</summary>
    private static async Task<string> ReadAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.Content.Headers.ContentType?.MediaType?.Contains("spreadsheetml", StringComparison.Ordinal) != true)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        using var zip = new ZipArchive(new MemoryStream(bytes));
        var text = new StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(await reader.ReadToEndAsync());
        }

        Assert.True(text.Length > 1000, "The workbook was read");
        return text.ToString();
    }
}
