using System.Net;
using System.Net.Http.Json;
using System.Text;
using CultureDiagnostics.Api.Tests.Support;

namespace CultureDiagnostics.Api.Tests.Edges;

/// <summary>
/// A file with several problems is refused with every one of them, in the order of its rows, whichever check found
/// them; a row with one problem is still checked for the others; and nothing is stored.
/// </summary>
public sealed class ImportErrorsTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<List<string>> ProblemsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await TestApp.ReadObjectAsync(response);
        return [.. problem["errors"]!.AsObject().Select(e => e.Key)];
    }

    [Fact]
    public async Task AStructuresProblemsAllComeInTheOrderOfItsRows()
    {
        var admin = await _app.SignedInClientAsync();
        const string csv = "code,name,parent_code,headcount\nORG,Trust,,\nT1,,ORG,many\nT2,Team Two,ORG\nT3,Team Three,NOPE,5\n";
        var problems = await ProblemsAsync(await admin.PostAsync("/api/units/import", new StringContent(csv, Encoding.UTF8, "text/csv")));

        Assert.Contains("row 3: headcount", problems);
        Assert.Contains("row 3: name", problems);
        Assert.Contains("row 4: row", problems);
        Assert.Contains("row 5: parent_code", problems);
        var rows = problems.Select(p => int.Parse(p.Split(':')[0]["row ".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(rows.Order(), rows);
        Assert.Equal(0, _app.Count("units"));
    }

    [Fact]
    public async Task MetricValuesProblemsAllComeInTheOrderOfTheirRows()
    {
        var admin = await _app.SignedInClientAsync();
        (await admin.PostAsJsonAsync("/api/metrics", new { id = "sickness-absence", title = "Sickness absence", element = "support-and-compassion", direction = "decrease" }))
            .EnsureSuccessStatusCode();
        const string csv = "metric,period,value\nsickness-absence,2026-13,4.1\nsickness-absence,2026-01\nsickness-absence,2026-02,4.0\n";
        var problems = await ProblemsAsync(await admin.PostAsync("/api/metrics/import", new StringContent(csv, Encoding.UTF8, "text/csv")));

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("row 2:", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("row 3:", problems[1], StringComparison.Ordinal);
        Assert.Equal(0, _app.Count("metric_values"));
    }
}
