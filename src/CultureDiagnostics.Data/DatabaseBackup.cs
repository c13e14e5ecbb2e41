using Dapper;
using Microsoft.Data.Sqlite;

namespace CultureDiagnostics.Data;

/// <summary>What a backup holds, read back from the copy itself.</summary>
public sealed record BackupSummary(string Path, long Bytes, string IntegrityCheck, long Responses, long Campaigns, long Accounts);

/// <summary>
/// A consistent copy of a live database, taken with SQLite's online backup API while the platform keeps
/// writing (in WAL mode writers go on during the copy; the copy is the database as of one commit). The
/// copy is written beside the target under a temporary name, checked, and only then renamed into place,
/// so an interrupted backup never leaves a half file under the name asked for.
/// </summary>
public static class DatabaseBackup
{
    public static BackupSummary Create(string databasePath, string outputPath)
    {
        var source = System.IO.Path.GetFullPath(databasePath);
        var target = System.IO.Path.GetFullPath(outputPath);
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"There is no database at {source}.", source);
        }

        if (File.Exists(target))
        {
            throw new IOException($"{target} already exists; choose a new file name (a backup never overwrites).");
        }

        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            using (var from = Open(source, SqliteOpenMode.ReadWrite))
            using (var to = Open(partial, SqliteOpenMode.ReadWriteCreate))
            {
                // busy_timeout: the copy waits for a writer's commit rather than failing.
                from.Execute("PRAGMA busy_timeout = 30000;");
                from.BackupDatabase(to);
                // A self-contained file: no -wal beside it to lose when it is copied elsewhere.
                to.Execute("PRAGMA journal_mode = DELETE;");
            }

            var summary = Summarise(partial);
            if (summary.IntegrityCheck != "ok")
            {
                throw new InvalidOperationException($"The copy failed SQLite's integrity check: {summary.IntegrityCheck}");
            }

            File.Move(partial, target);
            return summary with { Path = target };
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(partial);
        }
    }

    /// <summary>Integrity and row counts of a database file (a backup, or one about to be restored).</summary>
    public static BackupSummary Summarise(string path)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        var integrity = string.Join("; ", connection.Query<string>("PRAGMA integrity_check;"));
        return new BackupSummary(
            System.IO.Path.GetFullPath(path),
            new FileInfo(path).Length,
            integrity,
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM responses"),
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM campaigns"),
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM users"));
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
