using ClosedXML.Excel;
using CultureDiagnostics.Api.Tests.Anonymity.Auditor.Model;
using CultureDiagnostics.Api.Tests.Workbook;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Collectors;

/// <summary>
/// Every numeric cell of the synthesis workbook, by table and column: the survey sheets' organisation and unit
/// tables, the Deliver sheet's baselines, the Data sheet, and the metrics (organisational data nobody answered).
/// Dates may stand only in the columns of dates; any other number or date no column mapping takes is unmapped.
/// </summary>
public static class WorkbookCollector
{
    private static readonly Dictionary<string, string> CellColumns = new(StringComparer.Ordinal)
    {
        ["Respondents (n)"] = "scaleScore.n",
        ["Mean"] = "scaleScore.mean",
        ["95% CI low"] = "scaleScore.ci95.low",
        ["95% CI high"] = "scaleScore.ci95.high",
        ["SD"] = "scaleScore.sd",
        ["% favourable"] = "favourable.share",
        ["% unfavourable"] = "unfavourable.share",
    };

    private static readonly HashSet<string> DateColumns = new(StringComparer.Ordinal) { "Recorded on", "Start by" };

    public static async Task CollectAsync(Publication publication, Wave wave)
    {
        var url = $"/api/campaigns/{wave.Id}/synthesis.xlsx";
        if (await publication.ReadAsync(url) is not { } response)
        {
            return;
        }

        using var workbook = WorkbookFile.Open(await response.Content.ReadAsByteArrayAsync());
        var mapped = new HashSet<string>(StringComparer.Ordinal);
        var tables = workbook.Worksheets.SelectMany(s => s.Tables.Select(t => (Sheet: s.Name, Table: t))).ToList();
        var shown = new Dictionary<string, List<string>>();
        // Unit tables first: the statistics across teams of the organisation tables need the units shown.
        foreach (var (sheet, table) in tables.OrderBy(t => Headers(t.Table).Contains("Unit code") ? 0 : 1))
        {
            var headers = Headers(table);
            // An empty table holds one row saying so in words.
            foreach (var row in WorkbookFile.Rows(workbook, sheet, table.Name).Where(r => r[headers[0]].GetString() != "Nothing recorded yet."))
            {
                var map = RowMap(publication, wave, table.Name, headers, row, shown);
                foreach (var (header, cell) in row)
                {
                    if (cell.DataType == XLDataType.DateTime && DateColumns.Contains(header))
                    {
                        mapped.Add(Address(cell));
                    }
                    else if (cell.DataType == XLDataType.Number && map(header) is { } meaning)
                    {
                        mapped.Add(Address(cell));
                        publication.Add(new Figure($"GET {url} {Address(cell)} ({table.Name}: {header})", cell.GetDouble(), meaning.Meaning, meaning.Decimals));
                    }
                }
            }
        }

        publication.Unmapped.AddRange(WorkbookFile.AllCells(workbook)
            .Where(x => x.Cell.DataType is XLDataType.Number or XLDataType.DateTime && !mapped.Contains(Address(x.Cell)))
            .Select(x => $"GET {url} {Address(x.Cell)} = {x.Cell.Value}"));
    }

    private static List<string> Headers(IXLTable table) => table.HeadersRow().Cells().Select(c => c.GetString()).ToList();

    private static string Address(IXLCell cell) => $"{cell.Worksheet.Name}!{cell.Address}";

