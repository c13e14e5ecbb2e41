using System.Data.Common;
using System.Threading.Channels;
using CultureDiagnostics.Core.Collection;

namespace CultureDiagnostics.Data.Responses;

/// <summary>
/// Group commit for respondents' submissions. With synchronous=FULL every commit waits for the disk,
/// so one transaction per response caps intake at the disk's sync rate. Here one writer takes every
/// submission that arrived while the previous transaction was being written and stores them together:
/// under load many responses share one sync, and an idle platform writes a lone response at once
/// (nothing waits for a batch to fill). Each caller's task completes only after the transaction holding
/// its response has committed: nothing is acknowledged before it is on disk. The writer keeps one
/// connection open (<see cref="Database.OpenWriterAsync"/>), replaced after any failure.
/// </summary>
public sealed class ResponseWriter : IAsyncDisposable, IDisposable
{
    /// <summary>Enough to amortise the sync; small enough that one transaction stays short.</summary>
    public const int MaxBatch = 256;

    private readonly ResponseStore _store;
    private readonly LogCheckpointer? _log;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    /// <param name="log">Where the platform checkpoints SQLite's log (see <see cref="LogCheckpointer"/>); none in some tests.</param>
    public ResponseWriter(ResponseStore store, LogCheckpointer? log = null)
    {
        _store = store;
        _log = log;
        _writer = Task.Run(WriteAsync);
    }

    public Task<StoreOutcome> StoreAsync(
        string campaignId, string unitId, string idempotencyKey, AcceptedSubmission submission, string? invitationHash = null)
    {
        var pending = new Pending(new KeyedSubmission(campaignId, unitId, idempotencyKey, submission, invitationHash));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The platform is shutting down and takes no more responses.");
        }

        // Not cancelled with the request: once queued the response is stored (or not) whole, and a client
        // that went away and retries with the same key gets "already stored".
        return pending.Outcome.Task;
    }

    /// <summary>Takes no more submissions and waits until those already queued are written.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    /// <summary>For containers disposed synchronously: the same wait.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        DbConnection? connection = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                try
                {
                    connection ??= await _store.OpenWriterAsync();
                    Complete(batch, await _store.StoreManyAsync(connection, batch.ConvertAll(p => p.Submission)));
                }
                catch (Exception) when (batch.Count > 1)
                {
                    // One submission that cannot be stored must not fail the others: write each on its own,
                    // on a new connection in case the fault was the connection's.
                    connection = await DropAsync(connection);
                    foreach (var pending in batch)
                    {
                        await WriteAloneAsync(pending);
                    }
                }
                catch (Exception ex)
                {
                    connection = await DropAsync(connection);
                    batch[0].Outcome.TrySetException(ex);
                }

                connection = await CatchUpLogAsync(connection);
            }
        }
        finally
        {
            await DropAsync(connection);
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
        catch (Exception)
        {
            // Nothing is lost: the log is copied on the next pass. The connection may be at fault: take a new one.
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
            pending.Outcome.TrySetException(ex);
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
}
