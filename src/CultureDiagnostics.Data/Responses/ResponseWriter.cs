using System.Data.Common;
using System.Threading.Channels;
using CultureDiagnostics.Core.Collection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CultureDiagnostics.Data.Responses;

/// <summary>
/// Group commit for respondents' submissions. With synchronous=FULL every commit waits for the disk,
/// so one transaction per response caps intake at the disk's sync rate. Here one writer takes every
/// submission that arrived while the previous transaction was being written and stores them together:
/// under load many responses share one sync, and an idle platform writes a lone response at once
/// (nothing waits for a batch to fill). Each caller's task completes only after the transaction holding
/// its response has committed: nothing is acknowledged before it is on disk. The writer keeps one
/// connection open (<see cref="Database.OpenWriterAsync"/>), replaced after any failure.
/// The loop is a hosted service: the host starts it, and on shutdown (after the server has finished its
/// requests) it takes no more submissions and writes those already queued before the process ends. A
/// failure is logged and handed to the callers whose responses it concerns; none is swallowed.
/// </summary>
public sealed partial class ResponseWriter : BackgroundService, IAsyncDisposable
{
    /// <summary>Enough to amortise the sync; small enough that one transaction stays short.</summary>
    public const int MaxBatch = 256;

    private readonly ResponseStore _store;
    private readonly LogCheckpointer? _log;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <param name="log">Where the platform checkpoints SQLite's log (see <see cref="LogCheckpointer"/>); none in some tests.</param>
    /// <param name="logger">Where failures are reported; none in some tests.</param>
    public ResponseWriter(ResponseStore store, LogCheckpointer? log = null, ILogger<ResponseWriter>? logger = null)
    {
        _store = store;
        _log = log;
        _logger = logger ?? NullLogger<ResponseWriter>.Instance;
    }

    public Task<StoreOutcome> StoreAsync(
        string campaignId, string unitId, string idempotencyKey, AcceptedSubmission submission, string? invitationHash = null)
    {
        if (ExecuteTask is null)
        {
            // Without its loop a queued response would wait for ever: a wiring mistake, said at once.
            throw new InvalidOperationException("The response writer has not been started (it is a hosted service: register it with AddHostedService, or call StartAsync).");
        }

        var pending = new Pending(new KeyedSubmission(campaignId, unitId, idempotencyKey, submission, invitationHash));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The platform is shutting down and takes no more responses.");
        }

        // Not cancelled with the request: once queued the response is stored (or not) whole, and a client
        // that went away and retries with the same key gets "already stored".
        return pending.Outcome.Task;
    }

    /// <summary>Takes no more submissions and writes those already queued, for as long as the host allows.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (ExecuteTask is { } loop)
        {
            // Until the queue is written or the host's shutdown time is up; then base.StopAsync stops the loop,
            // which fails what is left. A loop that failed has logged it and told its callers already.
            await loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await base.StopAsync(cancellationToken);
    }

    /// <summary>For a writer used without a host (tests, the benchmark): the same drain, then the loop's resources.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        DbConnection? connection = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                connection = await WriteAsync(batch, connection);
                connection = await CatchUpLogAsync(connection);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Log.StoppedWithQueue(_logger, _queue.Reader.Count);
            FailQueued(new OperationCanceledException("The platform stopped before this response was stored."));
        }
        catch (Exception ex)
        {
            // Not expected (each write's failure is handled below): fail every caller rather than leave them waiting.
            Log.LoopFailed(_logger, ex);
            _queue.Writer.TryComplete(ex);
            FailQueued(ex);
            throw;
        }
        finally
        {
            await DropAsync(connection);
        }
    }

    private async Task<DbConnection?> WriteAsync(List<Pending> batch, DbConnection? connection)
    {
        try
        {
            connection ??= await _store.OpenWriterAsync();
            Complete(batch, await _store.StoreManyAsync(connection, batch.ConvertAll(p => p.Submission)));
            return connection;
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            // One submission that cannot be stored must not fail the others: write each on its own,
            // on a new connection in case the fault was the connection's.
            Log.BatchFailed(_logger, batch.Count, ex);
            connection = await DropAsync(connection);
            foreach (var pending in batch)
            {
                await WriteAloneAsync(pending);
            }

            return connection;
        }
        catch (Exception ex)
        {
            Log.SubmissionFailed(_logger, ex);
            batch[0].Outcome.TrySetException(ex);
            return await DropAsync(connection);
        }
    }

    // After acknowledging the batch: the few milliseconds this may take fall between two batches.
    private async Task<DbConnection?> CatchUpLogAsync(DbConnection? connection)
    {
        if (_log is null || connection is null)
        {
            return connection;
        }

        try
        {
            await _log.CatchUpIfAskedAsync(connection);
            return connection;
        }
        catch (Exception ex)
        {
            // Nothing is lost: the log is copied on the next pass. The connection may be at fault: take a new one.
            Log.CheckpointFailed(_logger, ex);
            return await DropAsync(connection);
        }
    }

    private static async Task<DbConnection?> DropAsync(DbConnection? connection)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        return null;
    }

    private async Task WriteAloneAsync(Pending pending)
    {
        try
        {
            pending.Outcome.TrySetResult((await _store.StoreManyAsync([pending.Submission]))[0]);
        }
        catch (Exception ex)
        {
            Log.SubmissionFailed(_logger, ex);
            pending.Outcome.TrySetException(ex);
        }
    }

    private void FailQueued(Exception reason)
    {
        while (_queue.Reader.TryRead(out var pending))
        {
            pending.Outcome.TrySetException(reason);
        }
    }

    private static void Complete(List<Pending> batch, IReadOnlyList<StoreOutcome> outcomes)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Outcome.TrySetResult(outcomes[i]);
        }
    }

    private sealed record Pending(KeyedSubmission Submission)
    {
        public TaskCompletionSource<StoreOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    // What is logged is counts and the failure, never a submission's content.
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "A batch of {Count} responses could not be stored together; each is written on its own.")]
        public static partial void BatchFailed(ILogger logger, int count, Exception exception);

        [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "A response could not be stored; its sender is told so.")]
        public static partial void SubmissionFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Copying the database's write-ahead log failed; it is tried again after the next batch.")]
        public static partial void CheckpointFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "The platform stopped before {Count} queued responses were stored; their senders are told so and may send them again.")]
        public static partial void StoppedWithQueue(ILogger logger, int count);

        [LoggerMessage(EventId = 5, Level = LogLevel.Critical, Message = "The response writer stopped on an unexpected failure; no more responses can be taken.")]
        public static partial void LoopFailed(ILogger logger, Exception exception);
    }
}
