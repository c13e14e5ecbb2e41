using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CultureDiagnostics.Api.Demo;
using CultureDiagnostics.Api.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CultureDiagnostics.Browser.Tests;

/// <summary>
/// The demo trust's workspace and dashboard as the board and the change team see them: on a projector, on a
/// phone with nothing scrolling sideways (wide tables scroll inside their own box), and printed on A4
/// landscape. Screenshots go to the temporary folder's screens/ for a person to look at.
/// </summary>
public sealed partial class DashboardInBrowserTests(DemoBrowserFixture fixture, ITestOutputHelper output) : IClassFixture<DemoBrowserFixture>
{
    // A4 landscape at the 96 CSS pixels per inch Chromium prints with: 297 × 210 mm.
    private const int A4LandscapeWidth = 1123;
    private const int A4LandscapeHeight = 794;

    private async Task<string> AutumnWaveAsync()
    {
        var campaigns = await TestApp.ReadArrayAsync(await fixture.Admin.GetAsync("/api/campaigns"));
        return campaigns.Single(c => c!["title"]!.GetValue<string>().Contains("autumn", StringComparison.Ordinal))!["id"]!.GetValue<string>();
    }

    private async Task<string[]> WorkspacePagesAsync()
    {
        var autumn = await AutumnWaveAsync();
        return
        [
            "/workspace", "/workspace/structure", "/workspace/structure/units/MED-ED", "/workspace/campaigns", $"/workspace/campaigns/{autumn}",
            $"/workspace/campaigns/{autumn}/results", $"/workspace/campaigns/{autumn}/results/units/MED-ED",
            "/workspace/metrics", "/workspace/findings", "/workspace/synthesis", "/dashboard/latest",
        ];
    }

    private async Task<(IBrowserContext Context, ChangeTeamMember Member)> SignedInAsync(Task<IBrowserContext> opening, string email, bool check = false)
    {
        var context = await opening;
        var member = new ChangeTeamMember(await context.NewPageAsync(), fixture.BaseUrl);
        await member.SignInAsync(email, DemoData.AdminPassword, check);
        return (context, member);
    }

