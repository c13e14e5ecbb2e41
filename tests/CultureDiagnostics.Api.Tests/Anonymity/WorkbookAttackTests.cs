using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workbook;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Data.Organisation;
using CultureDiagnostics.Data.Responses;
using CultureDiagnostics.Application.Results;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Anonymity;

/// <summary>
/// The curious manager's attacks, made on the workbook: every cell of every sheet is scanned for a figure
/// that disclosure control suppressed (a small group's count, mean, interval or share, taken from the
/// platform's own unsuppressed analysis), and the published counts must not isolate a small group.
/// </summary>
public sealed class WorkbookAttackTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>A closed campaign over the given units of the test trust, with everyone in a unit giving the same answer.</summary>
    private async Task<(HttpClient Admin, string Id)> ClosedCampaignAsync(string[] units, params (string Unit, int Count, int Value)[] answers)
    {
        var admin = await _app.SignedInClientAsync();
        (await admin.PostAsync("/api/units/import", new StringContent(Scenario.StructureCsv, System.Text.Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var created = await TestApp.ReadObjectAsync(await admin.PostAsJsonAsync("/api/campaigns", new
        {
            title = "Wave", opensOn = "2026-11-01", closesOn = "2026-11-30", instruments = new[] { new { id = "psychological-safety" } }, units,
        }));
        var id = created["id"]!.GetValue<string>();
        (await admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        var unitIds = (await _app.Services.GetRequiredService<UnitStore>().AllAsync()).ToDictionary(u => u.Code, u => u.Id);
        var instrument = Scenario.Instrument(_app);
        var batch = answers.SelectMany(a => Enumerable.Range(0, a.Count).Select(_ => (unitIds[a.Unit], new DateOnly(2026, 11, 5),
            new AcceptedSubmission(instrument.ScaleItems.Select(i => new AcceptedAnswer(instrument.Id, i.Id, a.Value, null, false)).ToList(), [], [])))).ToList();
        await _app.Services.GetRequiredService<ResponseStore>().StoreBatchAsync(id, batch);
        (await admin.PostAsync($"/api/campaigns/{id}/close", null)).EnsureSuccessStatusCode();
        return (admin, id);
    }

    [Fact]
    public async Task SubtractingATeamFromItsDirectorateFindsNothingInTheWorkbook()
    {
        var (admin, id) = await ClosedCampaignAsync(["TEAM-1", "TEAM-2"], ("TEAM-1", 6, 5), ("TEAM-2", 2, 1));
        using var workbook = await ScanAsync(admin, id, threshold: 5);
        var data = WorkbookFile.Rows(workbook, "Data", "Data");
        Assert.Equal("fewer than 5 responses", data.Single(r => r["unit"].GetString() == "TEAM-2")["respondents"].GetString());
        Assert.Equal("withheld", data.Single(r => r["unit"].GetString() == "TEAM-1")["psychological-safety/psychological-safety/mean"].GetString());
    }

    [Fact]
    public async Task DirectorateAndItsOnlyTeamAreNotBothInTheWorkbook()
    {
        var (admin, id) = await ClosedCampaignAsync(["DIR-A", "TEAM-1"], ("DIR-A", 2, 1), ("TEAM-1", 6, 6));
        using var workbook = await ScanAsync(admin, id, threshold: 5);
        var data = WorkbookFile.Rows(workbook, "Data", "Data");
        var shown = data.Where(r => r["unit"].GetString() is "DIR-A" or "TEAM-1" && r["psychological-safety/psychological-safety/mean"].DataType == XLDataType.Number);
        Assert.True(shown.Count() <= 1, "A directorate and its only team, two people apart, were both shown.");
    }

    [Fact]
    public async Task SmallTeamBesideALargeOneIsHiddenWithItsNeighbour()
    {
        var (admin, id) = await ClosedCampaignAsync(["TEAM-1", "TEAM-2"], ("TEAM-1", 12, 6), ("TEAM-2", 3, 2));
        using var _ = await ScanAsync(admin, id, threshold: 5);
    }

    public static TheoryData<int> Seeds() => [1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task RandomOrganisationsWorkbooksIsolateNoSmallGroup(int seed)
    {
        var (admin, id, threshold) = await PublishedFigureProperties.RandomOpenCampaignAsync(_app, seed);
        (await admin.PostAsync($"/api/campaigns/{id}/close", null)).EnsureSuccessStatusCode();
        using var workbook = await ScanAsync(admin, id, threshold);
        var data = WorkbookFile.Rows(workbook, "Data", "Data");
        static int? Shown(IXLCell cell) => cell.DataType == XLDataType.Number ? (int)cell.GetDouble() : null;
        PublishedFigureProperties.AssertNothingIsolated(data.Select(r => (r["unit"].GetString(), Shown(r["respondents"]))), threshold);
        PublishedFigureProperties.AssertNothingIsolated(data.Select(r => (r["unit"].GetString(), Shown(r["psychological-safety/psychological-safety/n"]))), threshold);
    }

    /// <summary>
    /// Downloads the workbook and scans every cell: no number equal to a suppressed figure (that is not also
    /// published elsewhere), no count below the threshold in a count column, every hidden cell in the words
    /// of the threshold, and no blank cell in a unit's row of the data.
    /// </summary>
    private async Task<XLWorkbook> ScanAsync(HttpClient admin, string id, int threshold)
    {
        var bytes = await admin.GetByteArrayAsync($"/api/campaigns/{id}/synthesis.xlsx");
        var workbook = WorkbookFile.Open(bytes);
        var published = Numbers(JsonNode.Parse(await admin.GetStringAsync($"/api/campaigns/{id}/results"))!).ToList();
        var analysed = (await _app.Services.GetRequiredService<CampaignResultsService>().GetAsync(id))!;
        var results = (await _app.Services.GetRequiredService<ResultsPublisher>().CampaignAsync(id)).Value!;
        var forbidden = new List<double>();
        foreach (var row in results.Heatmap)
        {
            var unit = analysed.Tree.Units.Single(u => u.Code == row.Unit);
            if (!row.Respondents.Shown)
            {
                forbidden.Add(analysed.Disclosure[unit.Id].Total);
            }

            for (var i = 0; i < row.Cells.Count; i++)
            {
                if (row.Cells[i].Suppressed && analysed.Analysis.Scales[i].ByUnit.TryGetValue(unit.Id, out var raw))
                {
                    forbidden.AddRange(new double?[] { raw.ScaleScore.N, raw.ScaleScore.Mean, raw.ScaleScore.MeanCi95?.Low, raw.ScaleScore.MeanCi95?.High, raw.ScaleScore.Sd, raw.Pooled.Favourable.Share }
                        .OfType<double>());
                }
            }
        }

        forbidden = forbidden.Where(f => f != 0 && !published.Any(p => Same(p, f))).ToList();
        Assert.True(forbidden.Count > 0 || results.Heatmap.All(r => r.Respondents.Shown), "The scenario suppressed nothing to look for.");
        foreach (var (sheet, cell) in WorkbookFile.AllCells(workbook))
        {
            var where = $"{sheet.Name}!{cell.Address}";
            if (cell.DataType == XLDataType.Number)
            {
                Assert.False(forbidden.Any(f => Same(f, cell.GetDouble())), $"{where} holds {cell.GetDouble().ToString(CultureInfo.InvariantCulture)}, a suppressed figure.");
                var header = sheet.Cell(HeaderRowOf(sheet, cell), cell.Address.ColumnNumber).GetString();
                if (header is "Respondents (n)" or "respondents" || header.EndsWith("/n", StringComparison.Ordinal))
                {
                    Assert.True(cell.GetDouble() == 0 || cell.GetDouble() >= threshold, $"{where} shows a count of {cell.GetDouble()} under the threshold {threshold}.");
                }
            }
            else if (cell.GetString().StartsWith("fewer than", StringComparison.OrdinalIgnoreCase))
            {
                Assert.True(cell.GetString() == $"fewer than {threshold} responses", $"{where} reads '{cell.GetString()}'.");
            }
        }

        Assert.All(WorkbookFile.Rows(workbook, "Data", "Data"), row => Assert.All(row, c => Assert.False(c.Value.IsEmpty(), $"Data: '{c.Key}' of {row["unit"].GetString()} is blank.")));
        return workbook;
    }

    /// <summary>The header row of the table a cell belongs to (the nearest table above it on its sheet).</summary>
    private static int HeaderRowOf(IXLWorksheet sheet, IXLCell cell) =>
        sheet.Tables.Where(t => t.RangeAddress.FirstAddress.RowNumber <= cell.Address.RowNumber).Select(t => t.RangeAddress.FirstAddress.RowNumber).DefaultIfEmpty(1).Max();

    private static bool Same(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a));

    private static IEnumerable<double> Numbers(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : Numbers(p.Value)),
        JsonArray a => a.SelectMany(x => x is null ? [] : Numbers(x)),
        JsonValue v when v.TryGetValue<double>(out var d) => [d],
        _ => [],
    };
}
