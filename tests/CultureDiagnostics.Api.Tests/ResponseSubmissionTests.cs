using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Core.Instruments;

namespace CultureDiagnostics.Api.Tests;

public sealed class ResponseSubmissionTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private HttpClient _client = null!;
    private Scenario.OpenCampaign _campaign = null!;

    public async Task InitializeAsync()
    {
        _campaign = await Scenario.OpenCampaignAsync(_app);
        _client = _app.CreateClient();
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private JsonObject Valid(string? key = null) => Scenario.ValidSubmission(_app, _campaign.Code, key);

    private Task<HttpResponseMessage> PostAsync(JsonNode body) => _client.PostAsJsonAsync("/api/responses", body);

    private static JsonObject Answer(JsonObject submission, int index) => submission["answers"]![index]!.AsObject();

    [Fact]
    public async Task ValidSubmissionIsStoredWithEveryAnswer()
    {
        var submission = Valid();
        var response = await PostAsync(submission);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, _app.Count("responses"));
        using var db = _app.OpenDatabase();
        var stored = JsonNode.Parse(Dapper.SqlMapper.ExecuteScalar<string>(db, "SELECT answers FROM answers")!)!.AsObject();
        Assert.Equal(submission["answers"]!.AsArray().Count, stored.Count);
        foreach (var answer in submission["answers"]!.AsArray())
        {
            Assert.Equal(answer!["value"]!.ToJsonString(), stored[answer["item"]!.GetValue<string>()]!.ToJsonString());
        }
        var receipt = await TestApp.ReadObjectAsync(response);
        Assert.Equal("stored", receipt["status"]!.GetValue<string>());
        Assert.False(receipt.ContainsKey("id"), "The receipt must not carry anything that identifies the stored response.");
    }

    [Fact]
    public async Task RepeatingTheIdempotencyKeyStoresOneResponse()
    {
        var key = Guid.NewGuid().ToString("N");
        var first = await PostAsync(Valid(key));
        var second = await PostAsync(Valid(key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("already-stored", (await TestApp.ReadObjectAsync(second))["status"]!.GetValue<string>());
        Assert.Equal(1, _app.Count("responses"));
    }

    [Fact]
    public async Task ConcurrentRepeatsOfOneKeyStoreOneResponse()
    {
        var key = Guid.NewGuid().ToString("N");
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(Valid(key))));

        Assert.All(results, r => Assert.True(r.IsSuccessStatusCode));
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, _app.Count("responses"));
    }

    [Fact]
    public async Task UnknownAccessCodeIsNotFound()
    {
        var submission = Valid();
        submission["accessCode"] = "zzzzzzzzzz";
        var problem = await ProblemAssert.IsProblemAsync(await PostAsync(submission), 404);

        Assert.Contains("access code", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task CampaignNotYetOpenIsAConflictSayingWhenItOpens()
    {
        _app.Clock.Now = new DateTimeOffset(2026, 10, 31, 12, 0, 0, TimeSpan.Zero);
        var problem = await ProblemAssert.IsProblemAsync(await PostAsync(Valid()), 409);

        Assert.Contains("1 November 2026", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task CampaignPastItsCloseDateIsGone()
    {
        _app.Clock.Now = new DateTimeOffset(2026, 12, 1, 0, 0, 1, TimeSpan.Zero);
        var problem = await ProblemAssert.IsProblemAsync(await PostAsync(Valid()), 410);

        Assert.Contains("closed", problem["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task ACampaignClosedAfterTakingResponsesRefusesTheNextOneAtOnce()
    {
        // The first submission leaves the open campaign behind this code in the intake's short-lived cache.
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Valid())).StatusCode);
        (await _campaign.Admin.PostAsync($"/api/campaigns/{_campaign.CampaignId}/close", null)).EnsureSuccessStatusCode();

        await ProblemAssert.IsProblemAsync(await PostAsync(Valid()), 410);
        Assert.Equal(1, _app.Count("responses"));
        Assert.Equal(1, _app.Count("submission_keys"));
    }

    [Fact]
    public async Task AnOpenCampaignBehindAUnitsCodeIsReusedBrieflyWhileThePagesReadItAfresh()
    {
        // The first submission reads the open campaign behind TEAM-1's code and keeps it for a short while.
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Valid())).StatusCode);
        MoveOpeningToTheFuture();

        // Within OpenCampaignReuse the kept campaign is used (the writer still checks it is open); a fresh
        // read, as the survey pages and an unused code make, sees that it does not open until later.
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Valid())).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _client.GetAsync($"/s/{_campaign.Code}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await PostAsync(Scenario.ValidSubmission(_app, _campaign.SecondCode)), 409);
    }

    [Fact]
    public async Task AnInvitationIsReadAfreshEveryTime()
    {
        var created = await _campaign.Admin.PostAsJsonAsync("/api/campaigns", new
        {
            title = "Invited wave", opensOn = "2026-11-01", closesOn = "2026-11-30",
            instruments = new[] { new { id = "psychological-safety" } }, units = new[] { "TEAM-1" }, invitationsOnly = true,
        });
        var id = (await TestApp.ReadObjectAsync(created))["id"]!.GetValue<string>();
        (await _campaign.Admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        var issued = await TestApp.ReadObjectAsync(await _campaign.Admin.PostAsJsonAsync($"/api/campaigns/{id}/invitations", new { unit = "TEAM-1", count = 1 }));
        var token = issued["invitations"]![0]!["token"]!.GetValue<string>();

        // A first attempt with an answer missing reads the campaign behind the invitation, and stores nothing.
        var incomplete = Scenario.ValidSubmission(_app, token);
        incomplete["answers"]!.AsArray().RemoveAt(0);
        await ProblemAssert.IsProblemAsync(await PostAsync(incomplete), 400);
        MoveOpeningToTheFuture(id);

        await ProblemAssert.IsProblemAsync(await PostAsync(Scenario.ValidSubmission(_app, token)), 409);
        Assert.Equal(0, _app.CountRespondentRows());
    }

    /// <summary>Changes the opening date in the database behind the platform's back, as nothing else can change it once open.</summary>
    private void MoveOpeningToTheFuture(string? campaignId = null)
    {
        using var db = _app.OpenDatabase();
        Dapper.SqlMapper.Execute(db, "UPDATE campaigns SET opens_on = '2026-11-29' WHERE id = @Id", new { Id = campaignId ?? _campaign.CampaignId });
    }

    [Fact]
    public async Task ClosedCampaignIsGoneEvenWithinItsDates()
    {
        (await _campaign.Admin.PostAsync($"/api/campaigns/{_campaign.CampaignId}/close", null)).EnsureSuccessStatusCode();

        await ProblemAssert.IsProblemAsync(await PostAsync(Valid()), 410);
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task UnknownItemIsRejectedAndNothingStored()
    {
        var submission = Valid();
        Answer(submission, 0)["item"] = "no-such-question";
        var messages = await ProblemAssert.HasFieldErrorAsync(await PostAsync(submission), "answers[0].item");

        Assert.Contains("no-such-question", messages[0], StringComparison.Ordinal);
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task UnknownInstrumentIsRejectedAndNothingStored()
    {
        var submission = Valid();
        Answer(submission, 1)["instrument"] = "team-reflexivity";
        await ProblemAssert.HasFieldErrorAsync(await PostAsync(submission), "answers[1].instrument");
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(-1)]
    [InlineData(3.5)]
    public async Task ValueOutsideTheScaleIsRejectedAndNothingStored(double value)
    {
        var submission = Valid();
        Answer(submission, 2)["value"] = value;
        var messages = await ProblemAssert.HasFieldErrorAsync(await PostAsync(submission), "answers[2].value");

        Assert.Contains("whole number from 1 to 7", messages[0], StringComparison.Ordinal);
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task WrongTypeOfValueIsRejectedAndNothingStored()
    {
        var submission = Valid();
        Answer(submission, 0)["value"] = "five";
        Answer(submission, 1)["value"] = new JsonArray(1, 2);
        Answer(submission, 2)["value"] = true;
        var response = await PostAsync(submission);

        await ProblemAssert.HasFieldErrorAsync(response, "answers[0].value");
        await ProblemAssert.HasFieldErrorAsync(response, "answers[1].value");
        await ProblemAssert.HasFieldErrorAsync(response, "answers[2].value");
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task WrongTypeOfFieldIsRejectedNamingTheField()
    {
        var submission = Valid();
        Answer(submission, 0)["instrument"] = 42;
        await ProblemAssert.HasFieldErrorAsync(await PostAsync(submission), "answers[0].instrument");
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task MissingRequiredAnswerIsRejectedNamingTheQuestion()
    {
        var submission = Valid();
        var removed = Answer(submission, 3);
        submission["answers"]!.AsArray().Remove(removed);
        var field = $"answers[{removed["instrument"]}/{removed["item"]}]";
        var messages = await ProblemAssert.HasFieldErrorAsync(await PostAsync(submission), field);

        Assert.Contains("must be answered", messages[0], StringComparison.Ordinal);
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task DuplicatedItemIsRejectedAndNothingStored()
    {
        var submission = Valid();
        submission["answers"]!.AsArray().Add(Answer(submission, 0).DeepClone());
        var last = submission["answers"]!.AsArray().Count - 1;
        var messages = await ProblemAssert.HasFieldErrorAsync(await PostAsync(submission), $"answers[{last}].item");

        Assert.Contains("more than once", messages[0], StringComparison.Ordinal);
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task MissingAccessCodeAndKeyAreBothNamed()
    {
        var submission = Valid();
        submission.Remove("accessCode");
        submission["idempotencyKey"] = "short";
        var response = await PostAsync(submission);

        await ProblemAssert.HasFieldErrorAsync(response, "accessCode");
        await ProblemAssert.HasFieldErrorAsync(response, "idempotencyKey");
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task UnknownFieldIsRejectedNamingIt()
    {
        var submission = Valid();
        submission["deviceId"] = "abc";
        var messages = await ProblemAssert.HasFieldErrorAsync(await PostAsync(submission), "deviceId");

        Assert.Contains("not recognised", messages[0], StringComparison.Ordinal);
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task MalformedJsonIsRejectedAndNothingStored()
    {
        var response = await _client.PostAsync("/api/responses", new StringContent("{\"accessCode\": \"abc\", ", Encoding.UTF8, "application/json"));
        var messages = await ProblemAssert.HasFieldErrorAsync(response, "body");

        Assert.Contains("not valid JSON", messages[0], StringComparison.Ordinal);
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task NonJsonContentTypeIsUnsupported()
    {
        var response = await _client.PostAsync("/api/responses", new StringContent("accessCode=abc", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await ProblemAssert.IsProblemAsync(response, 415);
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task OversizedBodyIsRejectedAndNothingStored()
    {
        var submission = Valid();
        submission["comments"] = new JsonArray(new JsonObject
        {
            ["instrument"] = "psychological-safety",
            ["item"] = "anything",
            ["text"] = new string('x', 70_000),
        });
        var problem = await ProblemAssert.IsProblemAsync(await PostAsync(submission), 413);

        Assert.Contains("65,536", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task NotApplicableIsAcceptedOnlyWhereTheScaleOffersIt()
    {
        var instrument = Scenario.Instrument(_app);
        var scale = instrument.FindScale(instrument.ScaleItems.First().Scale!)!;
        var submission = Valid();
        Answer(submission, 0)["value"] = "na";
        var response = await PostAsync(submission);

        if (scale.AllowsNotApplicable)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        else
        {
            await ProblemAssert.HasFieldErrorAsync(response, "answers[0].value");
            Assert.Equal(0, _app.CountRespondentRows());
        }
    }
}
