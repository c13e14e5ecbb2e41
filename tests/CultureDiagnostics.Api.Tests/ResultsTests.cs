using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Statistics;
using CultureDiagnostics.Data.Accounts;
using CultureDiagnostics.Data.Responses;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests;

public sealed class ResultsTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private Instrument Safety => Scenario.Instrument(_app);

    /// <summary>Respondent i answers every item with a value of their own, so the expected figures are easy to compute here.</summary>
    private static int RawAnswer(int respondent, Item item) => 1 + ((respondent + item.Id.Length + (item.Reverse ? 3 : 0)) % 7);

    private async Task<Scenario.OpenCampaign> CampaignWithResponsesAsync(int team1, int team2, bool close = true)
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        for (var i = 0; i < team1; i++)
        {
            var r = i;
            await Scenario.SubmitAsync(_app, Scenario.Submission(_app, campaign.Code, item => RawAnswer(r, item)));
        }

        for (var i = 0; i < team2; i++)
        {
            var r = 100 + i;
            await Scenario.SubmitAsync(_app, Scenario.Submission(_app, campaign.SecondCode, item => RawAnswer(r, item)));
        }

        if (close)
        {
            (await campaign.Admin.PostAsync($"/api/campaigns/{campaign.CampaignId}/close", null)).EnsureSuccessStatusCode();
        }

        return campaign;
    }

    private double ExpectedScaleScore(int respondent) =>
        Safety.ScaleItems.Average(item => item.Reverse ? 8 - RawAnswer(respondent, item) : RawAnswer(respondent, item));

    private static JsonObject Row(JsonObject results, string unit) =>
        results["heatmap"]!.AsArray().Single(r => r!["unit"]!.GetValue<string>() == unit)!.AsObject();

    [Fact]
    public async Task ResultsOfAnOpenCampaignAreNotPublished()
    {
        var campaign = await CampaignWithResponsesAsync(6, 6, close: false);
        var problem = await ProblemAssert.IsProblemAsync(await campaign.Admin.GetAsync($"/api/campaigns/{campaign.CampaignId}/results"), 409);
        Assert.Contains("once it closes", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await campaign.Admin.GetAsync($"/api/campaigns/{campaign.CampaignId}/results/units/TEAM-1"), 409);
    }

    [Fact]
    public async Task AScalesPooledFavourableCountsItsRespondentsAndItsIntervalTreatsEachPersonsAnswersAsOneCluster()
    {
        // Three of TEAM-1's six gave the favourable answer to every item, three the unfavourable one: half of the
        // answers are favourable, but they come from six people answering alike within themselves, not from as many
        // independent answers as there are items times people.
        var campaign = await Scenario.OpenCampaignAsync(_app);
        for (var i = 0; i < 6; i++)
        {
            var favourable = i < 3;
            await Scenario.SubmitAsync(_app, Scenario.Submission(_app, campaign.Code, item => favourable == !item.Reverse ? 7 : 1));
            await Scenario.SubmitAsync(_app, Scenario.Submission(_app, campaign.SecondCode, item => RawAnswer(i, item)));
        }

        (await campaign.Admin.PostAsync($"/api/campaigns/{campaign.CampaignId}/close", null)).EnsureSuccessStatusCode();
        var results = await TestApp.ReadObjectAsync(await campaign.Admin.GetAsync($"/api/campaigns/{campaign.CampaignId}/results"));
        var cell = Row(results, "TEAM-1")["cells"]!.AsArray().Single(c => c!["construct"]!.GetValue<string>() == "psychological-safety")!;
        var share = cell["favourable"]!;
        var answers = 6 * Safety.ScaleItems.Count();
        Assert.Equal(answers / 2, share["count"]!.GetValue<int>());
        Assert.Equal(0.5, share["share"]!.GetValue<double>(), 12);
        Assert.Equal(6, share["respondents"]!.GetValue<int>());
        Assert.Equal(cell["scaleScore"]!["n"]!.GetValue<int>(), share["respondents"]!.GetValue<int>());
        var (low, high) = (share["ci95"]!["low"]!.GetValue<double>(), share["ci95"]!["high"]!.GetValue<double>());
        // As many independent answers would give about 0.35 to 0.65; six people, 0.1 to 0.9 or wider.
        Assert.True(low < 0.15 && high > 0.85, $"{low} to {high}");
    }

    [Fact]
    public async Task ATeamsPageSaysHowReliableItsMeanIsFromItsSizeAndTheIccAcrossTeams()
    {
        var campaign = await CampaignWithResponsesAsync(6, 7);
        var results = await TestApp.ReadObjectAsync(await campaign.Admin.GetAsync($"/api/campaigns/{campaign.CampaignId}/results"));
        var icc1 = results["scales"]!.AsArray().Single(s => s!["construct"]!.GetValue<string>() == "psychological-safety")!["teamLevel"]!["icc1"]!.GetValue<double>();
        var unit = await TestApp.ReadObjectAsync(await campaign.Admin.GetAsync($"/api/campaigns/{campaign.CampaignId}/results/units/TEAM-1"));
        var n = unit["scales"]![0]!["figures"]!["scaleScore"]!["n"]!.GetValue<int>();
        // Spearman–Brown of ICC(1) to the team's size, an ICC(1) below 0 read as 0 (Bliese 2000).
        var read = Math.Max(icc1, 0);
        var expected = n * read / (1 + ((n - 1) * read));

        var page = System.Net.WebUtility.HtmlDecode(await (await campaign.Admin.GetAsync($"/workspace/campaigns/{campaign.CampaignId}/results/units/TEAM-1")).Content.ReadAsStringAsync());
        Assert.Contains($"How reliable this team's mean is: <strong>{expected.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}</strong>", page, StringComparison.Ordinal);
        Assert.Contains($"stepped up to this team's {n} people", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrganisationFiguresMatchTheAnswersGiven()
    {
        var campaign = await CampaignWithResponsesAsync(6, 7);
        var results = await TestApp.ReadObjectAsync(await campaign.Admin.GetAsync($"/api/campaigns/{campaign.CampaignId}/results"));

        var scores = Enumerable.Range(0, 6).Concat(Enumerable.Range(100, 7)).Select(ExpectedScaleScore).ToList();
        var scale = results["scales"]!.AsArray().Single(s => s!["construct"]!.GetValue<string>() == "psychological-safety")!;
        var organisation = scale["organisation"]!;
        Assert.False(organisation["suppressed"]!.GetValue<bool>());
        Assert.Equal(13, organisation["scaleScore"]!["n"]!.GetValue<int>());
        Assert.Equal(scores.Average(), organisation["scaleScore"]!["mean"]!.GetValue<double>(), 12);
        var favourable = Enumerable.Range(0, 6).Concat(Enumerable.Range(100, 7))
            .SelectMany(r => Safety.ScaleItems.Select(item => item.Reverse ? 8 - RawAnswer(r, item) : RawAnswer(r, item)))
            .Count(x => x >= 6);
        Assert.Equal(favourable, organisation["favourable"]!["count"]!.GetValue<int>());
        Assert.NotNull(scale["reliability"]!["alphaRaw"]);
        Assert.NotNull(scale["teamLevel"]!["icc1"]);
        Assert.Equal(13, results["respondents"]!["value"]!.GetValue<int>());
    }

    [Fact]
    public async Task SmallTeamIsSuppressedAndItsSiblingWithheldSoSubtractionRevealsNothing()
    {
        var campaign = await CampaignWithResponsesAsync(6, 2);
        var response = await campaign.Admin.GetAsync($"/api/campaigns/{campaign.CampaignId}/results");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var results = await TestApp.ReadObjectAsync(response);

        var small = Row(results, "TEAM-2");
        Assert.Null(small["respondents"]!["value"]);
        Assert.Equal(5, small["respondents"]!["fewerThan"]!.GetValue<int>());
        var smallCell = small["cells"]![0]!;
        Assert.True(smallCell["suppressed"]!.GetValue<bool>());
        Assert.Null(smallCell["scaleScore"]);
        Assert.Null(small["responseRatePercent"]);

        var sibling = Row(results, "TEAM-1");
        Assert.True(sibling["cells"]![0]!["suppressed"]!.GetValue<bool>());
        Assert.Null(sibling["respondents"]!["value"]);

        var directorate = Row(results, "DIR-A");
        Assert.Equal(8, directorate["cells"]![0]!["scaleScore"]!["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task UnitDrillDownShowsItemsAgreementAndTheDifferenceFromTheOrganisation()
    {
        var campaign = await CampaignWithResponsesAsync(6, 7);
        var unit = await TestApp.ReadObjectAsync(await campaign.Admin.GetAsync($"/api/campaigns/{campaign.CampaignId}/results/units/TEAM-1"));

        var scale = unit["scales"]![0]!;
        Assert.Equal(6, scale["figures"]!["scaleScore"]!["n"]!.GetValue<int>());
        var items = scale["items"]!.AsArray();
        Assert.Equal(7, items.Count);
        Assert.All(items, item => Assert.Equal(item!["n"]!.GetValue<int>(), item["distribution"]!.AsArray().Sum(p => p!["count"]!.GetValue<int>())));
        Assert.NotNull(scale["agreement"]);

        var teamMean = Enumerable.Range(0, 6).Select(ExpectedScaleScore).Average();
        var organisationMean = Enumerable.Range(0, 6).Concat(Enumerable.Range(100, 7)).Select(ExpectedScaleScore).Average();
        var versus = scale["versusOrganisation"]!;
        Assert.Equal(teamMean - organisationMean, versus["difference"]!.GetValue<double>(), 12);
        Assert.True(versus["ci95"]!["low"]!.GetValue<double>() <= versus["difference"]!.GetValue<double>());
        await ProblemAssert.IsProblemAsync(await campaign.Admin.GetAsync($"/api/campaigns/{campaign.CampaignId}/results/units/NOPE"), 404);
    }

    [Fact]
    public async Task ATeamsAgreementIsWhatItsMembersAnsweredGaveAgainstBothNullsAndSaysWhetherItIsBeyondChance()
    {
        var campaign = await CampaignWithResponsesAsync(6, 7);
        var unit = await TestApp.ReadObjectAsync(await campaign.Admin.GetAsync($"/api/campaigns/{campaign.CampaignId}/results/units/TEAM-1"));
        var agreement = unit["scales"]![0]!["agreement"]!;

        var items = Safety.ScaleItems.ToList();
        var scored = Enumerable.Range(0, 6).Select(r => items.Select(item => (double)(item.Reverse ? 8 - RawAnswer(r, item) : RawAnswer(r, item))).ToArray()).ToList();
        var means = Enumerable.Range(0, items.Count).Select(i => scored.Average(a => a[i])).ToArray();
        var meanVariance = Enumerable.Range(0, items.Count).Average(i => scored.Sum(a => Math.Pow(a[i] - means[i], 2)) / (scored.Count - 1));
        double RwgJ(double nullVariance)
        {
            var ratio = Math.Min(meanVariance, nullVariance) / nullVariance;
            return items.Count * (1 - ratio) / ((items.Count * (1 - ratio)) + ratio);
        }

        // Uniform null (7² − 1) / 12 = 4; the slightly skewed null's variance for seven options, as R computes it in
        // Core.Tests/Reference/agreement-beyond-uniform.
        Assert.Equal(RwgJ(4), agreement["rwgJ"]!.GetValue<double>(), 12);
        Assert.Equal(RwgJ(2.78489795918367), agreement["rwgJSlightSkew"]!.GetValue<double>(), 12);
        var deviation = Enumerable.Range(0, items.Count).Average(i => scored.Average(a => Math.Abs(a[i] - means[i])));
        Assert.Equal(deviation, agreement["adMJListwise"]!.GetValue<double>(), 12);

        var chance = AgreementByChance.RwgJ95(6, items.Count, 7)!.Value;
        Assert.Equal(chance, agreement["rwgJChance95"]!.GetValue<double>(), 12);
        Assert.Equal(RwgJ(4) > chance, agreement["beyondChance"]!.GetValue<bool>());
        Assert.Equal(Agreement.TeamReading(RwgJ(4), RwgJ(2.78489795918367), chance), agreement["reading"]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryItemShowsWhatPeopleAnsweredUnderTheLabelsTheyChoseAndReverseKeyedOnesCountTheLowAnswersFavourable()
    {
        var campaign = await CampaignWithResponsesAsync(6, 7);
        var unit = await TestApp.ReadObjectAsync(await campaign.Admin.GetAsync($"/api/campaigns/{campaign.CampaignId}/results/units/TEAM-1"));
        var labels = Safety.Scales[0].Points.ToDictionary(p => p.Value, p => p.Label);

        var items = unit["scales"]![0]!["items"]!.AsArray();
        Assert.Contains(items, i => i!["reverse"]!.GetValue<bool>());
        foreach (var published in items)
        {
            var item = Safety.FindItem(published!["item"]!.GetValue<string>())!;
            var answers = Enumerable.Range(0, 6).Select(r => RawAnswer(r, item)).ToList();
            var what = $"{item.Id}{(item.Reverse ? " (reverse-keyed)" : "")}";
            foreach (var point in published["distribution"]!.AsArray())
            {
                var value = point!["value"]!.GetValue<int>();
                Assert.Equal(labels[value], point["label"]!.GetValue<string>());
                Assert.True(answers.Count(a => a == value) == point["count"]!.GetValue<int>(), $"{what}: how many answered {value} ({labels[value]})");
            }

            Assert.Equal(answers.Average(), published["mean"]!.GetValue<double>(), 12);
            var sorted = answers.Order().ToList();
            Assert.Equal((sorted[2] + sorted[3]) / 2.0, published["median"]!.GetValue<double>(), 12);
            var ci = published["ci95"]!;
            Assert.True(ci["low"]!.GetValue<double>() < answers.Average() && answers.Average() < ci["high"]!.GetValue<double>(), $"{what}: interval around the mean answer");
            int[] favourable = item.Reverse ? [1, 2] : [6, 7];
            Assert.Equal(favourable, published["favourableAnswers"]!.AsArray().Select(v => v!.GetValue<int>()));
            Assert.True(answers.Count(favourable.Contains) == published["favourable"]!["count"]!.GetValue<int>(), $"{what}: favourable answers");
            Assert.True(answers.Count(a => item.Reverse ? a >= 6 : a <= 2) == published["unfavourable"]!["count"]!.GetValue<int>(), $"{what}: unfavourable answers");
        }
    }

    [Fact]
    public async Task ATeamThatAnsweredAlikeGetsNoZeroWidthIntervalAndThePageSaysThereWasNoVariation()
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        for (var i = 0; i < 6; i++)
        {
            await Scenario.SubmitAsync(_app, Scenario.Submission(_app, campaign.Code, item => item.Reverse ? 2 : 6));
            var r = 100 + i;
            await Scenario.SubmitAsync(_app, Scenario.Submission(_app, campaign.SecondCode, item => RawAnswer(r, item)));
        }

        (await campaign.Admin.PostAsync($"/api/campaigns/{campaign.CampaignId}/close", null)).EnsureSuccessStatusCode();
        var unit = await TestApp.ReadObjectAsync(await campaign.Admin.GetAsync($"/api/campaigns/{campaign.CampaignId}/results/units/TEAM-1"));
        var score = unit["scales"]![0]!["figures"]!["scaleScore"]!;
        Assert.Equal(6, score["mean"]!.GetValue<double>(), 12);
        Assert.Equal(0, score["sd"]!.GetValue<double>());
        // Six who agree leave room for up to 1 − 0.025^(1/6) of the team's population answering otherwise, at worst at
        // the scale's far ends (1 and 7).
        var differing = 1 - Math.Pow(0.025, 1.0 / 6);
        Assert.Equal(6 - (differing * 5), score["ci95"]!["low"]!.GetValue<double>(), 9);
        Assert.Equal(6 + (differing * 1), score["ci95"]!["high"]!.GetValue<double>(), 9);

        var page = await (await campaign.Admin.GetAsync($"/workspace/campaigns/{campaign.CampaignId}/results/units/TEAM-1")).Content.ReadAsStringAsync();
        Assert.Contains("no variation: everyone answered alike", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitIsComparedWithTheSameUnitInThePreviousWave()
    {
        _app.Clock.Now = new DateTimeOffset(2026, 9, 10, 9, 0, 0, TimeSpan.Zero);
        var admin = await _app.SignedInClientAsync();
        (await admin.PostAsync("/api/units/import", new StringContent(Scenario.StructureCsv, System.Text.Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var first = await TestApp.ReadObjectAsync(await admin.PostAsJsonAsync("/api/campaigns", new
        {
            title = "September wave", opensOn = "2026-09-01", closesOn = "2026-09-30",
            instruments = new[] { new { id = "psychological-safety" } }, units = new[] { "TEAM-1", "TEAM-2" },
        }));
        var firstId = first["id"]!.GetValue<string>();
        (await admin.PostAsync($"/api/campaigns/{firstId}/open", null)).EnsureSuccessStatusCode();
        var firstCode = first["units"]!.AsArray().Single(u => u!["code"]!.GetValue<string>() == "TEAM-1")!["accessCode"]!.GetValue<string>();
        for (var i = 0; i < 6; i++)
        {
            await Scenario.SubmitAsync(_app, Scenario.Submission(_app, firstCode, _ => 4));
        }

        (await admin.PostAsync($"/api/campaigns/{firstId}/close", null)).EnsureSuccessStatusCode();
        _app.Clock.Now = TestApp.Today;
        var second = await CampaignWithResponsesAsync(6, 6);

        var unit = await TestApp.ReadObjectAsync(await second.Admin.GetAsync($"/api/campaigns/{second.CampaignId}/results/units/TEAM-1"));
        var versus = unit["scales"]![0]!["versusPreviousWave"]!;
        Assert.Equal("September wave", versus["against"]!.GetValue<string>());
        Assert.Equal(Enumerable.Range(0, 6).Select(ExpectedScaleScore).Average() - 4.0, versus["difference"]!.GetValue<double>(), 12);
        Assert.Contains("compared as independent samples although many people answer both", versus["judged"]!.GetValue<string>(), StringComparison.Ordinal);
        var page = await (await second.Admin.GetAsync($"/workspace/campaigns/{second.CampaignId}/results/units/TEAM-1")).Content.ReadAsStringAsync();
        Assert.Contains("does not overstate certainty", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalysisIsRecomputedWhenResponsesChangeAndConcurrentReadersAgree()
    {
        var campaign = await CampaignWithResponsesAsync(6, 6);
        var url = $"/api/campaigns/{campaign.CampaignId}/results";
        var before = await TestApp.ReadObjectAsync(await campaign.Admin.GetAsync(url));
        Assert.Equal(12, before["respondents"]!["value"]!.GetValue<int>());

        // An earlier wave's responses imported after the fact change the campaign's data.
        var unitId = (await _app.Services.GetRequiredService<Data.Campaigns.CampaignStore>().FindAsync(campaign.CampaignId))!.Units[0].UnitId;
        var answers = Safety.ScaleItems.Select(i => new AcceptedAnswer(Safety.Id, i.Id, 3, null, false)).ToList();
        await _app.Services.GetRequiredService<ResponseStore>().StoreBatchAsync(
            campaign.CampaignId, [(unitId, new DateOnly(2026, 11, 20), new AcceptedSubmission(answers, [], []))]);

        var bodies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => campaign.Admin.GetStringAsync(url)));
        Assert.Single(bodies.Distinct());
        Assert.Equal(13, JsonNode.Parse(bodies[0])!["respondents"]!["value"]!.GetValue<int>());
    }

    [Fact]
    public async Task BoardMembersReadResultsAndAnonymousVisitorsCannot()
    {
        var campaign = await CampaignWithResponsesAsync(6, 6);
        var board = await _app.SignedInClientAsync(Roles.Board);
        Assert.Equal(HttpStatusCode.OK, (await board.GetAsync($"/api/campaigns/{campaign.CampaignId}/results")).StatusCode);
        await ProblemAssert.IsProblemAsync(await _app.CreateClient().GetAsync($"/api/campaigns/{campaign.CampaignId}/results"), 401);
    }
}