    /// <summary>What each column of a table's row means: null for a column of words.</summary>
    private static Func<string, (Meaning Meaning, int? Decimals)?> RowMap(
        Publication publication, Wave wave, string table, List<string> headers, Dictionary<string, IXLCell> row, Dictionary<string, List<string>> shown)
    {
        var truth = publication.Model.Truth;
        if (table == "Data")
        {
            var unit = truth.UnitByCode(row["unit"].GetString());
            return header => CsvCollector.UnitColumn(publication, wave, unit, header, null);
        }

        if (headers.Contains("Unit code"))
        {
            var unit = truth.UnitByCode(row["Unit code"].GetString());
            var scale = ScaleByTitle(publication, wave, row["Scale"].GetString());
            if (row["Respondents (n)"].DataType == XLDataType.Number)
            {
                if (!shown.TryGetValue(scale.Key, out var units))
                {
                    shown[scale.Key] = units = [];
                }

                units.Add(unit.Id);
            }

            var agreement = Shapes.Agreement(wave.Id, unit.Id, scale).Single(f => f.Path == "rwgJ").Meaning;
            var scored = new Condition.Scored(scale);
            var versus = Shapes.Difference(Population.Unit(wave.Id, unit.Id, scored), Population.Unit(wave.Id, truth.Root.Id, scored), scale, scale, true).First().Meaning;
            return header => header switch
            {
                "rwg(j)" => (agreement, null),
                "Difference from organisation" => (versus, null),
                _ => Cell(wave, unit.Id, scale, header),
            };
        }

        if (headers.Contains("Cronbach's alpha"))
        {
            var scale = ScaleByTitle(publication, wave, row["Scale"].GetString());
            var teamLevel = Shapes.TeamLevel(wave.Id, scale, shown.GetValueOrDefault(scale.Key) ?? []).ToDictionary(f => f.Path, f => f.Meaning);
            var alpha = Shapes.Reliability(wave.Id, scale).Single(f => f.Path == "alphaRaw").Meaning;
            var change = Change(truth, wave, scale, publication.Model);
            return header => header switch
            {
                "Cronbach's alpha" => (alpha, null),
                "ICC(1)" => (teamLevel["icc1"], null),
                "ICC(2)" => (teamLevel["icc2"], null),
                "Teams agreeing (rwg(j) ≥ .70)" => (teamLevel["shareOfTeamsAgreeing"], null),
                "Change since previous wave" when change is not null => (change["difference"], null),
                "Change: 95% CI low" when change is not null => (change["ci95.low"], null),
                "Change: 95% CI high" when change is not null => (change["ci95.high"], null),
                _ => Cell(wave, truth.Root.Id, scale, header),
            };
        }

        if (table == "Deliver" && row["Kind"].GetString() == "Survey scale")
        {
            var scale = ScaleByTitle(publication, wave, row["Measure"].GetString());
            return header => header switch
            {
                "Baseline" => Cell(wave, truth.Root.Id, scale, "Mean"),
                "Lower bound (95% CI or process limit)" => Cell(wave, truth.Root.Id, scale, "95% CI low"),
                "Upper bound (95% CI or process limit)" => Cell(wave, truth.Root.Id, scale, "95% CI high"),
                _ => Cell(wave, truth.Root.Id, scale, header),
            };
        }

        if (table is "Deliver" or "Dashboard")
        {
            var metric = truth.Metrics.Single(m => m.Metric.Title == row[table == "Deliver" ? "Measure" : "Metric"].GetString());
            var last = metric.Chart.Points[^1];
            return header => header switch
            {
                "Baseline" or "Latest value" => (new Fixed($"{metric.Metric.Title}: latest value", last.Value), null),
                "Centre line (mean)" => (new Fixed($"{metric.Metric.Title}: centre line", last.Mean), null),
                "Lower bound (95% CI or process limit)" or "Lower process limit" => (new Fixed($"{metric.Metric.Title}: lower process limit", last.Lpl ?? double.NaN), null),
                "Upper bound (95% CI or process limit)" or "Upper process limit" => (new Fixed($"{metric.Metric.Title}: upper process limit", last.Upl ?? double.NaN), null),
                "Target" => (new Fixed($"{metric.Metric.Title}: target", metric.Metric.Target ?? double.NaN), null),
                _ => null,
            };
        }

        return _ => null;
    }

    private static (Meaning, int?)? Cell(Wave wave, string unitId, ScaleInfo scale, string header) =>
        CellColumns.TryGetValue(header, out var path) ? (Shapes.Cell(wave.Id, unitId, scale).Single(f => f.Path == path).Meaning, null) : null;

    /// <summary>The organisation's change since the instrument's previous wave, by field, or null when there is none.</summary>
    public static Dictionary<string, Meaning>? Change(TrueAnswers truth, Wave wave, ScaleInfo scale, AuditModel model)
    {
        if (truth.PreviousWave(wave, scale.Instrument) is not { } before)
        {
            return null;
        }

        var beforeScale = model.Scale(before.Id, scale.Instrument, scale.Construct);
        return Shapes.Difference(
            Population.Unit(wave.Id, truth.Root.Id, new Condition.Scored(scale)), Population.Unit(before.Id, truth.Root.Id, new Condition.Scored(beforeScale)),
            scale, beforeScale, againstWhole: false).ToDictionary(f => f.Path, f => f.Meaning);
    }

    public static ScaleInfo ScaleByTitle(Publication publication, Wave wave, string title)
    {
        var (instrument, construct) = wave.Instruments.SelectMany(i => i.Constructs.Select(c => (i, c))).Single(x => x.c.Title == title);
        return publication.Model.Scale(wave.Id, instrument.Id, construct.Id);
    }
}
