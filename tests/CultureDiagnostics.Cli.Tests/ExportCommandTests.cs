using System.Security.Cryptography;
using ClosedXML.Excel;
using CultureDiagnostics.Core;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Data;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Organisation;
using CultureDiagnostics.Data.Responses;
using CultureDiagnostics.Data.Surveys;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CultureDiagnostics.Cli.Tests;

/// <summary><c>culture export</c>: the synthesis workbook of a closed campaign, from a database file.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cd-export-" + Guid.NewGuid().ToString("N"));

    public ExportCommandTests() => Directory.CreateDirectory(_directory);

    private string DatabasePath => Path.Combine(_directory, "culture.db");

    private string Out => Path.Combine(_directory, "pack", "synthesis.xlsx");

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

    /// <summary>A trust of two teams and a psychological-safety campaign with twelve respondents, between the given dates.</summary>
    private async Task<string> CampaignAsync(string title, DateOnly opensOn, DateOnly closesOn, CampaignStatus status)
    {
        var database = new Database(DatabasePath);
        database.Migrate();
        var catalogue = SurveyFolder.Load(Path.Combine(AppContext.BaseDirectory, "surveys")).Catalogue!;
        var unitStore = new UnitStore(database, TimeProvider.System);
        var units = await unitStore.AllAsync();
        if (units.Count == 0)
        {
            units = await unitStore.AddAsync([new("ORG", "Export Trust", null, null), new("T1", "Ward One", "ORG", 10), new("T2", "Ward Two", "ORG", 10)]);
        }

        var teams = units.Where(u => u.ParentId is not null).ToList();
        var instrument = catalogue.Latest("psychological-safety")!;
        var campaigns = new CampaignStore(database, TimeProvider.System);
        var campaign = await campaigns.CreateAsync(new NewCampaign(title, "Tests", opensOn, closesOn, DisclosureThresholds.Default,
            [(new CampaignInstrument(instrument.Id, instrument.Version), catalogue.FingerprintOf(instrument.Id, instrument.Version))], teams.Select(t => t.Id).ToList()));
        await campaigns.ChangeStatusAsync(campaign.Id, CampaignStatus.Draft, CampaignStatus.Open);
        var answers = instrument.ScaleItems.Select((item, i) => new AcceptedAnswer(instrument.Id, item.Id, 1 + (i % 7), null, false)).ToList();
        await new ResponseStore(database, TimeProvider.System).StoreBatchAsync(campaign.Id,
            teams.SelectMany(t => Enumerable.Range(0, 6).Select(_ => (t.Id, opensOn, new AcceptedSubmission(answers, [], [])))).ToList());
        if (status == CampaignStatus.Closed)
        {
            await campaigns.ChangeStatusAsync(campaign.Id, CampaignStatus.Open, CampaignStatus.Closed);
        }

        return campaign.Id;
    }

    private static DateOnly Today => TimeProvider.System.Today();

    [Fact]
    public async Task LatestClosedCampaignIsWrittenAsAWorkbook()
    {
        var older = await CampaignAsync("Spring wave", Today.AddDays(-90), Today.AddDays(-60), CampaignStatus.Closed);
        var latest = await CampaignAsync("Autumn wave", Today.AddDays(-30), Today.AddDays(-2), CampaignStatus.Closed);

        var (exit, output, error) = CliRunner.Run("export", "--db", DatabasePath, "--campaign", "latest", "--out", Out);

        Assert.True(exit == 0, error);
        Assert.Contains("Autumn wave", output, StringComparison.Ordinal);
        Assert.NotEqual(older, latest);
        using var workbook = new XLWorkbook(Out);
        Assert.Equal(14, workbook.Worksheets.Count);
        var about = workbook.Worksheet("About").Table("About").DataRange.Rows().ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(2).GetString());
        Assert.Contains(latest, about["Campaign"], StringComparison.Ordinal);
        Assert.Equal("12", about["Respondents"]);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Out)!, "*.tmp"));
    }

    [Fact]
    public async Task CampaignByIdIsWritten()
    {
        var id = await CampaignAsync("Spring wave", Today.AddDays(-90), Today.AddDays(-60), CampaignStatus.Closed);
        var (exit, output, error) = CliRunner.Run("export", "--db", DatabasePath, "--campaign", id, "--out", Out);
        Assert.True(exit == 0, error);
        Assert.Contains(id, output, StringComparison.Ordinal);
        Assert.True(new FileInfo(Out).Length > 0);
    }

    [Fact]
    public async Task UnknownCampaignIdIsReportedAndNothingWritten()
    {
        await CampaignAsync("Spring wave", Today.AddDays(-90), Today.AddDays(-60), CampaignStatus.Closed);
        var (exit, _, error) = CliRunner.Run("export", "--db", DatabasePath, "--campaign", "no-such-campaign", "--out", Out);
        Assert.NotEqual(0, exit);
        Assert.Contains("--campaign: No campaign has the id 'no-such-campaign'.", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Out));
    }

    [Fact]
    public async Task CampaignStillRunningIsRefusedUntilItCloses()
    {
        var id = await CampaignAsync("Pulse", Today.AddDays(-5), Today.AddDays(10), CampaignStatus.Open);
        var (exit, _, error) = CliRunner.Run("export", "--db", DatabasePath, "--campaign", id, "--out", Out);
        Assert.NotEqual(0, exit);
        Assert.Contains("once it closes", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Out));

        var (latestExit, _, latestError) = CliRunner.Run("export", "--db", DatabasePath, "--campaign", "latest", "--out", Out);
        Assert.NotEqual(0, latestExit);
        Assert.Contains("There is no current diagnostic yet", latestError, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingDatabaseIsReportedAndNotCreated()
    {
        var (exit, _, error) = CliRunner.Run("export", "--db", DatabasePath, "--campaign", "latest", "--out", Out);
        Assert.NotEqual(0, exit);
        Assert.Contains("--db: no database at", error, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task OutputThatIsNotAnXlsxFileIsRefused()
    {
        await CampaignAsync("Spring wave", Today.AddDays(-90), Today.AddDays(-60), CampaignStatus.Closed);
        var (exit, _, error) = CliRunner.Run("export", "--db", DatabasePath, "--campaign", "latest", "--out", Path.Combine(_directory, "pack.csv"));
        Assert.NotEqual(0, exit);
        Assert.Contains("--out:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportLeavesTheDatabaseByteForByteAsItWas()
    {
        await CampaignAsync("Spring wave", Today.AddDays(-90), Today.AddDays(-60), CampaignStatus.Closed);
        var before = DatabaseFiles();

        var (exit, _, error) = CliRunner.Run("export", "--db", DatabasePath, "--campaign", "latest", "--out", Out);

        Assert.True(exit == 0, error);
        Assert.Equal(before, DatabaseFiles());
    }

    [Fact]
    public async Task DatabaseOpenedForExportRefusesEveryWrite()
    {
        await CampaignAsync("Spring wave", Today.AddDays(-90), Today.AddDays(-60), CampaignStatus.Closed);
        var database = Database.ReadOnly(DatabasePath);

        await using (var connection = await database.OpenAsync())
        {
            var refused = await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync("DELETE FROM campaigns"));
            Assert.Contains("readonly", refused.Message, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Throws<InvalidOperationException>(database.Migrate);
    }

    [Fact]
    public async Task DatabaseWithAnOlderSchemaIsRefusedNotUpgraded()
    {
        await CampaignAsync("Spring wave", Today.AddDays(-90), Today.AddDays(-60), CampaignStatus.Closed);
        Execute("DELETE FROM SchemaVersions WHERE ScriptName LIKE '%0003_diagnostics.sql'");
        var before = DatabaseFiles();

        var (exit, _, error) = CliRunner.Run("export", "--db", DatabasePath, "--campaign", "latest", "--out", Out);

        Assert.NotEqual(0, exit);
        Assert.Contains("--db:", error, StringComparison.Ordinal);
        Assert.Contains("older schema than this program: it lacks 0003_diagnostics.sql", error, StringComparison.Ordinal);
        Assert.Equal(before, DatabaseFiles());
        Assert.False(File.Exists(Out));
    }

    [Fact]
    public async Task DatabaseUpgradedByANewerVersionIsRefused()
    {
        await CampaignAsync("Spring wave", Today.AddDays(-90), Today.AddDays(-60), CampaignStatus.Closed);
        Execute("INSERT INTO SchemaVersions (ScriptName, Applied) VALUES ('migrations.sqlite.9999_future.sql', '2030-01-01')");

        var (exit, _, error) = CliRunner.Run("export", "--db", DatabasePath, "--campaign", "latest", "--out", Out);

        Assert.NotEqual(0, exit);
        Assert.Contains("newer version of the platform (9999_future.sql)", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Out));
    }

    [Fact]
    public void FileThatIsNotADatabaseIsRefusedAndLeftAlone()
    {
        File.WriteAllText(DatabasePath, "not a database");
        var before = DatabaseFiles();

        var (exit, _, error) = CliRunner.Run("export", "--db", DatabasePath, "--campaign", "latest", "--out", Out);

        Assert.Equal(2, exit);
        Assert.Contains("cannot be read as the platform's database", error, StringComparison.Ordinal);
        Assert.Equal(before, DatabaseFiles());
    }

    [Fact]
    public async Task InvalidSurveyFolderIsReportedFileByFile()
    {
        await CampaignAsync("Spring wave", Today.AddDays(-90), Today.AddDays(-60), CampaignStatus.Closed);
        var surveys = Directory.CreateDirectory(Path.Combine(_directory, "surveys")).FullName;
        File.WriteAllText(Path.Combine(surveys, "psychological-safety.v1.json"), "{}");

        var (exit, _, error) = CliRunner.Run("export", "--db", DatabasePath, "--campaign", "latest", "--out", Out, "--surveys", surveys);

        Assert.Equal(2, exit);
        Assert.Contains("psychological-safety.v1.json: $.id: missing required property 'id'", error, StringComparison.Ordinal);
        Assert.Contains("--surveys:", error, StringComparison.Ordinal);
    }

    /// <summary>
    /// The database file's bytes (hashed) and the size of its write-ahead log, once every connection is closed. A
    /// read-only reader of a database in WAL mode may leave SQLite's shared-memory index (-shm) and an empty log
    /// (-wal) beside it, as the running platform does: they hold no data, so only the log's size is compared.
    /// </summary>
    private (string Database, long Log) DatabaseFiles()
    {
        SqliteConnection.ClearAllPools();
        var log = new FileInfo(DatabasePath + "-wal");
        return (Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(DatabasePath))), log.Exists ? log.Length : 0);
    }

    private void Execute(string sql)
    {
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Execute(sql);
        }

        SqliteConnection.ClearAllPools();
    }
}
