using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Anonymity;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Accounts;
using CultureDiagnostics.Data.Organisation;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Workspace;

/// <summary>
/// A unit lead reads their unit and every unit below it, and nothing else: an administrator adds one from the pages,
/// the lead signs in to their own dashboard, and every page they can reach by a link, and every result the API gives
/// them, names no unit outside their part; every figure they read is the board's figure for the same unit.
/// </summary>
public sealed class UnitLeadTests : IDisposable
{
    /// <summary>The demo's Surgery directorate and its units.</summary>
    private static readonly string[] Surgery = ["SUR", "SUR-THEA", "SUR-ORTH", "SUR-DSU", "SUR-ICU"];

    private readonly TestApp _app = new(demo: true);

    public void Dispose() => _app.Dispose();

    private async Task<IReadOnlyList<(string Code, string Name)>> UnitsOutsideSurgeryAsync() =>
        [.. (await _app.Services.GetRequiredService<UnitStore>().AllAsync()).Where(u => !Surgery.Contains(u.Code) && u.ParentId is not null).Select(u => (u.Code, u.Name))];

    [Fact]
    public async Task AnAdministratorAddsAUnitLeadFromThePagesAndBadInputStoresNothing()
    {
        var admin = await WorkspaceClient.SignedInAsync(_app);
        var accountsPath = WorkspaceClient.LinkTo(WorkspaceClient.Parse(await admin.GetStringAsync("/workspace")), "Accounts");

        // A unit lead with no unit, and a board member with one: each refused in words, linked to the unit field.
        var before = (await _app.Services.GetRequiredService<AccountStore>().AllAsync()).Count;
        foreach (var (role, unit) in new[] { (Roles.UnitLead, ""), (Roles.Board, "SUR") })
        {
            var refused = await WorkspaceClient.SubmitAsync(admin, accountsPath, "main form",
                ("email", $"{role}@trust.example"), ("displayName", "Jo Lead"), ("role", role), ("unit", unit), ("password", TestApp.Password));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var page = await WorkspaceClient.ParseAsync(refused);
            Assert.NotNull(page.QuerySelector(".error-summary a[href='#unit']"));
        }

        Assert.Equal(before, (await _app.Services.GetRequiredService<AccountStore>().AllAsync()).Count);

        // The unit list offers every unit by name; the administrator chooses Surgery.
        var form = WorkspaceClient.Parse(await admin.GetStringAsync(accountsPath));
        Assert.Contains(form.QuerySelectorAll("select#unit option"), o => o.GetAttribute("value") == "SUR" && o.TextContent.Contains("Surgery", StringComparison.Ordinal));
        var added = await WorkspaceClient.SubmitAsync(admin, accountsPath, "main form",
            ("email", "jo.lead@trust.example"), ("displayName", "Jo Lead"), ("role", Roles.UnitLead), ("unit", "SUR"), ("password", TestApp.Password));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var account = (await _app.Services.GetRequiredService<AccountStore>().AllAsync()).Single(a => a.Email == "jo.lead@trust.example");
        Assert.Equal((Roles.UnitLead, "SUR"), (account.Role, account.UnitCode));

        // Signing in through the page lands on their own dashboard: Surgery's.
        var lead = WorkspaceClient.Anonymous(_app);
        var signIn = await WorkspaceClient.SubmitAsync(lead, "/sign-in", "main form", ("email", "jo.lead@trust.example"), ("password", TestApp.Password));
        var landing = await lead.GetAsync(signIn.Headers.Location!.OriginalString);
        Assert.Equal("/dashboard/latest", signIn.Headers.Location!.OriginalString);
        var dashboard = await WorkspaceClient.ParseAsync(landing);
        Assert.StartsWith("Surgery:", OneGateTests.Text(dashboard.QuerySelector("h1")!), StringComparison.Ordinal);

        // Moving the lead to another unit ends their session at once.
        var accountPage = WorkspaceClient.LinkTo(WorkspaceClient.Parse(await admin.GetStringAsync(accountsPath)), "Change Jo Lead's account");
        var moved = await WorkspaceClient.SubmitAsync(admin, accountPage, "form[action$='/role']", ("unit", "MED"));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await lead.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task EveryPageALeadReachesNamesNoUnitOutsideTheirPartAndNoLinkIsBroken()
    {
        // The pulse closed too: a published campaign whose comments nobody has reviewed yet, so its comment pages say so.
        var admin = await _app.SignedInClientAsync();
        var pulse = (await TestApp.ReadArrayAsync(await admin.GetAsync("/api/campaigns"))).Single(c => c!["status"]!.GetValue<string>() == "open")!["id"]!.GetValue<string>();
        (await admin.PostAsync($"/api/campaigns/{pulse}/close", null)).EnsureSuccessStatusCode();
        var lead = await WorkspaceClient.SignedInAsync(_app, Roles.UnitLead, "SUR");
        var outside = await UnitsOutsideSurgeryAsync();
        var broken = new List<string>();
        var pages = await PageCrawler.CrawlAsync(lead, ["/"], limit: 2000, visited: (url, from, status) =>
        {
            if ((int)status >= 400)
            {
                broken.Add($"{from} links to {url}: {(int)status}");
            }
        });

        Assert.True(broken.Count == 0, string.Join("\n", broken.Take(20)));
        var html = pages.Where(p => p.Value.Length > 0).ToList();
        // Their dashboard for each published wave, its unit pages, comments and breakdowns.
        Assert.True(html.Count(p => p.Key.Contains("/results/units/", StringComparison.Ordinal)) >= Surgery.Length, $"{html.Count} pages reached");
        var seen = new List<string>();
        foreach (var (url, text) in html)
        {
            var words = OneGateTests.Text(WorkspaceClient.Parse(text).Body!);
            seen.AddRange(outside.Where(u => words.Contains(u.Name, StringComparison.Ordinal) || url.Contains($"/{u.Code}", StringComparison.Ordinal))
                .Select(u => $"{url} names {u.Name}"));
        }

        Assert.True(seen.Count == 0, string.Join("\n", seen.Take(20)));
    }

    [Fact]
    public async Task EveryResultALeadReadsIsTheBoardsFigureForTheSameUnitAndNothingBeyondTheirPart()
    {
        var lead = await WorkspaceClient.SignedInAsync(_app, Roles.UnitLead, "SUR");
        var board = await WorkspaceClient.SignedInAsync(_app, Roles.Board);
        var outside = await UnitsOutsideSurgeryAsync();
        var campaigns = WorkspaceClient.Parse(await lead.GetStringAsync("/dashboard")).QuerySelectorAll("ul.dashboards a").Select(a => a.GetAttribute("href")!.Split('/')[^1]).ToList();
        Assert.True(campaigns.Count >= 2, $"{campaigns.Count} campaigns listed for the lead");

        var compared = 0;
        foreach (var id in campaigns)
        {
            var mine = await TestApp.ReadObjectAsync(await lead.GetAsync($"/api/campaigns/{id}/results"));
            var theirs = await TestApp.ReadObjectAsync(await board.GetAsync($"/api/campaigns/{id}/results"));
            var rows = mine["heatmap"]!.AsArray();
            Assert.Equal("SUR", rows[0]!["unit"]!.GetValue<string>());
            Assert.All(rows, r => Assert.Contains(r!["unit"]!.GetValue<string>(), Surgery));
            foreach (var row in rows)
            {
                var same = theirs["heatmap"]!.AsArray().Single(r => r!["unit"]!.GetValue<string>() == row!["unit"]!.GetValue<string>());
                Assert.True(JsonNode.DeepEquals(row, same), $"{row!["unit"]} differs from the board's");
                compared++;
            }

            // The organisation's own figures are the board's; the statistics across all teams are not the lead's.
            Assert.All(mine["scales"]!.AsArray(), s => Assert.Null(s!["teamLevel"]));
            Assert.True(JsonNode.DeepEquals(
                new JsonArray([.. mine["scales"]!.AsArray().Select(s => s!["organisation"]!.DeepClone())]),
                new JsonArray([.. theirs["scales"]!.AsArray().Select(s => s!["organisation"]!.DeepClone())])));

            foreach (var code in Surgery)
            {
                var unit = await lead.GetAsync($"/api/campaigns/{id}/results/units/{code}");
                Assert.True(JsonNode.DeepEquals(await TestApp.ReadObjectAsync(unit), await TestApp.ReadObjectAsync(await board.GetAsync($"/api/campaigns/{id}/results/units/{code}"))));
            }

            foreach (var (code, _) in outside.Take(4))
            {
                await ProblemAssert.IsProblemAsync(await lead.GetAsync($"/api/campaigns/{id}/results/units/{code}"), 404);
                await ProblemAssert.IsProblemAsync(await lead.GetAsync($"/api/campaigns/{id}/comments?unit={code}"), 404);
            }

            var breakdown = await TestApp.ReadObjectAsync(await lead.GetAsync($"/api/campaigns/{id}/results/breakdowns/staff-group"));
            Assert.All(breakdown["units"]!.AsArray(), u => Assert.Contains(u!["unit"]!.GetValue<string>(), Surgery));
            var rates = await TestApp.ReadObjectAsync(await lead.GetAsync($"/api/campaigns/{id}/response-rates"));
            Assert.All(rates["units"]!.AsArray(), u => Assert.Contains(u!["unit"]!.GetValue<string>(), Surgery));
            Assert.Equal("SUR", (await TestApp.ReadObjectAsync(await lead.GetAsync($"/api/campaigns/{id}/comments")))["unit"]!.GetValue<string>());

            var csv = await lead.GetStringAsync($"/api/campaigns/{id}/results.csv");
            Assert.DoesNotContain(outside, u => csv.Contains(u.Name, StringComparison.Ordinal));
            Assert.Contains("Main Theatres", csv, StringComparison.Ordinal);

            // The whole organisation's workbook, synthesis and metrics are not a lead's.
            Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync($"/api/campaigns/{id}/synthesis.xlsx")).StatusCode);
        }

