using System.Data.Common;
using Dapper;

namespace CultureDiagnostics.Data;

/// <summary>
/// Keeps SQLite's write-ahead log in check while responses pour in, without making the writer of responses
/// wait for the disk more than it must. A checkpoint copies the pages the log holds into the database file;
/// once all are copied, the next transaction writes the log again from its beginning.
/// <list type="bullet">
/// <item><see cref="CopyAsync"/>, run about once a second on a thread of its own, copies the log while the
/// writer goes on appending to it (a passive checkpoint blocks nobody). Copying seldom means a page written by
/// many transactions in between is copied once. But a log that grows while it is copied is never copied to
/// its end, so on its own the log would only grow.</item>
/// <item>Once the log passes <see cref="RestartPages"/>, a pass that has just finished asks the writer to copy
/// the pages written since (<see cref="CatchUpIfAskedAsync"/>), between two of its transactions. That copy
/// reaches the end of the log, which then starts again.</item>
/// </list>
/// On PostgreSQL there is nothing to do.
/// </summary>
/// <param name="restartPages">The log length (pages of 4 KB) past which it is brought to an end: <see cref="RestartPages"/> unless a test needs less.</param>
public sealed class LogCheckpointer(Database database, int restartPages = LogCheckpointer.RestartPages)
{
    /// <summary>The log length (pages of 4 KB) past which it is brought to an end and started again: 256 MB.</summary>
    public const int RestartPages = 65536;

    private int _catchUpAsked;

    /// <summary>
    /// One passive checkpoint on a connection of its own. Returns how many of the log's pages are now in
    /// the database (0 on PostgreSQL).
    /// </summary>
    public async Task<long> CopyAsync(CancellationToken cancellationToken = default)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return 0;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var (log, copied) = await CheckpointAsync(connection, cancellationToken);
        if (log >= restartPages)
        {
            Volatile.Write(ref _catchUpAsked, 1);
        }

        return copied;
    }

    /// <summary>
    /// For the writer, on its own connection between transactions: if a pass of <see cref="CopyAsync"/> has
    /// asked, copies what the log gained since, so that the next transaction starts the log again.
    /// </summary>
    public async Task CatchUpIfAskedAsync(DbConnection writerConnection, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _catchUpAsked, 0) == 1)
        {
            await CheckpointAsync(writerConnection, cancellationToken);
        }
    }

    // One row: whether it was blocked, the pages in the log, the pages of the log now in the database.
    private static async Task<(long Log, long Copied)> CheckpointAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var (_, log, copied) = await connection.QuerySingleAsync<(long Busy, long Log, long Copied)>(
            new CommandDefinition("PRAGMA wal_checkpoint(PASSIVE);", cancellationToken: cancellationToken));
        return (log, copied);
    }
}
