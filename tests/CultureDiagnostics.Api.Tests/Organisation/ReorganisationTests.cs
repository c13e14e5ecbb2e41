using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Anonymity;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;
using CultureDiagnostics.Api.Tests.Workbook;
using CultureDiagnostics.Data.Accounts;

namespace CultureDiagnostics.Api.Tests.Organisation;

/// <summary>
/// The structure through time: units move, are renamed, merged, split and retired from a date on, and every campaign
/// keeps the structure it ran with, so that nothing an old wave published (results, drill-downs, breakdowns, rates,
/// comments, the CSV and the workbook) changes by a single character when the tree does.
/// </summary>
public sealed class ReorganisationTests : IDisposable
{
    private readonly TestApp _app = new(demo: true);

    public void Dispose() => _app.Dispose();

    /// <summary>Everything an analyst can read of every campaign that has published results, keyed by where it was read.</summary>
    private static async Task<SortedDictionary<string, string>> EverythingPublishedAsync(HttpClient analyst)
    {
        var read = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var campaign in (await TestApp.ReadArrayAsync(await analyst.GetAsync("/api/campaigns"))).Select(c => c!["id"]!.GetValue<string>()))
        {
            var results = await analyst.GetAsync($"/api/campaigns/{campaign}/results");
            if (results.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }

            async Task Read(string path) => read[path] = await analyst.GetStringAsync(path);
            var units = (await TestApp.ReadObjectAsync(results))["heatmap"]!.AsArray().Select(r => r!["unit"]!.GetValue<string>()).ToList();
            await Read($"/api/campaigns/{campaign}/results");
            await Read($"/api/campaigns/{campaign}/response-rates");
            await Read($"/api/campaigns/{campaign}/results.csv");
            await Read($"/api/campaigns/{campaign}/results/breakdowns/staff-group");
            foreach (var unit in units)
            {
                await Read($"/api/campaigns/{campaign}/results/units/{unit}");
                await Read($"/api/campaigns/{campaign}/comments?unit={unit}");
            }

            using var workbook = WorkbookFile.Open(await analyst.GetByteArrayAsync($"/api/campaigns/{campaign}/synthesis.xlsx"));
            read[$"/api/campaigns/{campaign}/synthesis.xlsx"] = string.Join("\n", WorkbookFile.AllCells(workbook)
                .Where(x => x.Sheet.Name != "About")
                .Select(x => $"{x.Sheet.Name}!{x.Cell.Address}={x.Cell.GetString()}"));
        }

