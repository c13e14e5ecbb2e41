using System.Net;
using System.Net.Http.Json;
using System.Text;
using CultureDiagnostics.Api.Tests.Support;

namespace CultureDiagnostics.Api.Tests;

public sealed class StructureTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task ImportedStructureIsListedAsATreeWithLevels()
    {
        var client = await _app.SignedInClientAsync();
        var import = await client.PostAsync("/api/units/import", Csv(Scenario.StructureCsv));
        Assert.Equal(HttpStatusCode.Created, import.StatusCode);
        Assert.Equal(4, (await TestApp.ReadObjectAsync(import))["imported"]!.GetValue<int>());

        var units = await TestApp.ReadArrayAsync(await client.GetAsync("/api/units"));
        Assert.Equal(["ORG", "DIR-A", "TEAM-1", "TEAM-2"], units.Select(u => u!["code"]!.GetValue<string>()));
        Assert.Equal(["organisation", "directorate", "team", "team"], units.Select(u => u!["level"]!.GetValue<string>()));
        Assert.Equal(12, units[2]!["headcount"]!.GetValue<int>());
    }

    [Fact]
    public async Task ImportWithBadRowsReportsEveryOneAndImportsNothing()
    {
        var client = await _app.SignedInClientAsync();
        const string csv = """
            code,name,parent_code,headcount
            ORG,Test Trust,,
            DIR-A,,ORG,
            TEAM-1,Team One,NOPE,12
            TEAM-2,Team Two,DIR-A,lots
            DIR-A,Again,ORG,
            OTHER,Second root,,
            bad code!,Name,ORG,3
            """;
        var response = await client.PostAsync("/api/units/import", Csv(csv));

        await ProblemAssert.HasFieldErrorAsync(response, "row 3: name");
        await ProblemAssert.HasFieldErrorAsync(response, "row 4: parent_code");
        await ProblemAssert.HasFieldErrorAsync(response, "row 5: headcount");
        await ProblemAssert.HasFieldErrorAsync(response, "row 6: code");
        await ProblemAssert.HasFieldErrorAsync(response, "row 7: parent_code");
        await ProblemAssert.HasFieldErrorAsync(response, "row 8: code");
        Assert.Equal(0, _app.Count("units"));
    }

    [Fact]
    public async Task ImportWithWrongColumnsNamesThem()
    {
        var client = await _app.SignedInClientAsync();
        var response = await client.PostAsync("/api/units/import", Csv("code,title,parent\nORG,Trust,\n"));
        var messages = await ProblemAssert.HasFieldErrorAsync(response, "row 1: header");

        Assert.Contains("missing column(s) name, parent_code", messages[0], StringComparison.Ordinal);
        Assert.Contains("unknown column(s) title, parent", messages[0], StringComparison.Ordinal);
        Assert.Equal(0, _app.Count("units"));
    }

    [Fact]
    public async Task ImportThatIsNotUtf8IsRejected()
    {
        var client = await _app.SignedInClientAsync();
        var bytes = Encoding.Latin1.GetBytes("code,name,parent_code\nORG,Caf\u00e9 Trust,\n");
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("text/csv");
        await ProblemAssert.HasFieldErrorAsync(await client.PostAsync("/api/units/import", content), "body");
        Assert.Equal(0, _app.Count("units"));
    }

    [Fact]
    public async Task LoopInTheStructureIsRejected()
    {
        var client = await _app.SignedInClientAsync();
        var response = await client.PostAsync("/api/units/import", Csv("code,name,parent_code\nORG,Trust,\nA,A,B\nB,B,A\n"));
        var messages = await ProblemAssert.HasFieldErrorAsync(response, "row 3: parent_code");
        Assert.Contains("loop", messages[0], StringComparison.Ordinal);
        Assert.Equal(0, _app.Count("units"));
    }

    [Fact]
    public async Task UnitsCanBeCreatedAndEditedThroughTheApi()
    {
        var client = await _app.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/units", new { code = "ORG", name = "Trust" })).StatusCode);
        var created = await client.PostAsJsonAsync("/api/units", new { code = "T1", name = "Ward 1", parentCode = "ORG", headcount = 20 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var edited = await client.PutAsJsonAsync("/api/units/T1", new { name = "Ward One", headcount = 22 });
        var body = await TestApp.ReadObjectAsync(edited);
        Assert.Equal("Ward One", body["name"]!.GetValue<string>());
        Assert.Equal(22, body["headcount"]!.GetValue<int>());

        await ProblemAssert.IsProblemAsync(await client.PutAsJsonAsync("/api/units/NOPE", new { name = "X" }), 404);
        await ProblemAssert.HasFieldErrorAsync(await client.PostAsJsonAsync("/api/units", new { code = "T2", name = "Ward 2", parentCode = "MISSING" }), "parentCode");
        await ProblemAssert.HasFieldErrorAsync(await client.PostAsJsonAsync("/api/units", new { code = "T3", name = "", parentCode = "ORG", headcount = -1 }), "headcount");
    }

    [Fact]
    public async Task StructureNeedsAChangeTeamAccount()
    {
        await ProblemAssert.IsProblemAsync(await _app.CreateClient().GetAsync("/api/units"), 401);
        var board = await _app.SignedInClientAsync("board");
        await ProblemAssert.IsProblemAsync(await board.PostAsync("/api/units/import", Csv(Scenario.StructureCsv)), 403);
        Assert.Equal(0, _app.Count("units"));
    }
}
