using System.Net;
using System.Net.Http.Json;
using System.Text;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;

namespace CultureDiagnostics.Api.Tests.Edges;

/// <summary>
/// Files saved by Excel as "CSV UTF-8", which the import pages ask for, begin with a byte-order mark. The structure and
/// metrics imports take them from the page's file input and through the API, with nothing lost from the first column.
/// </summary>
public sealed class ExcelCsvTests : IDisposable
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private static byte[] AsExcelSavesIt(string csv) => [.. ByteOrderMark, .. Encoding.UTF8.GetBytes(csv)];

    [Fact]
    public async Task AStructureSavedByExcelImportsFromThePageAndThroughTheApi()
    {
        var admin = await WorkspaceClient.SignedInAsync(_app);
        var token = await WorkspaceClient.TokenAsync(admin, "/workspace/structure");
        var page = await admin.PostAsync("/workspace/structure/import", new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(AsExcelSavesIt("code,name,parent_code,headcount\nORG,Trust,,\nT1,Team One,ORG,12\n")), "file", "structure.csv" },
        });
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(2, _app.Count("units"));

        var api = new ByteArrayContent(AsExcelSavesIt("code,name,parent_code,headcount\nT2,Team Two,ORG,9\n"));
        api.Headers.ContentType = new("text/csv");
        var imported = await admin.PostAsync("/api/units/import", api);
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        Assert.Equal(3, _app.Count("units"));
        Assert.Contains(await TestApp.ReadArrayAsync(await admin.GetAsync("/api/units")), u => u!["code"]!.GetValue<string>() == "T2");
    }

    [Fact]
    public async Task MetricValuesSavedByExcelImportFromThePageAndThroughTheApi()
    {
        var admin = await WorkspaceClient.SignedInAsync(_app);
        (await admin.PostAsJsonAsync("/api/metrics", new { id = "sickness-absence", title = "Sickness absence", element = "support-and-compassion", direction = "decrease" }))
            .EnsureSuccessStatusCode();
        var token = await WorkspaceClient.TokenAsync(admin, "/workspace/metrics");
        var page = await admin.PostAsync("/workspace/metrics/import", new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(AsExcelSavesIt("metric,period,value\nsickness-absence,2026-01,5.1\nsickness-absence,2026-02,4.9\n")), "file", "metrics.csv" },
        });
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);

        var api = new ByteArrayContent(AsExcelSavesIt("metric,period,value\nsickness-absence,2026-03,4.7\n"));
        api.Headers.ContentType = new("text/csv");
        var imported = await admin.PostAsync("/api/metrics/import", api);
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        Assert.Equal(3, _app.Count("metric_values"));
    }
}
