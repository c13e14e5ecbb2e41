using CultureDiagnostics.Data.Accounts;
using System.Net;
using CultureDiagnostics.Api.Tests.Support;

namespace CultureDiagnostics.Api.Tests.Workspace;

/// <summary>
/// Every link the workspace shows, followed as a change-team member follows them from its home page through the demo's
/// campaigns (each team's poster, results, units, comments, the synthesis, metrics and the dashboards), leads to a page:
/// none is "not found" or an error. A test that opens a page by an address it builds proves only that address.
/// </summary>
public sealed class WorkspaceLinksTests : IDisposable
{
    private readonly TestApp _app = new(demo: true);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task EveryLinkTheWorkspaceShowsLeadsToAPage()
    {
        var admin = await _app.SignedInClientAsync();
        var broken = new List<string>();
        var posters = 0;
        var pages = await PageCrawler.CrawlAsync(admin, ["/workspace"], limit: 5000, visited: (url, from, status) =>
        {
            posters += url.EndsWith("/poster", StringComparison.Ordinal) && status == HttpStatusCode.OK ? 1 : 0;
            if ((int)status >= 400)
            {
                broken.Add($"{from} links to {url}: {(int)status}");
            }
        });

        Assert.True(broken.Count == 0, string.Join("\n", broken.Take(20)));
        Assert.True(posters >= 10, $"{posters} posters reached by their links");
        Assert.True(pages.Count < 5000, "the crawl stopped before it reached every page");
    }

    /// <summary>Each other role, from where signing in takes them: every link their pages show opens (the administrator's crawl is above).</summary>
    [Theory]
    [InlineData(Roles.Analyst, null)]
    [InlineData(Roles.Board, null)]
    [InlineData(Roles.UnitLead, "MED")]
    public async Task EveryLinkEachRoleIsShownLeadsToAPage(string role, string? unit)
    {
        var client = await WorkspaceClient.SignedInAsync(_app, role, unit);
        var broken = new List<string>();
        var pages = await PageCrawler.CrawlAsync(client, ["/"], limit: 5000, visited: (url, from, status) =>
        {
            if ((int)status >= 400)
            {
                broken.Add($"{from} links to {url}: {(int)status}");
            }
        });

        Assert.True(broken.Count == 0, string.Join("\n", broken.Take(20)));
        Assert.True(pages.Count(p => p.Value.Length > 0) >= 3, $"{pages.Count} pages reached");
        Assert.True(pages.Count < 5000, "the crawl stopped before it reached every page");
    }
}
