using System.Net;
using System.Net.Http.Json;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Data;
using CultureDiagnostics.Data.Responses;
using Dapper;

namespace CultureDiagnostics.Api.Tests.Resilience;

/// <summary>Retries, replays and races of the same submission store it once, and every sender is told it was received.</summary>
public sealed class IdempotencyTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ManyParallelCopiesOfOneSubmissionStoreOneResponseAndAllAreToldItWasReceived()
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        var body = Scenario.ValidSubmission(_app, campaign.Code).ToJsonString();
        using var start = new ManualResetEventSlim();
        var sends = Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            using var response = await _app.CreateClient().PostAsync("/api/responses", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            return (response.StatusCode, Status: (await TestApp.ReadObjectAsync(response))["status"]?.GetValue<string>());
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(sends);

        Assert.Single(results, r => r is (HttpStatusCode.Created, "stored"));
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal((HttpStatusCode.OK, "already-stored"), r));
        Assert.Equal(1, _app.Count("responses"));
        Assert.Equal(1, _app.Count("submission_keys"));
        Assert.Equal(1, _app.Count("answers"));
    }

    [Fact]
    [Trait("Database", "SQLiteOnly")]
    public async Task TwoInstancesRacingTheSameKeyStoreOneResponse()
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        var (campaignId, unitId) = Scenario.UnitOf(_app, campaign.Code);
        // Two stores on two connections pools to one file, as two processes would be, without the in-process writer between them.
        var stores = Enumerable.Range(0, 2).Select(_ => Store()).ToList();
        var key = Guid.NewGuid().ToString("N");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            Task.Run(() => stores[i % 2].StoreAsync(campaignId, unitId, key, OneAnswer()))));

        Assert.Single(outcomes, o => o == StoreOutcome.Stored);
        Assert.All(outcomes.Where(o => o != StoreOutcome.Stored), o => Assert.Equal(StoreOutcome.AlreadyStored, o));
        Assert.Equal(1, _app.Count("responses"));
    }

    [Fact]
    public async Task AnOfflineQueueReplayedTwiceInAnotherOrderStoresEachResponseOnce()
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        var queue = Enumerable.Range(0, 20).Select(_ => Scenario.ValidSubmission(_app, campaign.Code)).ToList();
        var client = _app.CreateClient();
        foreach (var submission in queue)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/responses", submission)).StatusCode);
        }

        // The device lost the answers to its sends (a timeout) and replays everything, twice, at once.
        var replays = await Task.WhenAll(queue.Concat(queue).OrderBy(_ => Random.Shared.Next())
            .Select(s => _app.CreateClient().PostAsJsonAsync("/api/responses", s)));

        Assert.All(replays, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(20, _app.Count("responses"));
    }

    [Fact]
    [Trait("Database", "SQLiteOnly")]
    public async Task AKeyRepeatedWithinOneGroupCommitIsStoredOnce()
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        var (campaignId, unitId) = Scenario.UnitOf(_app, campaign.Code);
        var store = Store();
        KeyedSubmission With(string key) => new(campaignId, unitId, key, OneAnswer(), null);
        var a = new string('a', 20);
        var b = new string('b', 20);

        var outcomes = await store.StoreManyAsync([With(a), With(a), With(b)]);

        Assert.Equal([StoreOutcome.Stored, StoreOutcome.AlreadyStored, StoreOutcome.Stored], outcomes);
        Assert.Equal(2, _app.Count("responses"));
    }

    [Fact]
    [Trait("Database", "SQLiteOnly")]
    public async Task ASubmissionThatCannotBeStoredDoesNotFailTheOthersWrittenWithIt()
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        var (campaignId, unitId) = Scenario.UnitOf(_app, campaign.Code);
        await using var writer = new ResponseWriter(Store());
        await writer.StartAsync(CancellationToken.None);

        // Queued together, so they share a transaction; the one for a unit that does not exist breaks a foreign key.
        var good = Enumerable.Range(0, 10).Select(_ => writer.StoreAsync(campaignId, unitId, Guid.NewGuid().ToString("N"), OneAnswer())).ToList();
        var bad = writer.StoreAsync(campaignId, "no-such-unit", Guid.NewGuid().ToString("N"), OneAnswer());
        var more = Enumerable.Range(0, 10).Select(_ => writer.StoreAsync(campaignId, unitId, Guid.NewGuid().ToString("N"), OneAnswer())).ToList();

        Assert.All(await Task.WhenAll(good.Concat(more)), o => Assert.Equal(StoreOutcome.Stored, o));
        await Assert.ThrowsAnyAsync<Exception>(() => bad);
        Assert.Equal(20, _app.Count("responses"));
        Assert.Equal(20, _app.Count("submission_keys"));
    }

    // A store of its own on the app's database: its own pool of connections, as another process would have.
    private ResponseStore Store() => new(new Database(_app.DatabasePath), TimeProvider.System);

    private static AcceptedSubmission OneAnswer() =>
        new([new AcceptedAnswer("psychological-safety", "ps-1", 5, null, false)], [], []);
}
