using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data;
using CultureDiagnostics.Data.Comments;
using Dapper;
using DbUp;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Comments;

/// <summary>
/// A database from before comments were reviewed, upgraded: its comments wait for review (none is published
/// unread) and a comments threshold below the floor is raised to it. SQLite: the schema before the upgrade is
/// built by running the platform's own earlier scripts (PostgreSQL's twin script does the same).
/// </summary>
[Trait("Database", "SQLiteOnly")]
public sealed class CommentReviewUpgradeTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cd-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task CommentsStoredBeforeTheReviewWaitForItAndLowThresholdsAreRaised()
    {
        Directory.CreateDirectory(_directory);
        var connectionString = $"Data Source={Path.Combine(_directory, "culture.db")};Pooling=False";
        var before = DeployChanges.To.SqliteDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(Database).Assembly, name =>
                name.StartsWith("migrations.sqlite.", StringComparison.Ordinal) && string.CompareOrdinal(name, "migrations.sqlite.0004") < 0)
            .LogToNowhere().Build().PerformUpgrade();
        Assert.True(before.Successful, before.Error?.Message);
        using (var db = new SqliteConnection(connectionString))
        {
            db.Execute("""
                INSERT INTO units (id, code, name, parent_id, headcount, created_at) VALUES ('u', 'ORG', 'Trust', NULL, NULL, '2026-01-01');
                INSERT INTO campaigns (id, title, organiser, opens_on, closes_on, score_threshold, comment_threshold, status, created_at)
                VALUES ('low', 'Old wave', 'Team', '2026-01-01', '2026-01-31', 5, 3, 'closed', '2026-01-01'),
                       ('high', 'Strict wave', 'Team', '2026-01-01', '2026-01-31', 12, 11, 'closed', '2026-01-01'),
                       ('fine', 'Later wave', 'Team', '2026-01-01', '2026-01-31', 5, 15, 'closed', '2026-01-01');
                INSERT INTO comments (id, campaign_id, unit_id, instrument_id, item_id, text) VALUES ('c', 'low', 'u', 'psychological-safety', 'ps-comment', 'Said before the review.');
                """);
        }

        // Starting the platform upgrades its database.
        using var app = new TestApp(directory: _directory);
        using var client = app.CreateClient();
        using var upgraded = app.OpenDatabase();
        Assert.Equal(
            [("fine", 15L), ("high", 12L), ("low", 10L)],
            upgraded.Query<(string, long)>("SELECT id, comment_threshold FROM campaigns ORDER BY id"));
        Assert.Equal("pending", upgraded.ExecuteScalar<string>("SELECT review FROM comments WHERE id = 'c'"));
        Assert.Empty(await app.Services.GetRequiredService<CommentStore>().PublishedAsync("low"));
    }
}
