using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using CultureDiagnostics.Api.Demo;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;
using CultureDiagnostics.Data.Accounts;

namespace CultureDiagnostics.Api.Tests.Workbook;

/// <summary>The synthesis workbook read back with ClosedXML, sheet by sheet, against what the API publishes.</summary>
public sealed class WorkbookTests : IDisposable
{
    private static readonly string[] Instruments = ["leadership-behaviours", "psychological-safety", "team-reflexivity"];
    private static readonly string[] SurveySheets = ["1 Leadership", "1 Psychological safety", "1 Team reflexivity"];
    private static readonly string[] SurveyTables = ["Leadershipbehaviourssurvey", "Psychologicalsafetysurvey", "Teamreflexivitysurvey"];

    private readonly TestApp _app = new(demo: true);

    public void Dispose() => _app.Dispose();

    /// <summary>A demo account: creating one of our own before the demo has loaded would stop it loading (it fills only an empty platform).</summary>
    private async Task<HttpClient> DemoClientAsync(string role)
    {
        var client = WorkspaceClient.Anonymous(_app);
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { email = $"{role}@demo.example", password = DemoData.AdminPassword })).EnsureSuccessStatusCode();
        return client;
    }

    private static async Task<string> CampaignIdAsync(HttpClient analyst, string title) =>
        (await TestApp.ReadArrayAsync(await analyst.GetAsync("/api/campaigns"))).Single(c => c!["title"]!.GetValue<string>().StartsWith(title, StringComparison.Ordinal))!["id"]!.GetValue<string>();

    /// <summary>The demo trust's autumn wave, with a metric, findings from each source and a judged element.</summary>
    private async Task<(HttpClient Client, string Id, byte[] Workbook)> DemoWorkbookAsync(string role = Roles.Analyst)
    {
        var client = await DemoClientAsync(Roles.Analyst);
        (await client.PostAsJsonAsync("/api/metrics", new { id = "sickness-absence", title = "Sickness absence", element = "support-and-compassion", direction = "decrease", target = 4.5, unit = "%" }))
            .EnsureSuccessStatusCode();
        var rows = string.Join("\n", Enumerable.Range(0, 20).Select(i => FormattableString.Invariant($"sickness-absence,{2025 + (i / 12)}-{(i % 12) + 1:00},{(i < 12 ? 6.0 + (0.1 * (i % 3)) : 3.0 + (0.1 * (i % 2)))}")));
        (await client.PostAsync("/api/metrics/import", new StringContent("metric,period,value\n" + rows, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        foreach (var (source, element, kind) in new[]
        {
            ("culture-focus-groups", "teamwork", "area-to-develop"), ("board-interviews", "vision-and-values", "strength"),
            ("leadership-workforce-analysis", "equity-and-inclusion", "area-to-develop"), ("patient-experience", "support-and-compassion", "strength"),
        })
        {
            (await client.PostAsJsonAsync("/api/findings", new { source, element, kind, evidence = $"Evidence about {element} from {source}.", date = "2026-10-01" })).EnsureSuccessStatusCode();
        }

        (await client.PutAsJsonAsync("/api/synthesis/elements", new { element = "teamwork", judgement = "area-to-develop" })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("/api/synthesis/cells", new { element = "teamwork", source = "culture-focus-groups", conclusion = "Handovers are rushed." })).EnsureSuccessStatusCode();
        var id = await CampaignIdAsync(client, "Culture diagnostic: autumn");
        var reader = role == Roles.Analyst ? client : await DemoClientAsync(role);
        var response = await reader.GetAsync($"/api/campaigns/{id}/synthesis.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        return (client, id, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task SurveySheetsAndDataShowTheResultsApisFigures()
    {
        var (client, id, bytes) = await DemoWorkbookAsync();
        var results = await TestApp.ReadObjectAsync(await client.GetAsync($"/api/campaigns/{id}/results"));
        using var workbook = WorkbookFile.Open(bytes);
        Assert.Equal(WorkbookFile.SheetNames, workbook.Worksheets.Select(w => w.Name));

        var about = WorkbookFile.Rows(workbook, "About", "About").ToDictionary(r => r["Topic"].GetString(), r => r["Detail"].GetString());
        Assert.Contains(id, about["Campaign"], StringComparison.Ordinal);
        Assert.Equal(results["respondents"]!["value"]!.GetValue<int>().ToString("#,##0", CultureInfo.InvariantCulture), about["Respondents"]);
        Assert.Contains("fewer than 5 responses", about["Suppression"], StringComparison.Ordinal);

        var scales = results["scales"]!.AsArray();
        var heatmap = results["heatmap"]!.AsArray();
        for (var s = 0; s < SurveySheets.Length; s++)
        {
            var organisation = WorkbookFile.Rows(workbook, SurveySheets[s], SurveyTables[s] + "Organisation");
            var units = WorkbookFile.Rows(workbook, SurveySheets[s], SurveyTables[s] + "Units");
            var mine = scales.Select((scale, index) => (Scale: scale!, Index: index)).Where(x => x.Scale["instrument"]!.GetValue<string>() == Instruments[s]).ToList();
            Assert.Equal(mine.Count, organisation.Count);
            Assert.Equal(mine.Count * heatmap.Count, units.Count);
            foreach (var (scale, index) in mine)
            {
                var title = scale["title"]!.GetValue<string>();
                var row = organisation.Single(r => r["Scale"].GetString() == title);
                var figures = scale["organisation"]!;
                var where = $"{SurveySheets[s]} organisation {title}";
                WorkbookFile.AssertFigure(figures["scaleScore"]!["n"], row["Respondents (n)"], where);
                WorkbookFile.AssertFigure(figures["scaleScore"]!["mean"], row["Mean"], where);
                WorkbookFile.AssertFigure(figures["scaleScore"]!["ci95"]!["low"], row["95% CI low"], where);
                WorkbookFile.AssertFigure(figures["scaleScore"]!["ci95"]!["high"], row["95% CI high"], where);
                if (figures["favourable"] is { } organisationFavourable)
                {
                    WorkbookFile.AssertFigure(organisationFavourable["share"], row["% favourable"], where);
                }
                else
                {
                    // A few people answered some of the scale's items but not all: the pooled answers are withheld.
                    Assert.Equal("withheld", row["% favourable"].GetString());
                }

                WorkbookFile.AssertFigure(scale["reliability"]!["alphaRaw"], row["Cronbach's alpha"], where);
                WorkbookFile.AssertFigure(scale["teamLevel"]!["icc1"], row["ICC(1)"], where);
                WorkbookFile.AssertFigure(scale["teamLevel"]!["icc2"], row["ICC(2)"], where);

                foreach (var unit in heatmap)
                {
                    var code = unit!["unit"]!.GetValue<string>();
                    var cell = unit["cells"]![index]!;
                    var line = units.Single(r => r["Unit code"].GetString() == code && r["Scale"].GetString() == title);
                    where = $"{SurveySheets[s]} {code} {title}";
                    if (cell["suppressed"]!.GetValue<bool>())
                    {
                        foreach (var column in new[] { "Respondents (n)", "Mean", "95% CI low", "% favourable", "rwg(j)" })
                        {
                            WorkbookFile.AssertHidden(cell, line[column], where + " " + column);
                        }

                        continue;
                    }

                    WorkbookFile.AssertFigure(cell["scaleScore"]!["n"], line["Respondents (n)"], where);
                    WorkbookFile.AssertFigure(cell["scaleScore"]!["mean"], line["Mean"], where);
                    WorkbookFile.AssertFigure(cell["scaleScore"]!["ci95"]!["high"], line["95% CI high"], where);
                    if (cell["favourable"] is { } favourable)
                    {
                        WorkbookFile.AssertFigure(favourable["share"], line["% favourable"], where);
                    }
                    else
                    {
                        // The score is shown but the pooled answers' own population was withheld.
                        Assert.Equal("withheld", line["% favourable"].GetString());
                    }
                }
            }
        }

        // Agreement and differences come from each unit's own results.
        foreach (var code in heatmap.Select(u => u!["unit"]!.GetValue<string>()).Where((_, i) => i % 4 == 0))
        {
            var unit = await TestApp.ReadObjectAsync(await client.GetAsync($"/api/campaigns/{id}/results/units/{code}"));
            var rows = WorkbookFile.Rows(workbook, "1 Psychological safety", "PsychologicalsafetysurveyUnits").Where(r => r["Unit code"].GetString() == code).ToList();
            var scale = unit["scales"]!.AsArray().Single(x => x!["instrument"]!.GetValue<string>() == "psychological-safety")!;
            if (scale["figures"]!["suppressed"]!.GetValue<bool>())
            {
                continue;
            }

            WorkbookFile.AssertFigure(scale["agreement"]?["rwgJ"], rows.Single()["rwg(j)"], $"{code} rwg(j)");
            if (scale["versusOrganisation"] is { } versus)
            {
                WorkbookFile.AssertFigure(versus["difference"], rows.Single()["Difference from organisation"], $"{code} difference");
            }
        }

        var data = WorkbookFile.Rows(workbook, "Data", "Data");
        Assert.Equal(heatmap.Count, data.Count);
        for (var u = 0; u < heatmap.Count; u++)
        {
            var unit = heatmap[u]!;
            var row = data[u];
            Assert.Equal(unit["unit"]!.GetValue<string>(), row["unit"].GetString());
            if (unit["respondents"]!["value"] is { } respondents)
            {
                WorkbookFile.AssertFigure(respondents, row["respondents"], $"Data {row["unit"].GetString()} respondents");
            }
            else
            {
                WorkbookFile.AssertHidden(unit["respondents"]!, row["respondents"], $"Data {row["unit"].GetString()} respondents");
            }

            for (var i = 0; i < scales.Count; i++)
            {
                var key = $"{scales[i]!["instrument"]!.GetValue<string>()}/{scales[i]!["construct"]!.GetValue<string>()}";
                var cell = unit["cells"]![i]!;
                if (cell["suppressed"]!.GetValue<bool>())
                {
                    WorkbookFile.AssertHidden(cell, row[key + "/mean"], $"Data {key}");
                    WorkbookFile.AssertHidden(cell, row[key + "/n"], $"Data {key}");
                }
                else
                {
                    WorkbookFile.AssertFigure(cell["scaleScore"]!["mean"], row[key + "/mean"], $"Data {key}");
                    WorkbookFile.AssertFigure(cell["scaleScore"]!["ci95"]!["low"], row[key + "/ci95_low"], $"Data {key}");
                    if (cell["favourable"] is { } favourable)
                    {
                        WorkbookFile.AssertFigure(favourable["share"], row[key + "/favourable_share"], $"Data {key}");
                    }
                    else
                    {
                        Assert.Equal("withheld", row[key + "/favourable_share"].GetString());
                    }
                }
            }
        }

        var codebook = WorkbookFile.Rows(workbook, "Codebook", "Codebook").Select(r => r["Name"].GetString()).ToHashSet();
        Assert.All(workbook.Worksheet("Data").Table("Data").Fields.Select(f => f.Name), name => Assert.Contains(name, codebook));
        Assert.Contains("psychological-safety/ps-1", codebook);
    }

    [Fact]
    public async Task DashboardFindingsSynthesisAndPlansShowTheDiagnosticsApisContent()
    {
        var (client, id, bytes) = await DemoWorkbookAsync(Roles.Board);
        using var workbook = WorkbookFile.Open(bytes);

        // The demo's metrics and findings, with those DemoWorkbookAsync added.
        var metrics = await TestApp.ReadArrayAsync(await client.GetAsync("/api/metrics"));
        var dashboard = WorkbookFile.Rows(workbook, "1 Dashboard", "Dashboard");
        Assert.Equal(metrics.Count, dashboard.Count);
        foreach (var metric in metrics)
        {
            var title = metric!["title"]!.GetValue<string>();
            var row = dashboard.Single(r => r["Metric"].GetString() == title);
            var last = metric["points"]!.AsArray()[^1]!;
            WorkbookFile.AssertFigure(last["value"], row["Latest value"], $"{title}: latest value");
            WorkbookFile.AssertFigure(last["mean"], row["Centre line (mean)"], $"{title}: centre line");
            WorkbookFile.AssertFigure(last["upl"], row["Upper process limit"], $"{title}: upper limit");
            Assert.Equal(metric["variation"]!.GetValue<string>(), row["Variation"].GetString());
            Assert.NotEqual(XLColor.NoColor, row["Variation"].Style.Fill.BackgroundColor);
        }

        var charts = WorkbookFile.Pictures(bytes);
        Assert.Equal(metrics.Count, charts.Count);
        Assert.All(charts, chart =>
        {
            Assert.Equal("1 Dashboard", chart.Sheet);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], chart.Image.Take(4));
        });
        Assert.Contains(charts, chart => chart.Description == "SPC chart of Sickness absence");

        var findings = await TestApp.ReadArrayAsync(await client.GetAsync("/api/findings"));
        foreach (var (sheet, source) in new[] { ("1 Focus groups", "culture-focus-groups"), ("1 Board interviews", "board-interviews"), ("1 Workforce analysis", "leadership-workforce-analysis"), ("1 Patient experience", "patient-experience") })
        {
            var expected = findings.Where(f => f!["source"]!.GetValue<string>() == source).ToList();
            var rows = WorkbookFile.Rows(workbook, sheet, workbook.Worksheet(sheet).Tables.Single().Name);
            Assert.Equal(expected.Count, rows.Count);
            foreach (var finding in expected)
            {
                var row = rows.Single(r => r["Evidence"].GetString() == finding!["evidence"]!.GetValue<string>());
                Assert.Equal(finding!["kind"]!.GetValue<string>() == "strength" ? "Strength" : "Area to develop", row["Finding"].GetString());
                Assert.Equal(DateTime.Parse(finding["date"]!.GetValue<string>(), CultureInfo.InvariantCulture), row["Recorded on"].GetDateTime());
            }
        }

        var synthesis = await TestApp.ReadObjectAsync(await client.GetAsync($"/api/synthesis?campaign={id}"));
        var matrix = WorkbookFile.Rows(workbook, "Synthesis", "Synthesis");
        var elements = synthesis["elements"]!.AsArray();
        Assert.Equal(elements.Count, matrix.Count);
        foreach (var element in elements)
        {
            var row = matrix.Single(r => r["Element"].GetString() == element!["title"]!.GetValue<string>());
            Assert.Equal(Core.Diagnostics.Judgements.Title(element!["judgement"]?.GetValue<string>()), row["Judgement"].GetString());
            foreach (var cell in element["cells"]!.AsArray())
            {
                var text = row[Source(cell!["source"]!.GetValue<string>())].GetString();
                Assert.All(cell["evidence"]!.AsArray(), e => Assert.Contains(e!["text"]!.GetValue<string>(), text, StringComparison.Ordinal));
                if (cell["conclusion"]?.GetValue<string>() is { } conclusion)
                {
                    Assert.Contains(conclusion, text, StringComparison.Ordinal);
                }
            }
        }

        var design = WorkbookFile.Rows(workbook, "2 Design", "Design");
        var toDevelop = elements.Where(e => e!["judgement"]?.GetValue<string>() is "area-to-develop" or "mixed").ToList();
        Assert.Contains(toDevelop, e => e!["element"]!.GetValue<string>() == "teamwork");
        Assert.Equal(toDevelop.Sum(e => e!["interventions"]!.AsArray().Count), design.Count);
        Assert.All(toDevelop.SelectMany(e => e!["interventions"]!.AsArray()), i => Assert.Contains(design, r => r["Intervention"].GetString() == i!["name"]!.GetValue<string>()));
        Assert.All(design, r => Assert.True(r["Chosen (yes/no)"].IsEmpty() && r["Owner"].IsEmpty(), "The change team's columns start empty."));

        var results = await TestApp.ReadObjectAsync(await client.GetAsync($"/api/campaigns/{id}/results"));
        var deliver = WorkbookFile.Rows(workbook, "3 Deliver", "Deliver");
        Assert.Equal(results["scales"]!.AsArray().Count + metrics.Count, deliver.Count);
        foreach (var scale in results["scales"]!.AsArray())
        {
            var row = deliver.Single(r => r["Measure"].GetString() == scale!["title"]!.GetValue<string>() && r["Source"].GetString() == Source(scale["instrument"]!.GetValue<string>() + "-survey"));
            WorkbookFile.AssertFigure(scale!["organisation"]!["scaleScore"]!["mean"], row["Baseline"], "baseline");
        }

        foreach (var metric in metrics)
        {
            var title = metric!["title"]!.GetValue<string>();
            WorkbookFile.AssertFigure(metric["points"]!.AsArray()[^1]!["value"], deliver.Single(r => r["Kind"].GetString() == "Metric" && r["Measure"].GetString() == title)["Baseline"], $"{title}: baseline");
        }
    }

    [Fact]
    public async Task EverySheetIsAPrintableTableWithFrozenHeadersWidthsAndFormats()
    {
        var (_, _, bytes) = await DemoWorkbookAsync();
        using var workbook = WorkbookFile.Open(bytes);
        foreach (var sheet in workbook.Worksheets)
        {
            Assert.True(sheet.Tables.Any(), $"{sheet.Name} has no Excel table.");
            var table = sheet.Tables.First();
            Assert.True(table.ShowHeaderRow, $"{sheet.Name}: no header row");
            Assert.True(sheet.SheetView.SplitRow == table.HeadersRow().RowNumber(), $"{sheet.Name}: panes not frozen below the header row");
            Assert.Equal(1, sheet.PageSetup.PagesWide);
            Assert.Equal(0, sheet.PageSetup.PagesTall);
            var widths = WorkbookFile.ColumnsWithWidths(bytes, sheet.Name);
            Assert.All(Enumerable.Range(1, table.Fields.Count()), c => Assert.True(widths.Contains(c), $"{sheet.Name}: column {c} has no width set"));
        }

        Assert.Equal(XLPageOrientation.Landscape, workbook.Worksheet("Synthesis").PageSetup.PageOrientation);
        var units = workbook.Worksheet("1 Psychological safety").Table("PsychologicalsafetysurveyUnits");
        var mean = units.DataRange.Rows().First(r => r.Cell(6).DataType == XLDataType.Number);
        Assert.Equal("0.00", mean.Cell(6).Style.NumberFormat.Format);
        Assert.Equal("0.0%", mean.Cell(10).Style.NumberFormat.Format);
        var statuses = units.DataRange.Rows().Select(r => r.Cell(13)).Where(c => c.GetString().StartsWith("agrees", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(statuses);
        Assert.All(statuses, c => Assert.NotEqual(XLColor.NoColor, c.Style.Fill.BackgroundColor));
    }

    [Fact]
    public async Task WorkbookIsRefusedWhileTheCampaignRunsAndForAnUnknownCampaign()
    {
        var pulse = await CampaignIdAsync(await DemoClientAsync(Roles.Analyst), "Psychological safety pulse");
        var client = await DemoClientAsync(Roles.Board);
        var running = await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/campaigns/{pulse}/synthesis.xlsx"), 409);
        Assert.Contains("once it closes", running["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var unknown = await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/campaigns/no-such-campaign/synthesis.xlsx"), 404);
        Assert.Contains("no-such-campaign", unknown["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await WorkspaceClient.Anonymous(_app).GetAsync($"/api/campaigns/{pulse}/synthesis.xlsx"), 401);
    }

    private static string Source(string id) => Core.Framework.CulturalFramework.FindSource(id)!.Title;
}
