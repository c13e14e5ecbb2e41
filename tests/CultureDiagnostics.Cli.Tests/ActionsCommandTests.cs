using CultureDiagnostics.Data;
using CultureDiagnostics.Data.Organisation;
using Microsoft.Data.Sqlite;

namespace CultureDiagnostics.Cli.Tests;

/// <summary><c>culture actions import|list</c>: Phase 3 actions from a CSV file, all or none, and the list with what is overdue.</summary>
public sealed class ActionsCommandTests : IDisposable
{
    private const string Header = "title,element,intervention,owner_name,owner_role,units,starts_on,due_on,status,notes,measures";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cd-actions-" + Guid.NewGuid().ToString("N"));

    public ActionsCommandTests() => Directory.CreateDirectory(_directory);

    private string DatabasePath => Path.Combine(_directory, "culture.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's own cleaning.
        }
    }

    private async Task<string> FileAsync(params string[] rows)
    {
        var database = new Database(DatabasePath);
        database.Migrate();
        var units = new UnitStore(database, TimeProvider.System);
        if ((await units.AllAsync()).Count == 0)
        {
            await units.AddAsync([new("ORG", "Action Trust", null, null), new("T1", "Ward One", "ORG", 10), new("T2", "Ward Two", "ORG", 10)]);
        }

        var path = Path.Combine(_directory, "actions.csv");
        await File.WriteAllTextAsync(path, "\uFEFF" + string.Join("\r\n", rows.Prepend(Header)) + "\r\n");
        return path;
    }

    [Fact]
    public async Task AFileOfActionsIsImportedAndListedWithWhatIsOverdue()
    {
        var file = await FileAsync(
            "Listening sessions for ward leaders,support-and-compassion,listening-with-fascination,Amara Okafor,Head of OD,T1;T2,2026-01-05,2026-03-31,in-progress,\"Two a month, then review\",scale:psychological-safety/psychological-safety",
            "Team goals for Ward Two,goals-and-performance,team-goals,Sam Lee,,T2,2026-02-01,2099-12-31,planned,,scale:team-reflexivity/task-reflexivity");

        var (exit, output, error) = CliRunner.Run("actions", "import", "--db", DatabasePath, "--file", file);
        Assert.True(exit == 0, error);
        Assert.Contains("Imported 2 actions.", output, StringComparison.Ordinal);

        var listed = CliRunner.Run("actions", "list", "--db", DatabasePath);
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("2026-03-31  In progress (overdue)  Listening sessions for ward leaders  (Amara Okafor)", listed.Output, StringComparison.Ordinal);
        Assert.Contains("2 actions, 1 overdue.", listed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileWithWrongRowsListsEveryProblemByRowAndImportsNothing()
    {
        var file = await FileAsync(
            "A good action,teamwork,,Sam Lee,,T1,2026-01-05,2026-03-31,planned,,scale:psychological-safety/psychological-safety",
            "Unknown ward,teamwork,,Sam Lee,,T9,2026-01-05,2026-03-31,planned,,scale:psychological-safety/psychological-safety",
            "Due before it starts,teamwork,,Sam Lee,,T1,2026-05-05,2026-03-31,planned,,metric:no-such-metric");

        var (exit, _, error) = CliRunner.Run("actions", "import", "--db", DatabasePath, "--file", file);

        Assert.Equal(2, exit);
        Assert.Contains("--file: row 3, units: No unit in today's structure has the code 'T9'.", error, StringComparison.Ordinal);
        Assert.Contains("--file: row 4, dueOn:", error, StringComparison.Ordinal);
        Assert.Contains("--file: row 4, measures:", error, StringComparison.Ordinal);
        Assert.True(error.IndexOf("row 3", StringComparison.Ordinal) < error.IndexOf("row 4", StringComparison.Ordinal), error);
        Assert.Contains("Nothing was imported.", error, StringComparison.Ordinal);
        Assert.Contains("0 actions, 0 overdue.", CliRunner.Run("actions", "list", "--db", DatabasePath).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingDatabaseOrFileIsSaidAndFails()
    {
        var (exit, _, error) = CliRunner.Run("actions", "list", "--db", Path.Combine(_directory, "none.db"));
        Assert.Equal(2, exit);
        Assert.Contains("--db: no database at", error, StringComparison.Ordinal);
    }
}
