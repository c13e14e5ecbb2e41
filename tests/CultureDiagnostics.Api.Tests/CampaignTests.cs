using System.Net;
using System.Net.Http.Json;
using System.Text;
using CultureDiagnostics.Api.Tests.Support;

namespace CultureDiagnostics.Api.Tests;

public sealed class CampaignTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<HttpClient> AdminWithStructureAsync()
    {
        var admin = await _app.SignedInClientAsync();
        (await admin.PostAsync("/api/units/import", new StringContent(Scenario.StructureCsv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        return admin;
    }

    private static object Campaign(int? scoreThreshold = null, int? commentThreshold = null, string closesOn = "2026-11-30") => new
    {
        title = "Autumn wave",
        opensOn = "2026-11-01",
        closesOn,
        instruments = new[] { new { id = "psychological-safety" } },
        units = new[] { "TEAM-1", "TEAM-2" },
        scoreThreshold,
        commentThreshold,
    };

    [Fact]
    public async Task ANullWhereAnInstrumentBelongsIsAProblemNamingItNotAServerError()
    {
        var admin = await AdminWithStructureAsync();
        var response = await admin.PostAsync("/api/campaigns", new StringContent("""{"instruments":[null]}""", System.Text.Encoding.UTF8, "application/json"));
        await ProblemAssert.HasFieldErrorAsync(response, "instruments[0]");
        Assert.Empty(await TestApp.ReadArrayAsync(await admin.GetAsync("/api/campaigns")));
    }

    [Fact]
    public async Task NewCampaignHasDefaultThresholdsAndAnUnguessableLinkPerUnit()
    {
        var admin = await AdminWithStructureAsync();
        var response = await admin.PostAsJsonAsync("/api/campaigns", Campaign());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var campaign = await TestApp.ReadObjectAsync(response);

        Assert.Equal(5, campaign["scoreThreshold"]!.GetValue<int>());
        Assert.Equal(10, campaign["commentThreshold"]!.GetValue<int>());
        Assert.Equal("draft", campaign["status"]!.GetValue<string>());
        var units = campaign["units"]!.AsArray();
        Assert.Equal(2, units.Count);
        foreach (var unit in units)
        {
            var code = unit!["accessCode"]!.GetValue<string>();
            Assert.Matches("^[a-z2-9]{10}$", code);
            Assert.Equal($"https://survey.test/s/{code}", unit["link"]!.GetValue<string>());
        }

        Assert.NotEqual(units[0]!["accessCode"]!.GetValue<string>(), units[1]!["accessCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task ThresholdBelowTheFloorIsRejected()
    {
        var admin = await AdminWithStructureAsync();
        var response = await admin.PostAsJsonAsync("/api/campaigns", Campaign(scoreThreshold: 2, commentThreshold: 1));

        await ProblemAssert.HasFieldErrorAsync(response, "scoreThreshold");
        await ProblemAssert.HasFieldErrorAsync(response, "commentThreshold");
        Assert.Equal(0, _app.Count("campaigns"));
    }

    [Fact]
    public async Task InvalidCampaignNamesEveryBadFieldAndStoresNothing()
    {
        var admin = await AdminWithStructureAsync();
        var response = await admin.PostAsJsonAsync("/api/campaigns", new
        {
            title = "",
            opensOn = "2026-11-10",
            closesOn = "2026-11-01",
            instruments = new[] { new { id = "no-such-instrument" } },
            units = new[] { "TEAM-1", "NOPE" },
        });

        await ProblemAssert.HasFieldErrorAsync(response, "title");
        await ProblemAssert.HasFieldErrorAsync(response, "closesOn");
        await ProblemAssert.HasFieldErrorAsync(response, "instruments[0]");
        await ProblemAssert.HasFieldErrorAsync(response, "units[1]");
        Assert.Equal(0, _app.Count("campaigns"));
        Assert.Equal(0, _app.Count("campaign_units"));
    }

    [Fact]
    public async Task MalformedDateIsRejectedNamingTheField()
    {
        var admin = await AdminWithStructureAsync();
        var response = await admin.PostAsync("/api/campaigns", new StringContent(
            """{"title":"x","opensOn":"next tuesday","closesOn":"2026-11-30","instruments":[{"id":"psychological-safety"}],"units":["TEAM-1"]}""",
            Encoding.UTF8, "application/json"));
        await ProblemAssert.HasFieldErrorAsync(response, "opensOn");
        Assert.Equal(0, _app.Count("campaigns"));
    }

    [Fact]
    public async Task ThresholdsCanChangeBeforeOpeningButAreFixedOnceOpen()
    {
        var admin = await AdminWithStructureAsync();
        var campaign = await TestApp.ReadObjectAsync(await admin.PostAsJsonAsync("/api/campaigns", Campaign()));
        var id = campaign["id"]!.GetValue<string>();

        var changed = await admin.PutAsJsonAsync($"/api/campaigns/{id}/thresholds", new { scoreThreshold = 8, commentThreshold = 12 });
        Assert.Equal(8, (await TestApp.ReadObjectAsync(changed))["scoreThreshold"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/campaigns/{id}/open", null)).StatusCode);
        var refused = await admin.PutAsJsonAsync($"/api/campaigns/{id}/thresholds", new { scoreThreshold = 5, commentThreshold = 10 });
        var problem = await ProblemAssert.IsProblemAsync(refused, 409);
        Assert.Contains("fixed once a campaign opens", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var after = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}"));
        Assert.Equal(8, after["scoreThreshold"]!.GetValue<int>());
    }

    [Fact]
    public async Task CampaignMovesFromDraftToOpenToClosedOnly()
    {
        var admin = await AdminWithStructureAsync();
        var id = (await TestApp.ReadObjectAsync(await admin.PostAsJsonAsync("/api/campaigns", Campaign())))["id"]!.GetValue<string>();

        await ProblemAssert.IsProblemAsync(await admin.PostAsync($"/api/campaigns/{id}/close", null), 409);
        var opened = await TestApp.ReadObjectAsync(await admin.PostAsync($"/api/campaigns/{id}/open", null));
        Assert.True(opened["acceptingResponses"]!.GetValue<bool>());
        await ProblemAssert.IsProblemAsync(await admin.PostAsync($"/api/campaigns/{id}/open", null), 409);
        var closed = await TestApp.ReadObjectAsync(await admin.PostAsync($"/api/campaigns/{id}/close", null));
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        await ProblemAssert.IsProblemAsync(await admin.PostAsync("/api/campaigns/nope/open", null), 404);
    }

    [Fact]
    public async Task RespondentsCanReadTheSurveyBehindTheirCodeWithoutAnAccount()
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        var survey = await TestApp.ReadObjectAsync(await _app.CreateClient().GetAsync($"/api/survey/{campaign.Code}"));

        Assert.Equal("Test wave", survey["title"]!.GetValue<string>());
        Assert.Equal("open", survey["status"]!.GetValue<string>());
        Assert.Equal(5, survey["scoreThreshold"]!.GetValue<int>());
        Assert.Equal("psychological-safety", survey["instruments"]![0]!["id"]!.GetValue<string>());
        await ProblemAssert.IsProblemAsync(await _app.CreateClient().GetAsync("/api/survey/unknown123"), 404);
    }
}
