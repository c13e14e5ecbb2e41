using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Demo;
using CultureDiagnostics.Api.Tests.Support;

namespace CultureDiagnostics.Api.Tests;

public sealed class StartupTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cd-tests", Guid.NewGuid().ToString("N"));
    private readonly string _surveys;

    public StartupTests()
    {
        _surveys = Path.Combine(_directory, "surveys");
        Directory.CreateDirectory(_surveys);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "surveys")))
        {
            File.Copy(file, Path.Combine(_surveys, Path.GetFileName(file)));
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestApp.DropDatabaseOf(Path.Combine(_directory, "data"));
        TestApp.DropDatabaseOf(Path.Combine(_directory, "demo"));
        Directory.Delete(_directory, recursive: true);
    }

    private string PsychologicalSafetyFile => Directory.GetFiles(_surveys, "psychological-safety.v1.json").Single();

    private void RewordFirstItem()
    {
        var json = JsonNode.Parse(File.ReadAllText(PsychologicalSafetyFile))!;
        var item = json["sections"]![0]!["items"]![0]!;
        item["text"] = item["text"]!.GetValue<string>() + " (reworded)";
        File.WriteAllText(PsychologicalSafetyFile, json.ToJsonString());
    }

    [Fact]
    public async Task PublishedInstrumentChangedAfterResponsesStopsStartupAskingForANewVersion()
    {
        using (var first = new TestApp(directory: Path.Combine(_directory, "data"), surveysDirectory: _surveys))
        {
            var campaign = await Scenario.OpenCampaignAsync(first);
            (await first.CreateClient().PostAsJsonAsync("/api/responses", Scenario.ValidSubmission(first, campaign.Code))).EnsureSuccessStatusCode();
        }

        RewordFirstItem();
        using var second = new TestApp(directory: Path.Combine(_directory, "data"), surveysDirectory: _surveys);
        var error = Assert.ThrowsAny<Exception>(() => second.CreateClient());

        Assert.Contains("psychological-safety", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("new version", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstrumentMayStillChangeBeforeAnyoneHasAnswered()
    {
        using (var first = new TestApp(directory: Path.Combine(_directory, "data"), surveysDirectory: _surveys))
        {
            await Scenario.OpenCampaignAsync(first);
        }

        RewordFirstItem();
        using var second = new TestApp(directory: Path.Combine(_directory, "data"), surveysDirectory: _surveys);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public void InvalidInstrumentFileStopsStartupNamingTheFileAndPath()
    {
        var json = JsonNode.Parse(File.ReadAllText(PsychologicalSafetyFile))!;
        json["sections"]![0]!["items"]![0]!["scale"] = "no-such-scale";
        File.WriteAllText(PsychologicalSafetyFile, json.ToJsonString());

        using var app = new TestApp(directory: Path.Combine(_directory, "data"), surveysDirectory: _surveys);
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("psychological-safety.v1.json", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("$.sections[0].items[0].scale", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoTrustIsLoadedIntoAnEmptyDatabaseAndBrowsableThroughTheApi()
    {
        using var app = new TestApp(demo: true, directory: Path.Combine(_directory, "demo"));
        var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { email = DemoData.AdminEmail, password = DemoData.AdminPassword })).EnsureSuccessStatusCode();

        var units = await TestApp.ReadArrayAsync(await client.GetAsync("/api/units"));
        var teams = units.Count(u => u!["level"]!.GetValue<string>() == "team");
        Assert.InRange(teams, 15, 25);

        var campaigns = await TestApp.ReadArrayAsync(await client.GetAsync("/api/campaigns"));
        Assert.Equal(3, campaigns.Count);
        Assert.Contains(campaigns, c => c!["acceptingResponses"]!.GetValue<bool>());
        Assert.InRange(app.Count("responses"), 800, 4000);
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheEndpoints()
    {
        using var app = new TestApp(directory: Path.Combine(_directory, "data"));
        var document = await TestApp.ReadObjectAsync(await app.CreateClient().GetAsync("/openapi/v1.json"));
        var paths = document["paths"]!.AsObject();

        Assert.True(paths.ContainsKey("/api/responses"));
        Assert.True(paths.ContainsKey("/api/campaigns"));
        Assert.True(paths.ContainsKey("/api/units/import"));
    }
}
