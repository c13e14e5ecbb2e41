using System.Net;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Anonymity.Auditor.Model;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Collectors;

/// <summary>
/// Everything one account can read of some campaigns through the platform's endpoints: every figure mapped to its
/// meaning, the numbers nothing could map (each one a failure), and the addresses its role may not read.
/// </summary>
public sealed class Publication(HttpClient client, AuditModel model)
{
    public HttpClient Client { get; } = client;

    public AuditModel Model { get; } = model;

    public List<Figure> Figures { get; } = [];

    /// <summary>How long reading everything took.</summary>
    public TimeSpan Collecting { get; set; }

    public List<string> Unmapped { get; } = [];

    /// <summary>What the account's role may not read (403): the board sees less than the change team.</summary>
    public List<string> Refused { get; } = [];

    public void Add(IEnumerable<Figure> figures) => Figures.AddRange(figures);

    public void Add(Figure figure) => Figures.Add(figure);

    /// <summary>
    /// A response body, or null when there is nothing to read: the role may not (403, recorded), or the figures are
    /// not published (409 while a campaign runs, 404). Anything else fails the audit.
    /// </summary>
    public async Task<HttpResponseMessage?> ReadAsync(string url)
    {
        var response = await Client.GetAsync(url);
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                return response;
            case HttpStatusCode.Forbidden:
                Refused.Add(url);
                return null;
            case HttpStatusCode.Conflict or HttpStatusCode.NotFound:
                return null;
            default:
                Assert.Fail($"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                return null;
        }
    }

    public async Task<PublishedJson?> JsonAsync(string url) =>
        await ReadAsync(url) is { } response ? new PublishedJson($"GET {url}", JsonNode.Parse(await response.Content.ReadAsStringAsync())!) : null;

    /// <summary>Records the numbers of a document that no mapping took.</summary>
    public void Finish(PublishedJson json) => Unmapped.AddRange(json.Unmapped());
}
