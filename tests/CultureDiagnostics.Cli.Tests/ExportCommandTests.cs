using ClosedXML.Excel;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Data;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Organisation;
using CultureDiagnostics.Data.Responses;
using CultureDiagnostics.Data.Surveys;
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

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

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
        Assert.Contains("No campaign has closed yet", latestError, StringComparison.Ordinal);
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
}
