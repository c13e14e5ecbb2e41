using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Accounts;
using Xunit.Abstractions;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor;

/// <summary>
/// A reorganisation between two waves, through the real endpoints: a small team moves from one directorate to another.
/// Were an old wave recomputed on the new tree, its directorate's figures after the move less those before would be
/// the small team's. The auditor reads both waves after the move, each against the structure it ran with: every
/// number must be that structure's (so the old wave's figures are the ones published before the move), and nothing
/// about fewer than the threshold's respondents can be worked out across the two.
/// </summary>
public sealed class ReorganisationAuditTests(ITestOutputHelper output)
{
    private const string Structure = """
        code,name,parent_code,headcount
        ORG,Test Trust,,
        DIR-A,Directorate A,ORG,
        DIR-B,Directorate B,ORG,
        TEAM-1,Team One,DIR-A,9
        TEAM-2,Team Two,DIR-A,4
        TEAM-3,Team Three,DIR-B,8
        """;

    /// <summary>The audit is read by a second app on the same database, so no analysis kept in memory from before the move can hide a change.</summary>
    [Fact]
    public async Task AWaveBeforeAndAWaveAfterATeamMovesLeaveNothingToWorkOut()
    {
        var directory = Path.Combine(Path.GetTempPath(), "cd-tests", Guid.NewGuid().ToString("N"));
        try
        {
            string first, second;
            var clock = TestApp.Today;
            using (var app = new TestApp(directory: directory))
            {
                var admin = await app.SignedInClientAsync();
                (await admin.PostAsync("/api/units/import", new StringContent(Structure, System.Text.Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();

                first = await WaveAsync(app, "Before the move", [("TEAM-1", 7, 0), ("TEAM-2", 3, 1), ("TEAM-3", 6, 2)]);
                app.Clock.Now = app.Clock.Now.AddDays(30);
                var day = DateOnly.FromDateTime(app.Clock.Now.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                var moved = await (await app.SignedInClientAsync()).PostAsJsonAsync("/api/units/changes", new { kind = "move", effectiveOn = day, unit = "TEAM-2", parentCode = "DIR-B" });
                Assert.Equal(System.Net.HttpStatusCode.Created, moved.StatusCode);
                app.Clock.Now = app.Clock.Now.AddDays(1);
                second = await WaveAsync(app, "After the move", [("TEAM-1", 6, 3), ("TEAM-2", 3, 4), ("TEAM-3", 7, 5)]);
                clock = app.Clock.Now;
            }

            using var reading = new TestApp(directory: directory);
            reading.Clock.Now = clock;
            var result = await Audit.RunAsync(reading, await reading.SignedInClientAsync(Roles.Analyst), [first, second]);

            result.Write(output);
            result.AssertModelIsRight();
            result.AssertNothingIsDetermined();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TestApp.DropDatabaseOf(directory);
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A wave of every team opened today, answered by the given numbers of people, and closed a fortnight on.</summary>
    private static async Task<string> WaveAsync(TestApp app, string title, (string Team, int People, int Shift)[] answers)
    {
        var admin = await app.SignedInClientAsync();
        var today = DateOnly.FromDateTime(app.Clock.Now.UtcDateTime);
        var created = await TestApp.ReadObjectAsync(await admin.PostAsJsonAsync("/api/campaigns", new
        {
            title, opensOn = today, closesOn = today.AddDays(14), instruments = new[] { new { id = "psychological-safety" } }, units = new[] { "TEAM-1", "TEAM-2", "TEAM-3" },
        }));
        var id = created["id"]!.GetValue<string>();
        (await admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        var codes = created["units"]!.AsArray().ToDictionary(u => u!["code"]!.GetValue<string>(), u => u!["accessCode"]!.GetValue<string>());
        foreach (var (team, people, shift) in answers)
        {
            for (var i = 0; i < people; i++)
            {
                await Scenario.SubmitAsync(app, Scenario.Submission(app, codes[team], item => 1 + ((i + shift + item.Id.Length + item.Id[^1]) % 7)));
            }
        }

        app.Clock.Now = app.Clock.Now.AddDays(14);
        (await (await app.SignedInClientAsync()).PostAsync($"/api/campaigns/{id}/close", null)).EnsureSuccessStatusCode();
        return id;
    }
}