        return read;
    }

    private static async Task<HttpResponseMessage> ChangeAsync(HttpClient client, object change) => await client.PostAsJsonAsync("/api/units/changes", change);

    /// <summary>Read before the changes in one app, after them in another on the same database: nothing kept in memory can hide a change.</summary>
    [Fact]
    public async Task MovingRenamingMergingSplittingAndRetiringUnitsChangesNothingAnOldWavePublished()
    {
        var directory = Path.Combine(Path.GetTempPath(), "cd-tests", Guid.NewGuid().ToString("N"));
        try
        {
            SortedDictionary<string, string> before;
            using (var first = new TestApp(demo: true, directory: directory))
            {
                var reader = await first.SignedInClientAsync(Roles.Analyst);
                before = await EverythingPublishedAsync(reader);
                await ReorganiseAsync(first, reader);
            }

            using var second = new TestApp(demo: true, directory: directory);
            var after = await EverythingPublishedAsync(await second.SignedInClientAsync(Roles.Analyst));
            Assert.True(before.Count > 60, $"{before.Count} things read");
            Assert.Equal(before.Keys, after.Keys);
            var changed = before.Keys.Where(k => before[k] != after[k]).ToList();
            Assert.True(changed.Count == 0, $"{changed.Count} of {before.Count} changed, for example {string.Join(", ", changed.Take(5))}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TestApp.DropDatabaseOf(directory);
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Moves, renames, merges, splits and retires units today and plans a move, checking the structure they make.</summary>
    private static async Task ReorganiseAsync(TestApp app, HttpClient analyst)
    {
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var day = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var later = today.AddMonths(4).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        foreach (var change in new object[]
        {
            new { kind = "move", effectiveOn = day, unit = "SUR-ORTH", parentCode = "MED" },
            new { kind = "rename", effectiveOn = day, unit = "MED-AMU", name = "Acute Medicine and Same Day Emergency Care" },
            new { kind = "merge", effectiveOn = day, units = new[] { "WAC-NNU", "WAC-PAED" }, into = new { code = "WAC-CHILD", name = "Children's and Neonatal Care", headcount = 58 } },
            new { kind = "split", effectiveOn = day, unit = "CSS-PATH", parts = new[] { new { code = "CSS-PATH-BIO", name = "Blood Sciences", headcount = 24 }, new { code = "CSS-PATH-CELL", name = "Cellular Pathology", headcount = 20 } } },
            new { kind = "retire", effectiveOn = day, unit = "MED-DIAB" },
            new { kind = "move", effectiveOn = later, unit = "SUR-DSU", parentCode = "MED" },
        })
        {
            var response = await ChangeAsync(analyst, change);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }

        // Today's structure has the changes, the planned one from its day on; the list says each in words.
        var now = (await TestApp.ReadArrayAsync(await analyst.GetAsync("/api/units"))).ToDictionary(u => u!["code"]!.GetValue<string>(), u => u!);
        Assert.Equal("MED", now["SUR-ORTH"]["parentCode"]!.GetValue<string>());
        Assert.Equal("Acute Medicine and Same Day Emergency Care", now["MED-AMU"]["name"]!.GetValue<string>());
        Assert.Equal("WAC", now["WAC-CHILD"]["parentCode"]!.GetValue<string>());
        Assert.Equal("CSS", now["CSS-PATH-CELL"]["parentCode"]!.GetValue<string>());
        Assert.DoesNotContain("WAC-NNU", now.Keys);
        Assert.DoesNotContain("CSS-PATH", now.Keys);
        Assert.DoesNotContain("MED-DIAB", now.Keys);
        Assert.Equal("SUR", now["SUR-DSU"]["parentCode"]!.GetValue<string>());
        var planned = (await TestApp.ReadArrayAsync(await analyst.GetAsync($"/api/units?asOf={later}"))).ToDictionary(u => u!["code"]!.GetValue<string>(), u => u!);
        Assert.Equal("MED", planned["SUR-DSU"]["parentCode"]!.GetValue<string>());
        var changes = await TestApp.ReadArrayAsync(await analyst.GetAsync("/api/units/changes"));
        Assert.Equal(6, changes.Count);
        Assert.Contains(changes, c => c!["summary"]!.GetValue<string>().StartsWith("Neonatal Unit (WAC-NNU) and Children's Ward (WAC-PAED) merge into Children's and Neonatal Care (WAC-CHILD)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AChangeThatWouldBreakTheStructureOnAnyDayIsRefusedNamingTheFieldAndNothingIsStored()
    {
        var analyst = await _app.SignedInClientAsync(Roles.Analyst);
        var today = DateOnly.FromDateTime(_app.Clock.GetUtcNow().UtcDateTime);
        string Day(int months) => today.AddMonths(months).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // A move planned for later, under a directorate then retired before it: refused, because that day would break.
        (await ChangeAsync(analyst, new { kind = "move", effectiveOn = Day(3), unit = "SUR-DSU", parentCode = "MED-DIAB" })).EnsureSuccessStatusCode();
        var cases = new (object Change, string Field)[]
        {
            (new { kind = "retire", effectiveOn = Day(1), unit = "MED-DIAB" }, "unit"),
            (new { kind = "retire", effectiveOn = Day(0), unit = "SUR" }, "unit"),
            (new { kind = "move", effectiveOn = Day(0), unit = "SUR", parentCode = "SUR-ICU" }, "unit"),
            (new { kind = "move", effectiveOn = Day(0), unit = "SUR-ICU", parentCode = "NOWHERE" }, "parentCode"),
            (new { kind = "move", effectiveOn = Day(0), unit = "NVT", parentCode = "SUR" }, "unit"),
            (new { kind = "rename", effectiveOn = Day(0), unit = "SUR-ICU", name = "" }, "name"),
            (new { kind = "merge", effectiveOn = Day(0), units = new[] { "SUR-ICU" }, into = new { code = "X", name = "X" } }, "units"),
            (new { kind = "merge", effectiveOn = Day(0), units = new[] { "SUR-ICU", "MED-ED" }, into = new { code = "MED-AMU", name = "Taken" } }, "into"),
            (new { kind = "split", effectiveOn = Day(0), unit = "SUR-ICU", parts = new[] { new { code = "ICU-A", name = "A" } } }, "parts"),
            (new { kind = "rename", unit = "SUR-ICU", name = "Critical Care Unit" }, "effectiveOn"),
            (new { kind = "promote", effectiveOn = Day(0), unit = "SUR-ICU" }, "kind"),
        };
        foreach (var (change, field) in cases)
        {
            await ProblemAssert.HasFieldErrorAsync(await ChangeAsync(analyst, change), field);
        }

        Assert.Single(await TestApp.ReadArrayAsync(await analyst.GetAsync("/api/units/changes")));
        await ProblemAssert.HasFieldErrorAsync(await analyst.GetAsync("/api/units?asOf=next-week"), "asOf");
    }

    [Fact]
    public async Task ADraftNamingAUnitRetiredSinceCannotOpenUntilItIsChanged()
    {
        var admin = await _app.SignedInClientAsync();
        var today = DateOnly.FromDateTime(_app.Clock.GetUtcNow().UtcDateTime);
        var created = await admin.PostAsJsonAsync("/api/campaigns", new
        {
            title = "Pulse: surgery", opensOn = today, closesOn = today.AddDays(14), instruments = new[] { new { id = "psychological-safety" } }, units = new[] { "SUR-ICU", "SUR-THEA" },
        });
        var id = (await TestApp.ReadObjectAsync(created))["id"]!.GetValue<string>();
        (await ChangeAsync(admin, new { kind = "retire", effectiveOn = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), unit = "SUR-ICU" })).EnsureSuccessStatusCode();

        var refused = await ProblemAssert.IsProblemAsync(await admin.PostAsync($"/api/campaigns/{id}/open", null), 409);
        Assert.Contains("Critical Care (SUR-ICU)", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("draft", (await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}")))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task AVolunteerMovesMergesAndSplitsUnitsFromTheStructurePagesAndMistakesAreSaidInWords()
    {
        var analyst = await WorkspaceClient.SignedInAsync(_app, Roles.Analyst);
        var structurePath = WorkspaceClient.LinkTo(WorkspaceClient.Parse(await analyst.GetStringAsync("/workspace")), "Structure");
        var structure = WorkspaceClient.Parse(await analyst.GetStringAsync(structurePath));
        var orthopaedics = WorkspaceClient.LinkTo(structure, "Change Orthopaedic Ward");
        var day = DateOnly.FromDateTime(_app.Clock.GetUtcNow().UtcDateTime).AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // No date: the error summary links to the move form's date; nothing is recorded.
        var noDate = await WorkspaceClient.SubmitAsync(analyst, orthopaedics, "form[aria-labelledby=move]", ("parentCode", "MED"), ("effectiveOn", ""));
        Assert.Equal(HttpStatusCode.BadRequest, noDate.StatusCode);
        Assert.NotNull((await WorkspaceClient.ParseAsync(noDate)).QuerySelector(".error-summary a[href='#move-effectiveOn']"));

        var moved = await WorkspaceClient.SubmitAsync(analyst, orthopaedics, "form[aria-labelledby=move]", ("parentCode", "MED"), ("effectiveOn", day));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        // A merger without a code for the merged unit, then with one; a split into parts, one code taken.
        var cardiology = WorkspaceClient.LinkTo(structure, "Change Cardiology Ward");
        var noCode = await WorkspaceClient.SubmitAsync(analyst, cardiology, "form[aria-labelledby=merge]", ("other", "MED-RESP"), ("newCode", ""), ("newName", "Heart and Lung"), ("effectiveOn", day));
        Assert.NotNull((await WorkspaceClient.ParseAsync(noCode)).QuerySelector(".error-summary a[href='#merge-code']"));
        Assert.Equal(HttpStatusCode.Redirect, (await WorkspaceClient.SubmitAsync(analyst, cardiology, "form[aria-labelledby=merge]",
            ("other", "MED-RESP"), ("newCode", "MED-HL"), ("newName", "Heart and Lung"), ("newHeadcount", "68"), ("effectiveOn", day))).StatusCode);
        var theatres = WorkspaceClient.LinkTo(structure, "Change Main Theatres");
        var taken = await WorkspaceClient.SubmitAsync(analyst, theatres, "form[aria-labelledby=split]",
            ("part1Code", "SUR-THEA-A"), ("part1Name", "Theatres A"), ("part2Code", "MED-ED"), ("part2Name", "Theatres B"), ("effectiveOn", day));
        var takenPage = await WorkspaceClient.ParseAsync(taken);
        Assert.Contains("is, or was, another unit's", OneGateTests.Text(takenPage.QuerySelector(".error-summary")!), StringComparison.Ordinal);
        Assert.Equal("Theatres A", takenPage.QuerySelector("#split-name-1")!.GetAttribute("value"));

        // The list says what was done, planned from its date; the structure on that date shows it.
        var after = WorkspaceClient.Parse(await analyst.GetStringAsync(structurePath));
        var changes = after.QuerySelectorAll("ul.changes li").Select(OneGateTests.Text).ToList();
        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.StartsWith("Planned: ", c, StringComparison.Ordinal));
        Assert.Contains(changes, c => c.Contains("Orthopaedic Ward (SUR-ORTH) moves to Medicine (MED)", StringComparison.Ordinal));
        var then = WorkspaceClient.Parse(await analyst.GetStringAsync($"{structurePath}?on={day}"));
        var names = then.QuerySelectorAll("tbody td:first-child").Select(OneGateTests.Text).ToList();
        Assert.Contains("Heart and Lung", names);
        Assert.DoesNotContain("Cardiology Ward", names);
    }
}
