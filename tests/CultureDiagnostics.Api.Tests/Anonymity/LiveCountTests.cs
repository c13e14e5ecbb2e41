using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;
using CultureDiagnostics.Core.Disclosure;
using CultureDiagnostics.Data.Accounts;

namespace CultureDiagnostics.Api.Tests.Anonymity;

/// <summary>
/// Padding through a shared link: whoever holds a team's poster link sends responses of their own and watches the
/// live count, to learn how many real responses the team has (and, after closing, to subtract their own). Live
/// counts are rounded at a secret point per team and a day behind (LiveCounts): the watcher never learns an exact
/// count, and nothing moves between two days.
/// </summary>
public sealed class LiveCountTests : IDisposable
{
    private const string Structure = """
        code,name,parent_code,headcount
        ORG,Trust,,
        DIR,Directorate,ORG,
        SMALL,Small team,DIR,6
        LARGE,Large team,DIR,40
        """;

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>
    /// The attacker's best inference, by brute force: every real count (up to the team's headcount) that, under some
    /// rule the platform could be following (rounding at any of the base's points, or no rounding at all), would
    /// have shown exactly what was seen, day after day, given the fakes they had sent.
    /// </summary>
    private static List<int> RealCountsConsistentWith(IReadOnlyList<(int FakesCounted, int Shown)> seen, int @base, int headcount)
    {
        var rules = Enumerable.Range(0, @base).Select(offset => (Func<int, int>)(count => LiveCounts.Round(count, offset, @base))).Append(count => count);
        return Enumerable.Range(0, headcount + 1)
            .Where(real => rules.Any(rule => seen.All(s => rule(real + s.FakesCounted) == s.Shown)))
            .ToList();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task PaddingASmallTeamOneResponseADayNeverTellsHowManyRealResponsesItHas(int real)
    {
        var (id, codes) = await OpenCampaignAsync();
        await SubmitAsync(codes["SMALL"], real);
        await SubmitAsync(codes["LARGE"], 17);

        var seen = new List<(int FakesCounted, int Shown)>();
        int? @base = null;
        for (var fakes = 0; fakes <= 12; fakes++)
        {
            // Each morning the attacker signs in, reads yesterday's counts on the API and on the campaign's page, and sends one more.
            _app.Clock.Now += TimeSpan.FromDays(1);
            var attacker = await WorkspaceClient.SignedInAsync(_app, Roles.Analyst);
            var rates = await TestApp.ReadObjectAsync(await attacker.GetAsync($"/api/campaigns/{id}/response-rates"));
            @base = rates["roundedTo"]!.GetValue<int>();
            var rows = rates["units"]!.AsArray();
            var small = About(rows, "SMALL");
            Assert.All(rows, r => Assert.Null(r!["respondents"]!["value"]));
            // The directorate adds up its teams' rounded counts: subtracting the large team gives the small team's figure, no more.
            Assert.Equal(small + About(rows, "LARGE"), About(rows, "DIR"));
            Assert.Equal($"about {small}", await PageCountAsync(attacker, id, "Small team"));
            seen.Add((fakes, small));
            await SubmitAsync(codes["SMALL"], 1);
        }

        var candidates = RealCountsConsistentWith(seen, @base!.Value, headcount: 6);
        Assert.Contains(real, candidates);
        Assert.True(candidates.Count >= 2, $"After padding, the attacker knows the small team has exactly {string.Join(", ", candidates)} real responses.");
        Assert.Contains(seen, s => s.Shown != seen[0].Shown); // the count did move: the attacker saw it step
    }

    [Fact]
    public async Task NothingAnyoneSendsDuringADayMovesTheCountsBeforeTheNextDay()
    {
        var (id, codes) = await OpenCampaignAsync();
        await SubmitAsync(codes["SMALL"], 2);
        _app.Clock.Now = new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero);
        var analyst = await WorkspaceClient.SignedInAsync(_app, Roles.Analyst);
        var morningJson = await analyst.GetStringAsync($"/api/campaigns/{id}/response-rates");
        var morningPage = await PageTableAsync(analyst, id);

        // One response an hour, through both links, all day: the counts, the rates and the page stay as they were.
        for (var hour = 0; hour < 24; hour++)
        {
            _app.Clock.Now = new DateTimeOffset(2026, 11, 3, hour, 59, 59, TimeSpan.Zero);
            await SubmitAsync(codes[hour % 2 == 0 ? "SMALL" : "LARGE"], 1);
            Assert.Equal(morningJson, await analyst.GetStringAsync($"/api/campaigns/{id}/response-rates"));
            Assert.Equal(morningPage, await PageTableAsync(analyst, id));
        }

        // The next day the day's twelve responses per team are counted: rounding moves a count by exactly the base for
        // each base's worth of responses, so each team's figure has risen by 10 (base 5) whatever its rounding point.
        var before = JsonNode.Parse(morningJson)!["units"]!.AsArray();
        _app.Clock.Now = new DateTimeOffset(2026, 11, 4, 0, 0, 0, TimeSpan.Zero);
        var after = (await TestApp.ReadObjectAsync(await analyst.GetAsync($"/api/campaigns/{id}/response-rates")))["units"]!.AsArray();
        Assert.InRange(About(after, "SMALL") - About(before, "SMALL"), 10, 15);
        Assert.InRange(About(after, "LARGE") - About(before, "LARGE"), 10, 15);
    }

