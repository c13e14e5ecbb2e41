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
/// On PostgreSQL there is no such log: nothing runs (<see cref="IsNeeded"/>).
/// </summary>
/// <param name="restartPages">The log length (pages of 4 KB) past which it is brought to an end: <see cref="RestartPages"/> unless a test needs less.</param>
public sealed class LogCheckpointer(Database database, int restartPages = LogCheckpointer.RestartPages)
{
    /// <summary>The log length (pages of 4 KB) past which it is brought to an end and started again: 256 MB.</summary>
    public const int RestartPages = 65536;

    private int _catchUpAsked;

    /// <summary>Whether there is a log to look after: on SQLite, not on PostgreSQL.</summary>
    public bool IsNeeded => database.Provider == DatabaseProvider.Sqlite;

    /// <summary>One passive checkpoint on a connection of its own (SQLite only: see <see cref="IsNeeded"/>).</summary>
    public async Task CopyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await CheckpointAsync(connection, cancellationToken) >= restartPages)
        {
            Volatile.Write(ref _catchUpAsked, 1);
        }
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
    private static async Task<long> CheckpointAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var (_, log, _) = await connection.QuerySingleAsync<(long Busy, long Log, long Copied)>(
            new CommandDefinition("PRAGMA wal_checkpoint(PASSIVE);", cancellationToken: cancellationToken));
        return log;
    }
}
