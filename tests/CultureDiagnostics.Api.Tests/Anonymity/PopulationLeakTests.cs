using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Core.Instruments;

namespace CultureDiagnostics.Api.Tests.Anonymity;

/// <summary>
/// The leaks an analyst found when disclosure was decided on groups rather than on the populations each figure
/// rests on, each replayed through the real endpoints. A figure's population is who contributed to it: an item's
/// answerers, a scale's scored respondents (the half-items rule), a category's scored respondents, a team's
/// complete respondents for listwise agreement. Each test checks the general promise for that kind of figure:
/// a shown figure less the shown figures of the same kind inside it never leaves 1 to threshold − 1 people; and a
/// score beside all its items never isolates the few who answered some items but not all.
/// </summary>
public sealed class PopulationLeakTests : IDisposable
{
    private const int Threshold = 5;

    // Its items allow "not applicable", and its first scale (vision and values) has four items: a score needs two.
    private const string Leadership = "leadership-behaviours";

    private const string Structure = """
        code,name,parent_code
        ORG,Trust,
        DIR-A,Directorate A,ORG
        T1,Team One,DIR-A
        T2,Team Two,DIR-A
        T3,Team Three,DIR-A
        DIR-B,Directorate B,ORG
        T4,Team Four,DIR-B
        T5,Team Five,DIR-B
        """;

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AnItemAnsweredByFewInATeamCannotBeRecoveredFromItsDirectorateLessItsOtherTeams()
    {
        // Three of T1's seven answer lb-vv-2 "not applicable": four answered it. DIR-A's lb-vv-2 less T2's would be those four.
        var (admin, id, codes) = await CampaignAsync(["T1", "T2"]);
        await SubmitAsync(codes["T1"], 4, _ => 1);
        await SubmitAsync(codes["T1"], 3, _ => 5, skip: item => item.Id == "lb-vv-2");
        await SubmitAsync(codes["T2"], 8, _ => 5);
        await CloseAsync(admin, id);

        var tree = await TreeAsync(admin, id);
        var units = await DrillDownsAsync(admin, id, tree.Keys);
        foreach (var item in Instrument().ScaleItems.Where(i => i.Construct == "vision-and-values").Select(i => i.Id))
        {
            AssertNoSmallRemainder(tree, code => ItemN(units[code], item), $"item {item}");
        }
    }

    [Fact]
    public async Task ScoresOfRespondentsWhoAnsweredTooFewItemsCannotBeIsolated()
    {
        // Three of T1's seven answer one item only: they count as answering the scale but have no score.
        var (admin, id, codes) = await CampaignAsync(["T1", "T2"]);
        await SubmitAsync(codes["T1"], 4, _ => 2);
        await SubmitAsync(codes["T1"], 3, _ => 5, skip: item => item.Id != "lb-vv-1");
        await SubmitAsync(codes["T2"], 8, _ => 4);
        await CloseAsync(admin, id);

        var tree = await TreeAsync(admin, id);
        var results = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/results"));
        AssertNoSmallRemainder(tree, code => ScoreN(Row(results, code)["cells"]![0]!), "scale score");
        var units = await DrillDownsAsync(admin, id, tree.Keys);
        AssertNoSmallRemainder(tree, code => ScoreN(units[code]["scales"]![0]!["figures"]!), "scale score in the drill-downs");
    }

    [Fact]
    public async Task ACategoryShownOnItsRespondentsCannotHideFewerScoresFromItsUnit()
    {
        // T1: five nurses, two of whom answer one item only (three scores), and five doctors. T1's score less the
        // doctors' would be the three nurses' scores.
        var (admin, id, codes) = await CampaignAsync(["T1", "T2"]);
        await SubmitAsync(codes["T1"], 3, _ => 1, staffGroup: "nursing-and-midwifery");
        await SubmitAsync(codes["T1"], 2, _ => 5, skip: item => item.Id != "lb-vv-1", staffGroup: "nursing-and-midwifery");
        await SubmitAsync(codes["T1"], 5, _ => 4, staffGroup: "medical-and-dental");
        await SubmitAsync(codes["T2"], 6, _ => 3, staffGroup: "nursing-and-midwifery");
        await CloseAsync(admin, id);

        var results = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/results"));
        var breakdown = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/results/breakdowns/staff-group"));
        var checkedUnits = 0;
        foreach (var unit in breakdown["units"]!.AsArray())
        {
            var code = unit!["unit"]!.GetValue<string>();
            var whole = ScoreN(Row(results, code)["cells"]![0]!);
            var categories = unit["cells"]!.AsArray().Select(c => ScoreN(c!["scales"]![0]!)).ToList();
            if (whole is not { } total || categories.All(c => c is null))
            {
                continue;
            }

            var rest = total - categories.Sum(c => c ?? 0);
            Assert.True(rest == 0 || rest >= Threshold, $"{code}'s scale score less its shown categories leaves {rest} people's scores.");
            checkedUnits++;
        }

        Assert.True(checkedUnits > 0, "No unit's breakdown was shown, so the test proved nothing.");
    }

