using System.Net;
using AngleSharp.Dom;
using CultureDiagnostics.Api.Tests.Anonymity;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Accounts;

namespace CultureDiagnostics.Api.Tests.Workspace;

/// <summary>
/// What the change team reads beside the heatmap, reached by the links the pages show in the demo: the breakdowns by a
/// demographic question, every unit's published comments, the CSV and the workbook, and the board's earlier dashboards.
/// Each page shows exactly what the JSON API publishes through the same gate, figure for figure and comment for comment.
/// </summary>
public sealed class ResultsReadingPagesTests : IDisposable
{
    private readonly TestApp _app = new(demo: true);

    public void Dispose() => _app.Dispose();

    private async Task<(HttpClient Analyst, IDocument Results, string Id)> ResultsOfAutumnAsync()
    {
        var analyst = await WorkspaceClient.SignedInAsync(_app, Roles.Analyst);
        var campaigns = WorkspaceClient.Parse(await analyst.GetStringAsync("/workspace/campaigns"));
        var campaignLink = WorkspaceClient.LinkTo(campaigns, "Culture diagnostic: autumn 2026");
        var campaign = WorkspaceClient.Parse(await analyst.GetStringAsync(campaignLink));
        var results = WorkspaceClient.Parse(await analyst.GetStringAsync(WorkspaceClient.LinkTo(campaign, "Explore the results")));
        return (analyst, results, campaignLink.Split('/')[^1]);
    }

    [Fact]
    public async Task TheBreakdownPageShowsEveryFigureTheBreakdownApiPublishesAndNamesTheUnitsItWithholds()
    {
        var (analyst, results, id) = await ResultsOfAutumnAsync();
        var page = WorkspaceClient.Parse(await analyst.GetStringAsync(WorkspaceClient.LinkTo(results, "Results by the answer to “Which staff group do you belong to?”")));
        var api = await TestApp.ReadObjectAsync(await analyst.GetAsync($"/api/campaigns/{id}/results/breakdowns/staff-group"));
        var labels = api["categories"]!.AsArray().ToDictionary(c => c!["value"]!.GetValue<string>(), c => c!["label"]!.GetValue<string>());

        var tables = page.QuerySelectorAll("table.heatmap").ToList();
        var shown = api["units"]!.AsArray().Where(u => u!["shown"]!.GetValue<bool>()).ToList();
        Assert.NotEmpty(shown);
        Assert.Equal(shown.Count, tables.Count);
        var figures = 0;
        for (var u = 0; u < shown.Count; u++)
        {
            Assert.Equal(shown[u]!["name"]!.GetValue<string>(), OneGateTests.Text(page.GetElementById($"unit-{shown[u]!["unit"]}")!));
            var rows = tables[u].QuerySelectorAll("tbody tr").ToList();
            var cells = shown[u]!["cells"]!.AsArray();
            Assert.Equal(cells.Count, rows.Count);
            for (var c = 0; c < cells.Count; c++)
            {
                Assert.Equal(labels[cells[c]!["category"]!.GetValue<string>()], OneGateTests.Text(rows[c].QuerySelector("th")!));
                var shownCells = rows[c].QuerySelectorAll("td").ToList();
                Assert.Equal(OneGateTests.Count(cells[c]!["respondents"]!), OneGateTests.Text(shownCells[0]));
                var scales = cells[c]!["scales"]!.AsArray();
                Assert.Equal(scales.Count, shownCells.Count - 1);
                for (var s = 0; s < scales.Count; s++, figures++)
                {
                    Assert.EndsWith(OneGateTests.Figures(scales[s]!), OneGateTests.Parts(shownCells[s + 1]), StringComparison.Ordinal);
                }
            }
        }

        Assert.True(figures > 100, $"{figures} breakdown figures compared");
        var withheld = api["units"]!.AsArray().Where(u => !u!["shown"]!.GetValue<bool>()).Select(u => u!["name"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(withheld);
        var notShown = page.QuerySelectorAll("h2").Single(h => h.TextContent == "Not shown").NextElementSibling!.TextContent;
        Assert.All(withheld, name => Assert.Contains(name, notShown, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryUnitsCommentsPageShowsExactlyTheCommentsTheApiPublishesForIt()
    {
        var (analyst, results, id) = await ResultsOfAutumnAsync();
        var pages = new List<(string Unit, string Link)> { ("", WorkspaceClient.LinkTo(results, "Comments from the whole organisation")) };
        foreach (var row in results.QuerySelectorAll("table.heatmap tbody th a"))
        {
            var unit = WorkspaceClient.Parse(await analyst.GetStringAsync(row.GetAttribute("href")!));
            pages.Add((row.GetAttribute("href")!.Split('/')[^1], WorkspaceClient.LinkTo(unit, $"Comments from {OneGateTests.Text(row)}")));
        }

        int withComments = 0, hidden = 0;
        foreach (var (unit, link) in pages)
        {
            var page = WorkspaceClient.Parse(await analyst.GetStringAsync(link));
            var api = await TestApp.ReadObjectAsync(await analyst.GetAsync($"/api/campaigns/{id}/comments{(unit.Length == 0 ? "" : "?unit=" + unit)}"));
            var published = api["comments"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
            var shownTexts = page.QuerySelectorAll("ul.comments li").Select(li => li.TextContent).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(published, shownTexts);
            if (!api["shown"]!.GetValue<bool>())
            {
                hidden++;
                Assert.Contains($"at least {api["commentThreshold"]} respondents", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
            }

            withComments += published.Count > 0 ? 1 : 0;
        }

        Assert.True(withComments >= 2 && hidden >= 2, $"{withComments} units with comments, {hidden} hidden, of {pages.Count}");
    }

    [Fact]
    public async Task TheResultsPageLinksTheCsvAndTheWorkbookAsTheApiGivesThem()
    {
        var (analyst, results, id) = await ResultsOfAutumnAsync();
        var csv = await analyst.GetAsync(WorkspaceClient.LinkTo(results, "The results of every unit here as a CSV file"));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Equal(await analyst.GetStringAsync($"/api/campaigns/{id}/results.csv"), await csv.Content.ReadAsStringAsync());
        var workbook = await analyst.GetAsync(WorkspaceClient.LinkTo(results, "The synthesis workbook (Excel)"));
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task TheBoardFindsEveryPublishedDashboardFromTheCurrentOne()
    {
        var board = await WorkspaceClient.SignedInAsync(_app, Roles.Board);
        var current = WorkspaceClient.Parse(await board.GetStringAsync("/dashboard/latest"));
        var list = WorkspaceClient.Parse(await board.GetStringAsync(WorkspaceClient.LinkTo(current, "All dashboards, one for each survey")));
        var api = await TestApp.ReadArrayAsync(await (await _app.SignedInClientAsync()).GetAsync("/api/campaigns"));
        var closed = api.Where(c => c!["status"]!.GetValue<string>() == "closed").Select(c => c!["title"]!.GetValue<string>()).Order().ToList();

        var links = list.QuerySelectorAll("ul.dashboards a").ToList();
        Assert.Equal(closed, links.Select(OneGateTests.Text).Order().ToList());
        foreach (var link in links)
        {
            var dashboard = WorkspaceClient.Parse(await board.GetStringAsync(link.GetAttribute("href")!));
            Assert.Equal($"Culture dashboard: {OneGateTests.Text(link)}", OneGateTests.Text(dashboard.QuerySelector("h1")!));
        }

        Assert.Contains("(the board's current diagnostic)", list.QuerySelector("ul.dashboards")!.TextContent, StringComparison.Ordinal);
    }
}