        Assert.True(compared >= 2 * Surgery.Length, $"{compared} rows compared");
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/api/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/workspace/campaigns")).StatusCode);
    }

    [Fact]
    public async Task TheLeadsDashboardShowsTheirUnitsFiguresAsTheApiPublishesThem()
    {
        var lead = await WorkspaceClient.SignedInAsync(_app, Roles.UnitLead, "SUR");
        var dashboard = WorkspaceClient.Parse(await lead.GetStringAsync("/dashboard/latest"));
        var id = WorkspaceClient.LinkTo(dashboard, "Explore the results").Split('/')[3];
        var api = await TestApp.ReadObjectAsync(await lead.GetAsync($"/api/campaigns/{id}/results"));

        var rows = dashboard.QuerySelectorAll("table.heatmap tbody tr").ToList();
        var heatmap = api["heatmap"]!.AsArray();
        Assert.Equal(heatmap.Count, rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            Assert.Equal(heatmap[r]!["name"]!.GetValue<string>(), OneGateTests.Text(rows[r].QuerySelector("th")!));
            var cells = rows[r].QuerySelectorAll("td").Skip(1).ToList();
            var published = heatmap[r]!["cells"]!.AsArray();
            Assert.Equal(published.Count, cells.Count);
            for (var c = 0; c < cells.Count; c++)
            {
                var figure = published[c]!["suppressed"]!.GetValue<bool>() ? null : published[c]!["scaleScore"]?["mean"]?.GetValue<double>();
                if (figure is { } mean)
                {
                    Assert.Contains(mean.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), OneGateTests.Parts(cells[c]), StringComparison.Ordinal);
                }
            }
        }

        var unit = await TestApp.ReadObjectAsync(await lead.GetAsync($"/api/campaigns/{id}/results/units/SUR"));
        var scaleRows = dashboard.QuerySelectorAll("table:not(.heatmap) tbody tr").ToList();
        Assert.Equal(unit["scales"]!.AsArray().Count, scaleRows.Count);
    }
}
