using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CultureDiagnostics.Api.Tests.Invitations;
using CultureDiagnostics.Api.Tests.Support;

namespace CultureDiagnostics.Api.Tests.Samples;

/// <summary>
/// The API's sample requests (src/CultureDiagnostics.Api/CultureDiagnostics.Api.http) run in order against the demo, as
/// a developer runs them from their editor with a mail server configured: each succeeds, except the one whose title says
/// it is bad, which gets problem details. Named responses ("# @name created") feed later requests, as REST clients do.
/// </summary>
public sealed partial class HttpSampleTests : IAsyncDisposable
{
    private readonly SmtpTestServer _smtp = SmtpTestServer.Start();
    private readonly TestApp _app;

    public HttpSampleTests() => _app = new TestApp(demo: true, settings: _smtp.Settings);

    public async ValueTask DisposeAsync()
    {
        _app.Dispose();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task EveryRequestOfTheApiSampleDoesWhatItsTitleSays()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Samples", "CultureDiagnostics.Api.http");
        var text = await File.ReadAllTextAsync(file);
        var client = _app.CreateClient();
        var named = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var ran = 0;
        foreach (var block in text.Split("\n###", StringSplitOptions.None).Skip(1))
        {
            var lines = block.Split('\n');
            var title = lines[0].Trim();
            var name = lines.Select(l => NamePattern().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
            var request = lines.Skip(1).Where(l => !l.StartsWith('#')).SkipWhile(string.IsNullOrWhiteSpace).ToList();
            var firstLine = Substitute(request[0].Trim(), named).Split(' ', 2);
            var headers = request.Skip(1).TakeWhile(l => l.Trim().Length > 0).Select(l => l.Split(':', 2)).ToList();
            var body = string.Join("\n", request.Skip(1 + headers.Count).SkipWhile(string.IsNullOrWhiteSpace)).Trim();

            using var message = new HttpRequestMessage(new HttpMethod(firstLine[0]), firstLine[1].Replace("{{host}}", "", StringComparison.Ordinal));
            if (body.Length > 0)
            {
                var type = headers.Single(h => h[0].Equals("Content-Type", StringComparison.OrdinalIgnoreCase))[1].Trim();
                message.Content = new StringContent(Substitute(body, named), Encoding.UTF8, type);
            }

            using var response = await client.SendAsync(message);
            var content = await response.Content.ReadAsStringAsync();
            if (title.StartsWith("A bad", StringComparison.Ordinal))
            {
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{title}: {(int)response.StatusCode} {content}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
            else
            {
                Assert.True(response.IsSuccessStatusCode, $"{title}: {(int)response.StatusCode} {content}");
            }

            if (name is not null)
            {
                named[name] = JsonNode.Parse(content);
            }

            ran++;
        }

        Assert.True(ran >= 15, $"{ran} requests in the sample");
    }

    /// <summary>Replaces {{name.response.body.a.b[0].c}} with that value of a named response.</summary>
    private static string Substitute(string text, Dictionary<string, JsonNode?> named) =>
        ReferencePattern().Replace(text, m =>
        {
            var node = named[m.Groups[1].Value];
            foreach (var part in m.Groups[2].Value.Split('.'))
            {
                var index = part.IndexOf('[', StringComparison.Ordinal);
                node = index < 0 ? node![part] : node![part[..index]]![int.Parse(part[(index + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)];
            }

            return node!.GetValue<string>();
        });

    [GeneratedRegex(@"^#\s*@name\s+(\w+)")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\{\{(\w+)\.response\.body\.([\w.\[\]]+)\}\}")]
    private static partial Regex ReferencePattern();
}