    [Fact]
    public async Task TheHeatmapOfEveryUnitAndScaleFitsALaptopAndKeepsItsHeadingsInViewWhileScrolled()
    {
        var (context, member) = await SignedInAsync(fixture.DesktopAsync(), "analyst@demo.example");
        var page = member.Page;
        await member.GoAsync("/workspace/campaigns");
        await page.GetByRole(AriaRole.Link, new() { Name = "Culture diagnostic: autumn 2026", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Explore the results" }).ClickAsync();
        var box = page.Locator("#heatmap");
        await Assertions.Expect(box.Locator("table.heatmap.compact")).ToBeVisibleAsync();
        Assert.Equal(0, await box.EvaluateAsync<int>("b => b.scrollWidth - b.clientWidth"));
        Assert.True(await box.Locator("tbody tr").CountAsync() > 20, "The demo's heatmap has a row for every unit.");

        // Scrolled half way down the heatmap, its scales' names and the unit it is at are still in view.
        await box.EvaluateAsync("b => { b.scrollTop = b.scrollHeight / 2; }");
        var boxTop = (await box.BoundingBoxAsync())!.Y;
        var heading = (await box.Locator("thead th").Nth(3).BoundingBoxAsync())!;
        Assert.InRange(heading.Y - boxTop, -1, 2);
        await member.ShotAsync("heatmap-scrolled-desktop", fullPage: false);

        // The detailed heatmap, a link away, gives every cell's interval and n, and scrolls inside its own box.
        await page.GetByRole(AriaRole.Link, new() { Name = "show every cell's interval and n" }).ClickAsync();
        await Assertions.Expect(box.Locator("table.heatmap td.cell .ci").First).ToContainTextAsync("95% CI");
        Assert.Equal(0, await member.SidewaysOverflowAsync());
        await context.CloseAsync();
    }

    [Fact]
    public async Task EveryWorkspacePageOfTheDemoPassesAxeOnALaptop()
    {
        var (context, member) = await SignedInAsync(fixture.DesktopAsync(), "analyst@demo.example", check: true);
        // The dashboard is checked as the board sees it, below.
        foreach (var path in await WorkspacePagesAsync())
        {
            await (path.StartsWith("/dashboard", StringComparison.Ordinal) ? member.GoAsync(path) : member.VisitAsync(path));
            Assert.True(await member.SidewaysOverflowAsync() == 0, $"{path} scrolls sideways on a laptop.");
        }

        foreach (var (path, name) in new[] { ($"/workspace/campaigns/{await AutumnWaveAsync()}/results", "results-explorer"), ("/workspace/metrics", "metrics"), ("/workspace/synthesis", "synthesis") })
        {
            await member.GoAsync(path);
            await member.ShotAsync(name + "-desktop");
            await member.ShotAsync(name + "-desktop-first-screen", fullPage: false);
        }

        await ChangeTeamMember.ShotAsync("synthesis-element", member.Page.Locator("section.synthesis").Nth(4));

        output.WriteLine(string.Join("\n", member.Checked));
        await context.CloseAsync();
    }

    /// <summary>
    /// Every kind of page each role reaches by following the links its pages show, from where signing in takes it, opens
    /// and passes axe-core. A kind is a page's address with its codes and ids left out (every unit's page is one kind);
    /// files to download are not pages. The crawler over every address and file, without axe, is WorkspaceLinksTests.
    /// </summary>
    [Theory]
    [InlineData("admin@demo.example")]
    [InlineData("analyst@demo.example")]
    [InlineData("board@demo.example")]
    [InlineData("lead@demo.example")]
    public async Task EveryKindOfPageEachRoleReachesByItsLinksOpensAndPassesAxe(string email)
    {
        var (context, member) = await SignedInAsync(fixture.DesktopAsync(), email);
        var page = member.Page;
        var queue = new Queue<string>([new Uri(page.Url).PathAndQuery]);
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        var broken = new List<string>();
        while (queue.Count > 0 && kinds.Count < 300)
        {
            var path = queue.Dequeue();
            if (!kinds.Add(KindOf(path)))
            {
                continue;
            }

            var response = await page.GotoAsync(fixture.BaseUrl + path);
            if (response is not { Ok: true })
            {
                broken.Add($"{path}: {response?.Status}");
                continue;
            }

            if (response.Headers.GetValueOrDefault("content-type")?.StartsWith("text/html", StringComparison.Ordinal) != true)
            {
                continue;
            }

            await member.CheckAsync(path);
            foreach (var href in await page.Locator("a[href]:not([download])").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            {
                if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.StartsWith("/api/", StringComparison.Ordinal) && !href.StartsWith("/sign-", StringComparison.Ordinal))
                {
                    queue.Enqueue(href.Split('#')[0]);
                }
            }
        }

        output.WriteLine($"{email}: {kinds.Count} kinds of page\n" + string.Join("\n", member.Checked));
        Assert.True(broken.Count == 0, string.Join("\n", broken));
        Assert.True(kinds.Count is >= 3 and < 300, $"{kinds.Count} kinds of page reached");
        await context.CloseAsync();
    }

    /// <summary>
    /// An administrator adds a board member and a unit lead from the Accounts page, as a person would; each then signs
    /// in and reaches what their role gives: the board its dashboard and no workspace, the lead Surgery's dashboard and
    /// Surgery's units' results, and nothing of Medicine's.
    /// </summary>
    [Fact]
    public async Task AnAdministratorAddsABoardMemberAndAUnitLeadAndEachReachesWhatTheirRoleGives()
    {
        var (context, admin) = await SignedInAsync(fixture.DesktopAsync(), DemoData.AdminEmail);
        var page = admin.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true }).ClickAsync();
        foreach (var (email, name, role, unit) in new[]
        {
            ("pat.board@trust.example", "Pat Board", "Board: the dashboard and published results", (string?)null),
            ("sam.lead@trust.example", "Sam Lead", "Unit lead: the results of their unit and the units below it, and its dashboard", "Surgery (SUR)"),
        })
        {
            await page.GetByLabel("E-mail address").FillAsync(email);
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
            await page.GetByLabel(role).CheckAsync();
            if (unit is not null)
            {
                await page.GetByLabel("Unit (for a unit lead)").SelectOptionAsync(new SelectOptionValue { Label = "\u00a0\u00a0" + unit });
            }

            await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DemoData.AdminPassword);
            await admin.SubmitAsync("Add the account");
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The account is added.");
        }

