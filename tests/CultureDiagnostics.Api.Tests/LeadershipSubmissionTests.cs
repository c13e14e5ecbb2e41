using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Core.Instruments;
using Dapper;

namespace CultureDiagnostics.Api.Tests;

/// <summary>The leadership instrument: conditional leader section, comments and demographic questions.</summary>
public sealed class LeadershipSubmissionTests : IAsyncLifetime
{
    private const string Leadership = "leadership-behaviours";
    private readonly TestApp _app = new();
    private HttpClient _client = null!;
    private Scenario.OpenCampaign _campaign = null!;
    private Instrument _instrument = null!;

    public async Task InitializeAsync()
    {
        _campaign = await Scenario.OpenCampaignAsync(_app, Leadership);
        _client = _app.CreateClient();
        _instrument = Scenario.Instrument(_app, Leadership);
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private Section LeaderSection => _instrument.Sections.Single(s => s.Condition is not null);

    private JsonObject Valid() => Scenario.ValidSubmission(_app, _campaign.Code, null, Leadership);

    [Fact]
    public async Task LeaderSectionAnsweredBySomeoneWhoDoesNotLeadIsRejected()
    {
        var submission = Valid();
        var item = LeaderSection.Items.First(i => i.Type == ItemType.Scale);
        submission["answers"]!.AsArray().Add(new JsonObject { ["instrument"] = Leadership, ["item"] = item.Id, ["value"] = 3 });
        var messages = await ProblemAssert.HasFieldErrorAsync(await _client.PostAsJsonAsync("/api/responses", submission), $"answers[{Leadership}/{item.Id}]");

        Assert.Contains("only asked when", messages[0], StringComparison.Ordinal);
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task ALeaderMustAnswerTheLeaderSection()
    {
        var submission = Valid();
        var gate = submission["answers"]!.AsArray().Single(a => a!["item"]!.GetValue<string>() == LeaderSection.Condition!.Item)!;
        gate["value"] = LeaderSection.Condition!.Value;
        var response = await _client.PostAsJsonAsync("/api/responses", submission);
        var required = LeaderSection.Items.First(i => i.Required && i.Type == ItemType.Scale);

        await ProblemAssert.HasFieldErrorAsync(response, $"answers[{Leadership}/{required.Id}]");
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task CommentsAndDemographicsAreStoredAndCommentsCarryNoLinkToTheResponse()
    {
        var submission = Valid();
        var textItem = _instrument.Items.First(i => i.Type == ItemType.Text);
        var question = _instrument.Demographics[0];
        submission["comments"] = new JsonArray(new JsonObject { ["instrument"] = Leadership, ["item"] = textItem.Id, ["text"] = "  More time for huddles.  " });
        submission["demographics"] = new JsonArray(new JsonObject { ["question"] = question.Id, ["value"] = question.Options[0].Value });

        var response = await _client.PostAsJsonAsync("/api/responses", submission);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var db = _app.OpenDatabase();
        Assert.Equal("More time for huddles.", db.ExecuteScalar<string>("SELECT text FROM comments"));
        Assert.Equal(question.Options[0].Value, db.ExecuteScalar<string>("SELECT value FROM demographic_answers"));
        var commentColumns = _app.ColumnsOf("comments");
        Assert.DoesNotContain("response_id", commentColumns);
    }

    [Fact]
    public async Task UnknownDemographicAnswerIsRejectedAndDecliningIsAllowed()
    {
        var question = _instrument.Demographics[0];
        var bad = Valid();
        bad["demographics"] = new JsonArray(new JsonObject { ["question"] = question.Id, ["value"] = "astronaut" });
        await ProblemAssert.HasFieldErrorAsync(await _client.PostAsJsonAsync("/api/responses", bad), "demographics[0].value");
        Assert.Equal(0, _app.CountRespondentRows());

        var declined = Valid();
        declined["demographics"] = new JsonArray(new JsonObject { ["question"] = question.Id, ["value"] = null });
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsJsonAsync("/api/responses", declined)).StatusCode);
        Assert.Equal(0, _app.Count("demographic_answers"));
    }

    [Fact]
    public async Task TextAnswerSentAsAScoreIsRejected()
    {
        var submission = Valid();
        var textItem = _instrument.Items.First(i => i.Type == ItemType.Text);
        submission["answers"]!.AsArray().Add(new JsonObject { ["instrument"] = Leadership, ["item"] = textItem.Id, ["value"] = "hello" });
        var last = submission["answers"]!.AsArray().Count - 1;

        await ProblemAssert.HasFieldErrorAsync(await _client.PostAsJsonAsync("/api/responses", submission), $"answers[{last}].item");
        Assert.Equal(0, _app.CountRespondentRows());
    }
}
