using System.Globalization;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;
using CultureDiagnostics.Data.Accounts;

namespace CultureDiagnostics.Api.Tests.Anonymity;

/// <summary>
/// Every figure leaves through one disclosure gate (ResultsPublisher): for a campaign with suppressed groups the
/// pages show exactly what the JSON API publishes, figure for figure, and no other part of the web host or the
/// command line can reach an analysis or a disclosure rule to publish around the gate.
/// </summary>
public sealed class OneGateTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>Team One: six people, withheld to protect Team Two; Team Two: two people, below the threshold; the directorate and trust shown.</summary>
    private async Task<(string Id, HttpClient Analyst)> CampaignWithSuppressedGroupsAsync(bool close = true)
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        for (var i = 0; i < 6; i++)
        {
            var r = i;
            await Scenario.SubmitAsync(_app, Scenario.Submission(_app, campaign.Code, item => 1 + ((r + item.Id.Length) % 7)));
        }

        for (var i = 0; i < 2; i++)
        {
            await Scenario.SubmitAsync(_app, Scenario.Submission(_app, campaign.SecondCode, _ => 2));
        }

        if (close)
        {
            (await campaign.Admin.PostAsync($"/api/campaigns/{campaign.CampaignId}/close", null)).EnsureSuccessStatusCode();
        }

        return (campaign.CampaignId, await WorkspaceClient.SignedInAsync(_app, Roles.Analyst));
    }

    private static async Task<IDocument> PageAsync(HttpClient client, string url) =>
        await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(url));

    internal static string Text(INode node) => string.Join(' ', node.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A heatmap cell's parts (band, score, interval, n), which the page sets on lines of their own.</summary>
    internal static string Parts(IElement cell) => string.Join(' ', cell.ChildNodes.Select(Text).Where(t => t.Length > 0));

    /// <summary>A published count as words: the number, "fewer than N", "withheld", or a live count's "about N".</summary>
    internal static string Count(JsonNode count) =>
        count["about"] is { } about ? $"about {about.GetValue<int>()}"
        : count["value"] is { } value ? value.GetValue<int>().ToString(CultureInfo.InvariantCulture)
        : count["fewerThan"] is { } n ? $"fewer than {n.GetValue<int>()}"
        : "withheld";

    private static string Number(JsonNode? value) => value?.GetValue<double>().ToString("0.00", CultureInfo.InvariantCulture) ?? "–";

    /// <summary>A scale's figures as the pages write them: the score, its interval and n; or why they are not shown.</summary>
    internal static string Figures(JsonNode cell) => cell["suppressed"]!.GetValue<bool>()
        ? cell["fewerThan"] is { } n ? $"fewer than {n.GetValue<int>()}" : "withheld"
        : $"{Number(cell["scaleScore"]!["mean"])} (95% CI {Number(cell["scaleScore"]!["ci95"]!["low"])} to {Number(cell["scaleScore"]!["ci95"]!["high"])}) n = {cell["scaleScore"]!["n"]!.GetValue<int>()}";

    [Fact]
    public async Task TheHeatmapPageShowsEveryFigureTheResultsApiPublishesAndNoOther()
    {
        var (id, analyst) = await CampaignWithSuppressedGroupsAsync();
        var json = await TestApp.ReadObjectAsync(await analyst.GetAsync($"/api/campaigns/{id}/results"));
        var compact = await PageAsync(analyst, $"/workspace/campaigns/{id}/results");
        var detailedLink = compact.QuerySelectorAll("a").Single(a => a.TextContent == "show every cell's interval and n").GetAttribute("href")!;
        var detailed = await PageAsync(analyst, detailedLink);
        Assert.Single(detailed.QuerySelectorAll("a"), a => a.TextContent == "Show the compact heatmap");

        // The compact heatmap writes the interval and n for screen readers only; both views carry every published figure.
        Assert.NotEmpty(compact.QuerySelectorAll("table.heatmap.compact td.cell .visually-hidden"));
        Assert.Empty(detailed.QuerySelectorAll("table.heatmap.compact"));
        var suppressed = new List<string>();
        foreach (var page in new[] { compact, detailed })
        {
            var rows = page.QuerySelectorAll("table.heatmap tbody tr").ToList();
            var heatmap = json["heatmap"]!.AsArray();
            Assert.Equal(heatmap.Count, rows.Count);
            for (var r = 0; r < rows.Count; r++)
            {
                var published = heatmap[r]!;
                var cells = rows[r].QuerySelectorAll("td").ToList();
                Assert.Equal(published["name"]!.GetValue<string>(), Text(rows[r].QuerySelector("th")!));
                var rate = published["responseRatePercent"] is { } p ? $" ({p.GetValue<int>()}%)" : "";
                Assert.Equal(Count(published["respondents"]!) + rate, Text(cells[0]));
                var scales = published["cells"]!.AsArray();
                Assert.Equal(scales.Count, cells.Count - 1);
                for (var s = 0; s < scales.Count; s++)
                {
                    var shown = Parts(cells[s + 1]);
                    Assert.EndsWith(Figures(scales[s]!), shown, StringComparison.Ordinal);
                    if (scales[s]!["suppressed"]!.GetValue<bool>() && page == detailed)
                    {
                        suppressed.Add($"{published["unit"]}: {shown}");
                    }
                }
            }
        }

        // The scenario hides both teams, one as too small and one to protect it.
        Assert.Contains("TEAM-2: fewer than 5", suppressed);
        Assert.Contains("TEAM-1: withheld", suppressed);
        var organisation = json["scales"]![0]!["organisation"]!;
        Assert.EndsWith(Figures(organisation), Parts(compact.QuerySelectorAll("table")[0].QuerySelector("tbody tr td.cell")!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DIR-A")]
    [InlineData("TEAM-1")]
    [InlineData("TEAM-2")]
    public async Task EachDrillDownPageShowsWhatTheUnitApiPublishes(string unit)
    {
        var (id, analyst) = await CampaignWithSuppressedGroupsAsync();
        var json = await TestApp.ReadObjectAsync(await analyst.GetAsync($"/api/campaigns/{id}/results/units/{unit}"));
        var page = await PageAsync(analyst, $"/workspace/campaigns/{id}/results/units/{unit}");

        var level = json["level"]!.GetValue<string>();
        Assert.Equal($"{char.ToUpperInvariant(level[0])}{level[1..]}. {Count(json["respondents"]!)} respondents.", Text(page.QuerySelector("main h1 + p")!));
        foreach (var scale in json["scales"]!.AsArray())
        {
            var heading = page.QuerySelectorAll("main h2").Single(h => h.TextContent == scale!["title"]!.GetValue<string>());
            var figures = scale!["figures"]!;
            var said = Text(heading.NextElementSibling!);
            if (figures["suppressed"]!.GetValue<bool>())
            {
                Assert.Equal(figures["fewerThan"] is { } n ? $"Not shown: fewer than {n.GetValue<int>()} respondents." : "Not shown, to protect another group's figures.", said);
                Assert.Empty(scale["items"]!.AsArray());
                continue;
            }

            var score = figures["scaleScore"]!;
            Assert.StartsWith(
                $"Score: {Number(score["mean"])} (95% CI {Number(score["ci95"]!["low"])} to {Number(score["ci95"]!["high"])}), n = {score["n"]!.GetValue<int>()},",
                said, StringComparison.Ordinal);
            var items = heading.NextElementSibling!.NextElementSibling!.QuerySelectorAll("tbody tr").ToList();
            Assert.Equal(scale["items"]!.AsArray().Count, items.Count);
        }
    }

    [Fact]
    public async Task TheCampaignPageShowsTheLiveResponseRatesTheApiPublishes()
    {
        var (id, _) = await CampaignWithSuppressedGroupsAsync(close: false);
        // Live counts are a day behind: the next day, today's responses are counted.
        _app.Clock.Now += TimeSpan.FromDays(1);
        var analyst = await WorkspaceClient.SignedInAsync(_app, Roles.Analyst);
        var json = await TestApp.ReadObjectAsync(await analyst.GetAsync($"/api/campaigns/{id}/response-rates"));
        var page = await PageAsync(analyst, $"/workspace/campaigns/{id}");

        var table = page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.StartsWith("Responses by unit", StringComparison.Ordinal));
        var rows = table.QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(Text).ToList()).ToList();
        var units = json["units"]!.AsArray();
        Assert.Equal(units.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(units[i]!["name"]!.GetValue<string>(), rows[i][0]);
            Assert.Equal(Count(units[i]!["respondents"]!), rows[i][1]);
            Assert.Equal(units[i]!["responseRatePercent"] is { } p ? $"{p.GetValue<int>()}%" : "–", rows[i][3]);
        }

        Assert.Contains(rows, r => r[1].StartsWith("about ", StringComparison.Ordinal) && r[1] != "about 0");
    }

    [Fact]
    public async Task TheDashboardShowsTheOrganisationsPublishedRespondentsAndScores()
    {
        var (id, _) = await CampaignWithSuppressedGroupsAsync();
        var board = await WorkspaceClient.SignedInAsync(_app, Roles.Board);
        var json = await TestApp.ReadObjectAsync(await board.GetAsync($"/api/campaigns/{id}/results"));
        var page = await PageAsync(board, $"/dashboard/{id}");

        Assert.Equal(Count(json["heatmap"]![0]!["respondents"]!), Text(page.QuerySelector(".headline .figure")!));
        var shownOnCards = page.QuerySelectorAll(".card li").Select(Text).ToList();
        foreach (var scale in json["scales"]!.AsArray().Where(s => s!["element"] is not null))
        {
            var card = shownOnCards.FirstOrDefault(c => c.StartsWith(scale!["title"]!.GetValue<string>() + ":", StringComparison.Ordinal));
            if (card is not null)
            {
                Assert.Contains($": {Number(scale!["organisation"]!["scaleScore"]!["mean"])} on a ", card, StringComparison.Ordinal);
            }
        }

        Assert.NotEmpty(shownOnCards);
    }

    [Fact]
    public async Task TheSynthesisOfACampaignStillOpenShowsNoneOfItsSurveyFigures()
    {
        var (id, analyst) = await CampaignWithSuppressedGroupsAsync(close: false);
        var problem = await ProblemAssert.IsProblemAsync(await analyst.GetAsync($"/api/synthesis?campaign={id}"), 409);
        Assert.Contains("once it closes", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // The page offers only closed campaigns; asked for the open one, it shows no survey evidence at all.
        var page = await PageAsync(analyst, $"/workspace/synthesis?campaign={id}");
        Assert.Null(page.GetElementById("campaign"));
        var surveyColumn = page.QuerySelectorAll("table.synthesis-matrix tbody tr").Select(tr => Text(tr.QuerySelectorAll("td")[2])).ToList();
        Assert.All(surveyColumn, cell => Assert.Equal("no evidence", cell));
    }

    /// <summary>
    /// The web host and the command line never name the analysis, its mapper or a disclosure rule: were one of
    /// them used, a figure could leave without passing the gate. (The gate itself lives in the application layer.)
    /// </summary>
    [Theory]
    [InlineData(typeof(Program))]
    [InlineData(typeof(Cli.Commands.ExportCommand))]
    public void OnlyTheApplicationLayerTouchesAnalysesAndDisclosureRules(Type host)
    {
        string[] forbidden = ["DisclosureRules", "ResultsMapper", "AnalysedCampaign", "CampaignResultsService", "CampaignAnalyser", "CampaignAnalysis"];
        using var file = File.OpenRead(host.Assembly.Location);
        using var pe = new PEReader(file);
        var metadata = pe.GetMetadataReader();
        var named = metadata.TypeReferences.Select(handle => metadata.GetTypeReference(handle))
            .Select(t => $"{metadata.GetString(t.Namespace)}.{metadata.GetString(t.Name)}")
            .Where(name => forbidden.Any(f => name.EndsWith("." + f, StringComparison.Ordinal)))
            .ToList();
        Assert.True(named.Count == 0, $"{host.Assembly.GetName().Name} uses {string.Join(", ", named)} directly.");
    }
}
