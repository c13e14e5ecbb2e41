using System.Collections.Concurrent;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Data;
using CultureDiagnostics.Data.Responses;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CultureDiagnostics.Api.Tests.Edges;

/// <summary>The response writer is a hosted loop: started and stopped by the host, and its failures are told, not swallowed.</summary>
public sealed class ResponseWriterTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private static AcceptedSubmission OneAnswer() =>
        new([new AcceptedAnswer("psychological-safety", "ps-1", 5, null, false)], [], []);

    [Fact]
    public void TheHostRunsTheWriterAsOneOfItsServices()
    {
        var writer = _app.Services.GetRequiredService<ResponseWriter>();

        Assert.Contains(_app.Services.GetServices<IHostedService>(), service => ReferenceEquals(service, writer));
        Assert.NotNull(writer.ExecuteTask);
    }

    [Fact]
    public async Task AWriterNobodyStartedRefusesAtOnceRatherThanLeaveTheCallerWaiting()
    {
        await using var writer = new ResponseWriter(new ResponseStore(new Database(_app.DatabasePath), TimeProvider.System));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => writer.StoreAsync("campaign", "unit", "key", OneAnswer()));

        Assert.Contains("not been started", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Database", "SQLiteOnly")]
    public async Task AFailureToStoreReachesTheCallerAndTheLog()
    {
        var logs = new Logs();
        // A database file with no schema: every write fails.
        var empty = Path.Combine(_app.Directory_, "empty.db");
        await using var writer = new ResponseWriter(new ResponseStore(new Database(empty), TimeProvider.System), null, logs.CreateLogger<ResponseWriter>());
        await writer.StartAsync(CancellationToken.None);

        var alone = writer.StoreAsync("campaign", "unit", Guid.NewGuid().ToString("N"), OneAnswer());
        var error = await Assert.ThrowsAnyAsync<Exception>(() => alone);

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && ReferenceEquals(e.Exception, error));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("ps-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoppingWritesEveryResponseAlreadyQueuedThenTakesNoMore()
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        var (campaignId, unitId) = Scenario.UnitOf(_app, campaign.Code);
        var writer = new ResponseWriter(new ResponseStore(_app.Services.GetRequiredService<Database>(), TimeProvider.System));
        await writer.StartAsync(CancellationToken.None);

        var queued = Enumerable.Range(0, 50).Select(_ => writer.StoreAsync(campaignId, unitId, Guid.NewGuid().ToString("N"), OneAnswer())).ToList();
        await writer.StopAsync(CancellationToken.None);

        Assert.All(queued, task => Assert.True(task.IsCompletedSuccessfully, "A queued response was not written before the writer stopped."));
        Assert.All(await Task.WhenAll(queued), outcome => Assert.Equal(StoreOutcome.Stored, outcome));
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.StoreAsync(campaignId, unitId, Guid.NewGuid().ToString("N"), OneAnswer()));
        Assert.Equal(50, _app.Count("responses"));
        writer.Dispose();
    }

    private sealed class Logs : ILoggerFactory
    {
        public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        private sealed class Logger(Logs logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Entries.Enqueue((logLevel, formatter(state, exception), exception));
        }
    }
}
