using System.CommandLine;
using System.Globalization;
using CultureDiagnostics.Data;
using Microsoft.Data.Sqlite;

namespace CultureDiagnostics.Cli.Commands;

/// <summary>
/// <c>culture backup --db PATH --out FILE</c>: a consistent copy of the platform's database, taken while
/// the platform runs and takes responses (SQLite's online backup). Restore by stopping the platform and
/// putting the copy in place of the database (see the README).
/// </summary>
public static class BackupCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "Path of the platform's SQLite database.", Required = true };
        var output = new Option<string>("--out") { Description = "File to write the backup to (must not exist yet).", Required = true };
        var command = new Command("backup", "Make a consistent online backup of the database, safe while the platform runs") { db, output };
        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            try
            {
                var summary = DatabaseBackup.Create(parseResult.GetValue(db)!, parseResult.GetValue(output)!);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Backed up to {summary.Path} ({summary.Bytes / 1024.0 / 1024.0:0.0} MB): integrity ok; {summary.Responses:N0} responses, {summary.Campaigns} campaigns, {summary.Accounts} accounts."));
                return 0;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or SqliteException or UnauthorizedAccessException)
            {
                stderr.WriteLine("Backup failed: " + ex.Message);
                return 1;
            }
        });
        return command;
    }
}
