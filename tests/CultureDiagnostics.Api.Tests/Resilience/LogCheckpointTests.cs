using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Data;
using CultureDiagnostics.Data.Responses;
using Dapper;

namespace CultureDiagnostics.Api.Tests.Resilience;

/// <summary>
/// SQLite's write-ahead log is copied into the database from another thread while responses keep arriving,
/// and still starts again from its beginning once long: it does not grow for as long as the rush lasts.
/// </summary>
[Trait("Database", "SQLiteOnly")]
public sealed class LogCheckpointTests : IDisposable
{
    private const int RestartPages = 64;

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task UnderUnbrokenWritesTheLogStartsAgainOnceItPassesItsLimitAndKeepsEveryResponse()
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        var (campaignId, unitId) = Scenario.UnitOf(_app, campaign.Code);
        var database = new Database(_app.DatabasePath);
        var checkpointer = new LogCheckpointer(database, RestartPages);
        var rounds = 300;
        var perRound = 2;
        var largestLog = 0L;

        await using (var writer = new ResponseWriter(new ResponseStore(database, TimeProvider.System), checkpointer))
        {
            await writer.StartAsync(CancellationToken.None);
            for (var round = 0; round < rounds; round++)
            {
                // A batch arrives while the previous one was being copied: the writer never pauses for long.
                var batch = Enumerable.Range(0, perRound)
                    .Select(_ => writer.StoreAsync(campaignId, unitId, Guid.NewGuid().ToString("N"), Answers()))
                    .ToList();
                await checkpointer.CopyAsync();
                Assert.All(await Task.WhenAll(batch), o => Assert.Equal(StoreOutcome.Stored, o));
                largestLog = Math.Max(largestLog, LogPages());
            }
        }

        // Each transaction adds at least one page for each of the four b-trees every response is written to
        // (keys, responses, their index by unit, answers): 1,200 pages or more in all. Started again whenever
        // it passed the limit, the log never holds more than the limit and the few rounds written meanwhile.
        Assert.True(largestLog <= 4 * RestartPages, $"The log reached {largestLog} pages over {rounds} transactions: it did not start again.");
        Assert.Equal(rounds * perRound, _app.Count("responses"));
        using var db = _app.OpenDatabase();
        Assert.Equal("ok", db.ExecuteScalar<string>("PRAGMA integrity_check"));
    }

    // The most pages the log has held: its file is never cut back below the writer's limit (256 MB).
    private long LogPages() => new FileInfo(_app.DatabasePath + "-wal") is { Exists: true } file && file.Length > 32
        ? (file.Length - 32) / (4096 + 24)
        : 0;

    private static AcceptedSubmission Answers() =>
        new([.. Enumerable.Range(1, 7).Select(i => new AcceptedAnswer("psychological-safety", $"ps-{i}", 1 + (i % 7), null, false))], [], []);
}