        await admin.CheckAsync("the accounts with a unit lead");
        await context.CloseAsync();

        var (boardContext, board) = await SignedInAsync(fixture.DesktopAsync(), "pat.board@trust.example");
        await Assertions.Expect(board.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Culture dashboard");
        await Assertions.Expect(board.Page.GetByRole(AriaRole.Link, new() { Name = "Workspace", Exact = true })).ToHaveCountAsync(0);
        await boardContext.CloseAsync();

        var (leadContext, lead) = await SignedInAsync(fixture.DesktopAsync(), "sam.lead@trust.example");
        var leadPage = lead.Page;
        await Assertions.Expect(leadPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Surgery:");
        await lead.CheckAsync("a unit lead's dashboard");
        await leadPage.GetByRole(AriaRole.Link, new() { Name = "Explore the results" }).ClickAsync();
        var rows = await leadPage.Locator("#heatmap tbody th").AllInnerTextsAsync();
        Assert.Equal("Surgery", rows[0].Trim());
        Assert.DoesNotContain(rows, r => r.Contains("Medicine", StringComparison.Ordinal) || r.Contains("Emergency", StringComparison.Ordinal));
        await leadPage.Locator("#heatmap").GetByRole(AriaRole.Link, new() { Name = "Main Theatres" }).ClickAsync();
        await Assertions.Expect(leadPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Main Theatres");
        await lead.CheckAsync("a unit lead's unit page");
        await leadContext.CloseAsync();
    }

    /// <summary>A page's address without its codes and ids (any segment with a digit or a capital), with the names of its query's fields.</summary>
    private static string KindOf(string path)
    {
        var parts = path.Split('?', 2);
        var kind = KindSegment().Replace(parts[0], "/{}");
        return parts.Length == 1 ? kind : kind + "?" + string.Join("&", parts[1].Split('&').Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal));
    }

    [System.Text.RegularExpressions.GeneratedRegex("/[^/]*[0-9A-Z][^/]*")]
    private static partial System.Text.RegularExpressions.Regex KindSegment();

    [Fact]
    public async Task EveryWorkspacePageFitsAPhoneWithoutScrollingSideways()
    {
        var (context, member) = await SignedInAsync(fixture.PhoneAsync(), "analyst@demo.example");
        var wide = new List<string>();
        // axe-core checks the same pages on a laptop: here only the layout is checked.
        foreach (var path in await WorkspacePagesAsync())
        {
            await member.GoAsync(path);
            if (await member.SidewaysOverflowAsync() is > 0 and var overflow)
            {
                wide.Add($"{path} is {overflow}px wider than the phone");
            }

            // Tables may be wider than the phone, but only inside a box that scrolls on its own.
            var loose = await member.Page.EvaluateAsync<int>("""
                () => [...document.querySelectorAll('main table')].filter(t => !t.closest('.table-wrap') && t.scrollWidth > window.innerWidth).length
                """);
            Assert.True(loose == 0, $"{path} has {loose} wide tables outside a scrolling box.");
        }

        Assert.True(wide.Count == 0, string.Join("\n", wide));
        await member.GoAsync("/dashboard/latest");
        // No text cut off: nothing on the dashboard reaches past the screen's edge or is clipped inside its box
        // (the words kept for screen readers only are clipped on purpose).
        var cut = await member.Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('main *')].filter(e => {
                if (e.closest('.visually-hidden')) return false;
                const r = e.getBoundingClientRect();
                if (r.width === 0) return false;
                const clips = getComputedStyle(e).overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1;
                return clips || r.right > window.innerWidth + 1 || r.left < -1;
            }).map(e => `${e.tagName} "${(e.textContent || '').trim().slice(0, 50)}"`)
            """);
        Assert.True(cut.Length == 0, "cut off on a phone: " + string.Join("; ", cut));
        await member.ShotAsync("dashboard-phone");
        await member.GoAsync("/workspace/synthesis");
        await member.ShotAsync("synthesis-phone");
        await context.CloseAsync();
    }

    [Fact]
    public async Task TheDashboardReadsOnAProjectorAndPrintsOnA4Landscape()
    {
        var (context, member) = await SignedInAsync(fixture.DesktopAsync(), "board@demo.example");
        var page = member.Page;
        await member.VisitAsync("/dashboard/latest");
        var main = page.Locator("main");
        await Assertions.Expect(main).ToContainTextAsync("Culture diagnostic: autumn");
        await Assertions.Expect(main).ToContainTextAsync("Special cause variation: improvement");
        await Assertions.Expect(main).ToContainTextAsync("Special cause variation: concern");
        await Assertions.Expect(main).ToContainTextAsync("Consistently passes the target");
        Assert.Equal(0, await member.SidewaysOverflowAsync());
        await member.ShotAsync("dashboard-projector-first-screen", fullPage: false);
        await member.ShotAsync("dashboard-projector");

        // Printed: A4 landscape pages, no navigation or forms, nothing wider than the paper, charts whole.
        await page.SetViewportSizeAsync(A4LandscapeWidth, A4LandscapeHeight);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation)).ToBeHiddenAsync();
        Assert.Equal(0, await page.Locator("main form").Filter(new() { Visible = true }).CountAsync());
        Assert.Equal(0, await member.SidewaysOverflowAsync());
        // The charts on paper (the trends over waves stay on the screen) are whole and readable.
        var charts = await page.EvaluateAsync<double[][]>("""
            () => [...document.querySelectorAll('main figure.chart > svg')].filter(s => s.checkVisibility()).map(s => { const r = s.getBoundingClientRect(); return [r.width, r.height]; })
            """);
        Assert.NotEmpty(charts);
        Assert.All(charts, c => Assert.InRange(c[0], 150, A4LandscapeWidth / 2.0));
        await member.ShotAsync("dashboard-print");

        var pdf = await page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true, Path = Path.Combine(ChangeTeamMember.Screens, "dashboard.pdf") });
        var text = Encoding.Latin1.GetString(pdf);
        var boxes = MediaBox().Matches(text).Select(m => (Width: double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Height: double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.NotEmpty(boxes);
        // 297 × 210 mm is 841.9 × 595.3 points.
        Assert.All(boxes, b => { Assert.InRange(b.Width, 840, 843); Assert.InRange(b.Height, 594, 597); });
        // One page: the dashboard is a board paper of one A4 landscape sheet.
        Assert.Single(boxes);
        await context.CloseAsync();
    }

    [Fact]
    public async Task ASynthesisConclusionThatIsNotSavedIsSummarisedAccessiblyAndItsLinkShowsTheFieldWithItsMessage()
    {
        var (context, member) = await SignedInAsync(fixture.DesktopAsync(), "analyst@demo.example");
        var page = member.Page;
        await member.GoAsync("/workspace/synthesis");
        var field = page.Locator("#c-teamwork-culture-focus-groups");
        await field.FillAsync("Handovers are rushed. " + new string('x', 4000));
        await member.SubmitAsync("Save all changes (from every element on this page)", page.Locator("section", new() { Has = page.Locator("#element-teamwork") }));

        await Assertions.Expect(page.Locator(".error-summary")).ToBeInViewportAsync();
        await member.CheckAsync("the synthesis with a conclusion too long");
        await page.Locator(".error-summary a").ClickAsync();
        await Assertions.Expect(page.Locator("#c-teamwork-culture-focus-groups-error")).ToBeInViewportAsync();
        await Assertions.Expect(field).ToBeInViewportAsync();
        await member.ShotAsync("synthesis-error-field", fullPage: false);
        await context.CloseAsync();
    }

    [Fact]
    public async Task ClosingThePulseEarlyAsksFirstAndLeavesTheBoardOnTheDiagnosticTheChangeTeamChose()
    {
        var (context, member) = await SignedInAsync(fixture.DesktopAsync(), "analyst@demo.example");
        var page = member.Page;
        await member.GoAsync("/workspace/campaigns");
        await page.GetByRole(AriaRole.Link, new() { Name = "Psychological safety pulse" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Close the campaign early" }).ClickAsync();
        var main = page.Locator("main");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(new Regex("^Close Psychological safety pulse .* today\\?$"));
        await Assertions.Expect(main).ToContainTextAsync("the board goes on seeing Culture diagnostic: autumn");
        await member.CheckAsync("asking before a campaign closes");
        await member.ShotAsync("close-campaign");

        // "Keep it open" changes nothing; "Close it now" closes it, and the page says on which day.
        await page.GetByRole(AriaRole.Link, new() { Name = "Keep it open" }).ClickAsync();
        await Assertions.Expect(main).ToContainTextAsync("Open: accepting responses");
        await page.GetByRole(AriaRole.Link, new() { Name = "Close the campaign early" }).ClickAsync();
        await member.SubmitAsync("Close it now");
        await Assertions.Expect(main).ToContainTextAsync("Closed early, on");
        await Assertions.Expect(main).ToContainTextAsync("The board's current diagnostic is Culture diagnostic: autumn");

        // Although the pulse surveyed every team and closed last, the board sees the autumn diagnostic.
        var (boardContext, board) = await SignedInAsync(fixture.DesktopAsync(), "board@demo.example");
        await board.GoAsync("/dashboard/latest");
        await Assertions.Expect(board.Page.Locator("h1")).ToContainTextAsync("Culture dashboard: Culture diagnostic: autumn");
        await Assertions.Expect(board.Page.Locator("main")).ToContainTextAsync("as the change team chose it");
        await boardContext.CloseAsync();
        await context.CloseAsync();
    }

    [Fact]
    public async Task MarkingTheSuggestedChangeInAMetricFromTheWorkspaceRedrawsItsChartAndAssurance()
    {
        var (context, member) = await SignedInAsync(fixture.DesktopAsync(), "analyst@demo.example");
        var page = member.Page;
        await member.GoAsync("/workspace");
        await page.GetByRole(AriaRole.Link, new() { Name = "Metrics", Exact = true }).ClickAsync();
        var section = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Sickness absence rate" }) });
        await Assertions.Expect(section).ToContainTextAsync("a sustained shift");
        var assuranceBefore = await section.Locator(".mdc").Nth(1).InnerTextAsync();
        var chartBefore = await section.Locator("figure.chart svg").InnerHTMLAsync();

        // The month the shift began is chosen already; the change team says what changed then.
        var month = section.GetByLabel("First month of the new process");
        var suggested = await month.InputValueAsync();
        Assert.Matches(@"^\d{4}-\d{2}$", suggested);
        await section.GetByLabel("What changed then").FillAsync("The wellbeing programme began.");
        await member.SubmitAsync("Mark the change in Sickness absence rate", section);

        await Assertions.Expect(section).ToContainTextAsync("New process from");
        await Assertions.Expect(section).ToContainTextAsync("The wellbeing programme began.");
        await Assertions.Expect(section).Not.ToContainTextAsync("a sustained shift");
        Assert.NotEqual(chartBefore, await section.Locator("figure.chart svg").InnerHTMLAsync());
        Assert.Contains("The process changed from", await section.Locator("figure.chart svg desc").TextContentAsync(), StringComparison.Ordinal);
        // The assurance is judged on the new process now, and the page says what the API says.
        var metrics = await TestApp.ReadArrayAsync(await fixture.Admin.GetAsync("/api/metrics"));
        var sickness = metrics.Single(m => m!["id"]!.GetValue<string>() == "sickness-absence")!;
        Assert.Equal(suggested, sickness["changePoints"]![0]!["period"]!.GetValue<string>());
        var assuranceAfter = await section.Locator(".mdc").Nth(1).InnerTextAsync();
        Assert.Contains(sickness["assuranceText"]!.GetValue<string>(), assuranceAfter, StringComparison.Ordinal);
        Assert.NotEqual(assuranceBefore, assuranceAfter);
        await member.CheckAsync("the metrics after a change point is marked");
        await member.ShotAsync("metrics-change-point");

        // Taken away again, so the other tests see the demo as it ships.
        await member.SubmitAsync("Remove the change from " + await section.Locator("ul.change-points strong").First.InnerTextAsync() + " in Sickness absence rate", section);
        await Assertions.Expect(section).ToContainTextAsync("a sustained shift");
        await context.CloseAsync();
    }

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]")]
    private static partial Regex MediaBox();
}