    [Fact]
    public async Task OnceTheCampaignClosesTheCountsAreTheResultsOwn()
    {
        var (id, codes) = await OpenCampaignAsync();
        await SubmitAsync(codes["SMALL"], 3);
        await SubmitAsync(codes["LARGE"], 12);
        var admin = await WorkspaceClient.SignedInAsync(_app);
        (await admin.PostAsync($"/api/campaigns/{id}/close", null)).EnsureSuccessStatusCode();

        var rates = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/response-rates"));
        var results = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/results"));
        Assert.Null(rates["countedUntil"]);
        Assert.Null(rates["roundedTo"]);
        foreach (var row in rates["units"]!.AsArray())
        {
            var unit = row!["unit"]!.GetValue<string>();
            var heatmap = results["heatmap"]!.AsArray().Single(h => h!["unit"]!.GetValue<string>() == unit)!;
            Assert.Null(row["respondents"]!["about"]);
            Assert.Equal(heatmap["respondents"]!["value"]?.GetValue<int>(), row["respondents"]!["value"]?.GetValue<int>());
            Assert.Equal(heatmap["respondents"]!["fewerThan"]?.GetValue<int>(), row["respondents"]!["fewerThan"]?.GetValue<int>());
            Assert.Equal(heatmap["responseRatePercent"]?.GetValue<int>(), row["responseRatePercent"]?.GetValue<int>());
        }

        Assert.Equal(5, rates["units"]!.AsArray().Single(r => r!["unit"]!.GetValue<string>() == "SMALL")!["respondents"]!["fewerThan"]!.GetValue<int>());
    }

    /// <summary>
    /// The rule in general, by exhaustion: for every real count, every rounding point and every base a threshold
    /// gives, an attacker who pads one response at a time through three bases' worth of steps is left with at least
    /// two real counts that fit what they saw (a whole base of them once the count reaches base − 1); only "nobody
    /// has answered" can be pinned. Rounding never moves a count by the base or more, and is right on average.
    /// </summary>
    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void RoundingLeavesAPaddingAttackerAtLeastTwoCandidatesForEveryRealCount(int threshold)
    {
        var @base = LiveCounts.BaseFor(threshold);
        Assert.Equal(Math.Max(5, threshold), @base);
        for (var real = 0; real <= 3 * @base; real++)
        {
            for (var offset = 0; offset < @base; offset++)
            {
                var seen = Enumerable.Range(0, 3 * @base).Select(fakes => (fakes, LiveCounts.Round(real + fakes, offset, @base))).ToList();
                var candidates = RealCountsConsistentWith(seen, @base, headcount: 10 * @base);
                Assert.Contains(real, candidates);
                Assert.True(real == 0 || candidates.Count >= 2, $"A real count of {real} (offset {offset}) was pinned.");
                Assert.True(real < @base - 1 || candidates.Count == @base, $"A real count of {real} (offset {offset}) was narrowed to {candidates.Count}.");
            }

            Assert.All(Enumerable.Range(0, @base), offset => Assert.InRange(LiveCounts.Round(real, offset, @base), real - @base + 1, real + @base - 1));
            Assert.Equal(real * @base, Enumerable.Range(0, @base).Sum(offset => LiveCounts.Round(real, offset, @base)));
        }

        // The point is the campaign's secret, not a rule the attacker could know: across keys it takes every value.
        var points = Enumerable.Range(0, 200).Select(_ => LiveCounts.Offset(RandomNumberGenerator.GetBytes(32), "SMALL", @base)).Distinct().Count();
        Assert.Equal(@base, points);
    }

    private async Task<(string Id, Dictionary<string, string> Codes)> OpenCampaignAsync()
    {
        _app.Clock.Now = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var admin = await WorkspaceClient.SignedInAsync(_app);
        (await admin.PostAsync("/api/units/import", new StringContent(Structure, System.Text.Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var created = await TestApp.ReadObjectAsync(await admin.PostAsJsonAsync("/api/campaigns", new
        {
            title = "Wave", opensOn = "2026-11-01", closesOn = "2026-11-30",
            instruments = new[] { new { id = "psychological-safety" } }, units = new[] { "SMALL", "LARGE" },
        }));
        var id = created["id"]!.GetValue<string>();
        (await admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        return (id, created["units"]!.AsArray().ToDictionary(u => u!["code"]!.GetValue<string>(), u => u!["accessCode"]!.GetValue<string>()));
    }

    private async Task SubmitAsync(string code, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Scenario.SubmitAsync(_app, Scenario.ValidSubmission(_app, code));
        }
    }

    private static int About(JsonArray rows, string unit) =>
        rows.Single(r => r!["unit"]!.GetValue<string>() == unit)!["respondents"]!["about"]!.GetValue<int>();

    /// <summary>The "Responses by unit" table of the campaign's page, as text.</summary>
    private static async Task<string> PageTableAsync(HttpClient client, string id) =>
        ResponsesTable(WorkspaceClient.Parse(await client.GetStringAsync($"/workspace/campaigns/{id}"))).TextContent;

    private static async Task<string> PageCountAsync(HttpClient client, string id, string unitName)
    {
        var table = ResponsesTable(WorkspaceClient.Parse(await client.GetStringAsync($"/workspace/campaigns/{id}")));
        var row = table.QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("td")!.TextContent.Trim() == unitName);
        return row.QuerySelectorAll("td")[1].TextContent.Trim();
    }

    private static IElement ResponsesTable(IDocument page) =>
        page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.StartsWith("Responses by unit", StringComparison.Ordinal));
}