    [Fact]
    public async Task StatisticsAcrossTeamsCountOnlyTeamsThatArePublished()
    {
        // T3 has one respondent. ICC's group size k, MSB and Kruskal–Wallis' df over every team would give, with the
        // organisation's n, mean and SD, that one person's score.
        var (admin, id, codes) = await CampaignAsync(["T1", "T2", "T3", "T4", "T5"]);
        await SubmitAsync(codes["T1"], 6, _ => 2);
        await SubmitAsync(codes["T2"], 7, _ => 4);
        await SubmitAsync(codes["T3"], 1, _ => 1);
        await SubmitAsync(codes["T4"], 8, item => item.Id == "lb-vv-1" ? 3 : 5);
        await SubmitAsync(codes["T5"], 6, _ => 3);
        await CloseAsync(admin, id);

        var results = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/results"));
        var shownTeams = new[] { "T1", "T2", "T3", "T4", "T5" }
            .Select(code => ScoreN(Row(results, code)["cells"]![0]!))
            .OfType<int>()
            .ToList();
        var teamLevel = results["scales"]![0]!["teamLevel"]!;
        Assert.True(shownTeams.Count >= 2, "Too few teams were shown for the test to mean anything.");
        Assert.Equal(shownTeams.Count - 1, teamLevel["kruskalWallisDf"]!.GetValue<int>());
        // k0, the group size of an unbalanced design, over the shown teams only: (N − Σ n² / N) / (J − 1).
        var (n, squares) = ((double)shownTeams.Sum(), shownTeams.Sum(t => (double)t * t));
        Assert.Equal((n - (squares / n)) / (shownTeams.Count - 1), teamLevel["k"]!.GetValue<double>(), 9);
        Assert.True(teamLevel["teamsWithRwgJ"]!.GetValue<int>() <= shownTeams.Count);
    }

