using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Cli.Commands;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CultureDiagnostics.Api.Tests.Resilience;

/// <summary>culture backup while the platform takes responses, and the platform started again on the copy.</summary>
// Reads the SQLite file itself (its backup API, its data_version counter).
[Trait("Database", "SQLiteOnly")]
public sealed class BackupTests : IDisposable
{
    private readonly TempDirectory _restore = new("cd-restore");

    public void Dispose() => _restore.Dispose();

    private static (int Exit, string Output, string Error) Culture(params string[] args)
    {
        var root = new RootCommand("culture");
        root.Subcommands.Add(BackupCommand.Create());
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task ABackupTakenUnderSubmissionsIsConsistentAndThePlatformRunsOnIt()
    {
        using var app = new TestApp();
        var campaign = await Scenario.OpenCampaignAsync(app);
        var acknowledged = new List<string>();
        using var stop = new CancellationTokenSource();
        var submitters = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var client = app.CreateClient();
            while (!stop.IsCancellationRequested)
            {
                var submission = Scenario.ValidSubmission(app, campaign.Code);
                var response = await client.PostAsJsonAsync("/api/responses", submission);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                lock (acknowledged)
                {
                    acknowledged.Add(submission["idempotencyKey"]!.GetValue<string>());
                }
            }
        })).ToList();
        while (Count(acknowledged) < 100)
        {
            await Task.Delay(10);
        }

        var before = Count(acknowledged);
        var copy = _restore.File("culture.db");
        var (exit, output, error) = Culture("backup", "--db", app.DatabasePath, "--out", copy);
        var after = Count(acknowledged);
        await stop.CancelAsync();
        await Task.WhenAll(submitters);

        Assert.True(exit == 0, error);
        Assert.Contains("integrity ok", output, StringComparison.Ordinal);
        Assert.False(File.Exists(copy + ".partial"));
        long responses;
        using (var db = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            db.Open();
            Assert.Equal("ok", db.ExecuteScalar<string>("PRAGMA integrity_check"));
            responses = db.ExecuteScalar<long>("SELECT COUNT(*) FROM responses");
            // The copy is one moment of the database: each response whole, with its key and its answers.
            Assert.Equal(responses, db.ExecuteScalar<long>("SELECT COUNT(*) FROM submission_keys"));
            Assert.Equal(responses, db.ExecuteScalar<long>("SELECT COUNT(*) FROM answers"));
            Assert.InRange(responses, before, after);
            Assert.Equal("delete", db.ExecuteScalar<string>("PRAGMA journal_mode"));
        }

        Assert.True(app.Count("responses") > responses, "The platform kept taking responses after the backup");

        // Restore: the platform started on the copy has the campaign and remembers the keys it holds.
        using var restored = new TestApp(directory: _restore.Path);
        var client = restored.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/survey/" + campaign.Code)).StatusCode);
        var resent = Scenario.ValidSubmission(restored, campaign.Code, key: acknowledged[0]);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/responses", resent)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/responses", Scenario.ValidSubmission(restored, campaign.Code))).StatusCode);
        Assert.Equal(responses + 1, restored.Count("responses"));
    }

    [Fact]
    public async Task ABackupNeverOverwritesAFileAndNamesWhatIsWrong()
    {
        using var app = new TestApp();
        await app.CreateClient().GetAsync("/api/survey/none"); // The platform creates its database on start.
        var existing = _restore.File("existing.db");
        File.WriteAllText(existing, "keep me");

        var overwrite = Culture("backup", "--db", app.DatabasePath, "--out", existing);
        var missing = Culture("backup", "--db", _restore.File("no-such.db"), "--out", _restore.File("copy.db"));

        Assert.Equal(1, overwrite.Exit);
        Assert.Contains("already exists", overwrite.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(existing));
        Assert.Equal(1, missing.Exit);
        Assert.Contains("no database", missing.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_restore.File("copy.db")));
    }

    private static int Count(List<string> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }
}