    [Fact]
    public async Task AgreementIsNotComputedForAScaleTeamsDoNotShareSoNeitherCanItDescribeTheFewWhoAnsweredEveryItem()
    {
        // In T1 only two of eight answered every vision-and-values item; a listwise rwg(j) of 1 would say those two
        // answered alike. Vision and values is leaders' behaviour as each person sees it, not something the team
        // shares, so no agreement is computed for it at all, in T1 or in T4 whose eight answered everything. (For
        // team constructs the listwise rule is proved in the Core tests: ScalePopulationPropertyTests.)
        var (admin, id, codes) = await CampaignAsync(["T1", "T2", "T4"]);
        await SubmitAsync(codes["T1"], 2, _ => 4);
        await SubmitAsync(codes["T2"], 5, item => item.Id == "lb-vv-1" ? 5 : 3);
        for (var i = 0; i < 6; i++)
        {
            var skipped = $"lb-vv-{(i % 4) + 1}";
            await SubmitAsync(codes["T1"], 1, _ => 2 + (i % 3), skip: item => item.Id == skipped);
        }

        await SubmitAsync(codes["T4"], 8, item => item.Id == "lb-vv-3" ? 4 : 3);
        await CloseAsync(admin, id);

        foreach (var team in new[] { "T1", "T4" })
        {
            var unit = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/results/units/{team}"));
            Assert.False(unit["scales"]![0]!["figures"]!["suppressed"]!.GetValue<bool>());
            Assert.True(unit["scales"]![0]!["agreement"] is null, $"{team}'s agreement on a scale teams do not share was published: {unit["scales"]![0]!["agreement"]}");
        }

        var results = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/results"));
        var scale = results["scales"]!.AsArray().First(s => s!["construct"]!.GetValue<string>() == "vision-and-values")!;
        Assert.False(scale["teamConstruct"]!.GetValue<bool>());
        Assert.Null(scale["teamLevel"]!["shareOfTeamsAgreeing"]);
        var page = await (await admin.GetAsync($"/workspace/campaigns/{id}/results/units/T4")).Content.ReadAsStringAsync();
        Assert.Contains("not computed: this scale is not something a team shares", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnePersonWhoLeftAnItemOutCannotBeReadFromTheTeamsScoreAndItsItems()
    {
        // Seven of T1's eight answer all four vision-and-values items; one marks lb-vv-2 "not applicable". The score
        // is the mean of the items a person answered, so T1's score sum × 4 less its item sums is (4/3 − 1) × that
        // person's sum: their score, exactly, from the drill-down alone.
        await AssertT1sScoreAndItemsHideAsync(
            async code =>
            {
                await SubmitAsync(code, 7, item => 2 + (item.Id.Length % 3));
                await SubmitAsync(code, 1, _ => 5, skip: item => item.Id == "lb-vv-2");
            },
            (scoreSum, itemSums) => $"4 × its score sum less its item sums is {(scoreSum * 4) - itemSums:0.###}, so the one person "
                + $"who left an item out scored {((scoreSum * 4) - itemSums) / ((4.0 / 3) - 1) / 3:0.###}");
    }

    [Fact]
    public async Task TwoPeopleWhoAnsweredEveryItemCannotBeReadFromTheTeamsScoreAndItsItems()
    {
        // Six of T1's eight each mark one vision-and-values item "not applicable" (a different one in turn, so every
        // item has at least six answers); two answer all four. Each of the six has a score of the mean of their three
        // items, so T1's score sum less a third of its item sums leaves (1 − 4/3) × the two complete respondents'
        // score sum: what those two scored, from the drill-down alone, although the six who left an item out are
        // enough to be shown as a group.
        await AssertT1sScoreAndItemsHideAsync(
            async code =>
            {
                for (var i = 0; i < 6; i++)
                {
                    var skipped = $"lb-vv-{(i % 4) + 1}";
                    await SubmitAsync(code, 1, item => 2 + (item.Id.Length % 3), skip: item => item.Id == skipped);
                }

                await SubmitAsync(code, 2, _ => 5);
            },
            (scoreSum, itemSums) => $"its score sum less a third of its item sums gives the two who answered every item a mean "
                + $"score of {(scoreSum - (itemSums / 3)) / (1 - (4.0 / 3)) / 2:0.###}");
    }

    /// <summary>
    /// T1 answers as <paramref name="answer"/> says; its vision-and-values score must be shown, and never beside all
    /// four items (<paramref name="leak"/> says, from the score sum and the item sums, what that would give away).
    /// </summary>
    private async Task AssertT1sScoreAndItemsHideAsync(Func<string, Task> answer, Func<double, double, string> leak)
    {
        var (admin, id, codes) = await CampaignAsync(["T1"]);
        await answer(codes["T1"]);
        await CloseAsync(admin, id);

        var unit = (await DrillDownsAsync(admin, id, ["T1"]))["T1"];
        var scale = unit["scales"]!.AsArray().First(s => s!["construct"]!.GetValue<string>() == "vision-and-values")!;
        var items = scale["items"]!.AsArray();
        Assert.False(scale["figures"]!["suppressed"]!.GetValue<bool>(), "T1's score should be shown");
        if (items.All(i => !i!["suppressed"]!.GetValue<bool>()))
        {
            var score = scale["figures"]!["scaleScore"]!;
            var scoreSum = score["mean"]!.GetValue<double>() * score["n"]!.GetValue<int>();
            var itemSums = items.Sum(i => i!["mean"]!.GetValue<double>() * i["n"]!.GetValue<int>());
            Assert.Fail($"T1's score and all its items are shown: {leak(scoreSum, itemSums)}");
        }

        Assert.True(items.Count(i => !i!["suppressed"]!.GetValue<bool>()) >= 3, "only one item need be withheld");
    }

    private static void AssertNoSmallRemainder(Dictionary<string, string?> tree, Func<string, int?> shownN, string what)
    {
        var checkedAny = false;
        foreach (var (code, _) in tree)
        {
            if (shownN(code) is not { } n)
            {
                continue;
            }

            var frontier = Frontier(tree, code, shownN).Sum(c => shownN(c)!.Value);
            var rest = n - frontier;
            Assert.True(rest == 0 || rest >= Threshold, $"{what}: {code} ({n}) less the shown units inside it leaves {rest} people.");
            checkedAny = true;
        }

        Assert.True(checkedAny, $"{what}: nothing was shown, so the test proved nothing.");
    }

    /// <summary>The nearest shown units below a unit: what a reader can subtract from it.</summary>
    private static IEnumerable<string> Frontier(Dictionary<string, string?> tree, string code, Func<string, int?> shownN) =>
        tree.Where(kv => kv.Value == code)
            .SelectMany(kv => shownN(kv.Key) is not null ? [kv.Key] : Frontier(tree, kv.Key, shownN));

    private static int? ItemN(JsonObject unit, string item) =>
        unit["scales"]!.AsArray().SelectMany(s => s!["items"]!.AsArray())
            .FirstOrDefault(i => i!["item"]!.GetValue<string>() == item) is { } found && !found["suppressed"]!.GetValue<bool>()
            ? found["n"]!.GetValue<int>()
            : null;

    private static int? ScoreN(JsonNode cell) =>
        cell["suppressed"]!.GetValue<bool>() ? null : cell["scaleScore"]!["n"]!.GetValue<int>();

    private static JsonObject Row(JsonObject results, string unit) =>
        results["heatmap"]!.AsArray().Single(r => r!["unit"]!.GetValue<string>() == unit)!.AsObject();

    private Instrument Instrument() => Scenario.Instrument(_app, Leadership);

    private async Task<(HttpClient Admin, string Id, Dictionary<string, string> Codes)> CampaignAsync(string[] units)
    {
        var admin = await _app.SignedInClientAsync();
        (await admin.PostAsync("/api/units/import", new StringContent(Structure, System.Text.Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var created = await TestApp.ReadObjectAsync(await admin.PostAsJsonAsync("/api/campaigns", new
        {
            title = "Wave", opensOn = "2026-11-01", closesOn = "2026-11-30",
            instruments = new[] { new { id = Leadership } }, units,
        }));
        var id = created["id"]!.GetValue<string>();
        (await admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        return (admin, id, created["units"]!.AsArray().ToDictionary(u => u!["code"]!.GetValue<string>(), u => u!["accessCode"]!.GetValue<string>()));
    }

    private async Task SubmitAsync(string code, int count, Func<Item, int> answer, Func<Item, bool>? skip = null, string? staffGroup = null)
    {
        for (var i = 0; i < count; i++)
        {
            var submission = Scenario.Submission(_app, code, answer, null, Leadership);
            if (skip is not null)
            {
                var items = Instrument().ScaleItems.Where(skip).Select(item => item.Id).ToHashSet();
                foreach (var skipped in submission["answers"]!.AsArray().Where(a => items.Contains(a!["item"]!.GetValue<string>())))
                {
                    skipped!["value"] = "na";
                }
            }

            if (staffGroup is not null)
            {
                submission["demographics"] = new JsonArray(new JsonObject { ["question"] = "staff-group", ["value"] = staffGroup });
            }

            await Scenario.SubmitAsync(_app, submission);
        }
    }

    private static async Task CloseAsync(HttpClient admin, string id) =>
        (await admin.PostAsync($"/api/campaigns/{id}/close", null)).EnsureSuccessStatusCode();

    /// <summary>The units the campaign's results list, each with its parent, as a reader finds them: in tree order, by depth.</summary>
    private static async Task<Dictionary<string, string?>> TreeAsync(HttpClient admin, string id)
    {
        var results = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/results"));
        var parents = new Dictionary<string, string?>();
        var path = new List<string>();
        foreach (var row in results["heatmap"]!.AsArray())
        {
            var depth = row!["depth"]!.GetValue<int>();
            path.RemoveRange(depth, path.Count - depth);
            parents[row["unit"]!.GetValue<string>()] = depth == 0 ? null : path[^1];
            path.Add(row["unit"]!.GetValue<string>());
        }

        return parents;
    }

    private static async Task<Dictionary<string, JsonObject>> DrillDownsAsync(HttpClient admin, string id, IEnumerable<string> codes)
    {
        var units = new Dictionary<string, JsonObject>();
        foreach (var code in codes)
        {
            units[code] = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/results/units/{code}"));
        }

        return units;
    }
}
