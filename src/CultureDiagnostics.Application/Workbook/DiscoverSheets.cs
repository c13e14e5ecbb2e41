using ClosedXML.Excel;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Application.Charts;
using CultureDiagnostics.Application.Results;

namespace CultureDiagnostics.Application.Workbook;

/// <summary>Phase 1 Discover: one sheet per diagnostic source.</summary>
internal static class DiscoverSheets
{
    public const int ChartWidth = 720;
    public const int ChartHeight = 300;

    /// <summary>Short sheet names (Excel allows 31 characters) for the diagnostic sources, in the framework's order.</summary>
    public static readonly IReadOnlyDictionary<string, string> SheetNames = new Dictionary<string, string>
    {
        ["culture-and-outcomes-dashboard"] = "1 Dashboard",
        ["leadership-behaviours-survey"] = "1 Leadership",
        ["psychological-safety-survey"] = "1 Psychological safety",
        ["team-reflexivity-survey"] = "1 Team reflexivity",
        ["culture-focus-groups"] = "1 Focus groups",
        ["board-interviews"] = "1 Board interviews",
        ["leadership-workforce-analysis"] = "1 Workforce analysis",
        ["patient-experience"] = "1 Patient experience",
    };

    private static readonly Column[] MetricColumns =
    [
        new("Metric", 30, CellFormat.Wrapped), new("Element", 20, CellFormat.Wrapped), new("Better", 14),
        new("Latest month", 11), new("Latest value", 10, CellFormat.TwoDecimals), new("Centre line (mean)", 11, CellFormat.TwoDecimals),
        new("Lower process limit", 11, CellFormat.TwoDecimals), new("Upper process limit", 11, CellFormat.TwoDecimals),
        new("Target", 9, CellFormat.TwoDecimals), new("Unit", 7), new("Variation", 30, CellFormat.Wrapped), new("Assurance", 26, CellFormat.Wrapped),
    ];

    public static void Dashboard(XLWorkbook workbook, WorkbookContent content, List<WorkbookPicture> pictures)
    {
        var name = SheetNames[SynthesisRules.DashboardSource];
        var sheet = SheetWriter.Sheet(workbook, name, "Phase 1 Discover: culture and outcomes dashboard",
            "Each metric's latest value against its XmR chart (NHS England's Making Data Count): variation and assurance in words, with the chart below.");
        var metrics = content.Synthesis.Metrics;
        var rows = metrics.Select(m =>
        {
            var periods = ChartPlots.Periods(m);
            var last = m.Chart.Points.Count > 0 ? m.Chart.Points[^1] : null;
            return new object?[]
            {
                m.Metric.Title, Words.Element(m.Metric.Element), Words.Direction(m.Metric.Direction),
                periods.Count > 0 ? periods[^1] : "no values yet", Words.Number(last?.Value), Words.Number(last?.Mean),
                Words.Number(last?.Lpl), Words.Number(last?.Upl), m.Metric.Target is { } t ? t : "no target", m.Metric.Unit,
                Words.Variation(m.Chart.LastPointVariation), Words.Assurance(m.Chart.Assurance),
            };
        });
        var next = SheetWriter.Table(sheet, SheetWriter.TitleRows + 1, "Dashboard", MetricColumns, rows);
        foreach (var metric in metrics.Where(m => m.Chart.Points.Count > 0))
        {
            next++;
            sheet.Cell(next, 1).SetValue($"SPC chart: {metric.Metric.Title}").Style.Font.SetBold();
            var png = ChartPlots.Spc(metric).GetImageBytes(ChartWidth, ChartHeight, ScottPlot.ImageFormat.Png);
            pictures.Add(new WorkbookPicture(name, next + 1, 1, png, ChartWidth, ChartHeight, $"SPC {pictures.Count + 1}", $"SPC chart of {metric.Metric.Title}"));
            next += 16;
        }

        SheetWriter.Finish(sheet, SheetWriter.TitleRows + 1, 1, landscape: true);
    }

    private static readonly Column[] OrganisationColumns =
    [
        new("Scale", 26, CellFormat.Wrapped), new("Element", 18, CellFormat.Wrapped), new("Respondents (n)", 11, CellFormat.Integer),
        new("Mean", 10, CellFormat.TwoDecimals), new("95% CI low", 10, CellFormat.TwoDecimals), new("95% CI high", 10, CellFormat.TwoDecimals),
        new("SD", 10, CellFormat.TwoDecimals), new("% favourable", 10, CellFormat.Percent), new("% unfavourable", 10, CellFormat.Percent),
        new("Cronbach's alpha", 9, CellFormat.TwoDecimals), new("ICC(1)", 8, CellFormat.TwoDecimals), new("ICC(2)", 8, CellFormat.TwoDecimals),
        new("Teams agreeing (rwg(j) ≥ .70)", 11, CellFormat.Percent), new("Change since previous wave", 10, CellFormat.TwoDecimals),
        new("Change: 95% CI low", 9, CellFormat.TwoDecimals), new("Change: 95% CI high", 9, CellFormat.TwoDecimals), new("Change", 16, CellFormat.Wrapped),
    ];

    private static readonly Column[] UnitColumns =
    [
        new("Unit code", 11), new("Unit", 26, CellFormat.Wrapped), new("Level", 11), new("Scale", 26, CellFormat.Wrapped),
        new("Respondents (n)", 11, CellFormat.Integer), new("Mean", 10, CellFormat.TwoDecimals), new("95% CI low", 10, CellFormat.TwoDecimals),
        new("95% CI high", 10, CellFormat.TwoDecimals), new("SD", 10, CellFormat.TwoDecimals), new("% favourable", 10, CellFormat.Percent),
        new("% unfavourable", 10, CellFormat.Percent), new("rwg(j)", 9, CellFormat.TwoDecimals), new("Team agreement", 18, CellFormat.Wrapped),
        new("Difference from organisation", 10, CellFormat.TwoDecimals), new("Versus organisation", 16, CellFormat.Wrapped),
    ];

    /// <summary>A survey source: the organisation's scales with reliability and team-level statistics, then every unit × scale.</summary>
    public static void Survey(XLWorkbook workbook, WorkbookContent content, DiagnosticSource source, string tablePrefix)
    {
        var name = SheetNames[source.Id];
        var scales = content.Results.Scales.Select((s, i) => (Scale: s, Index: i)).Where(x => x.Scale.Instrument == source.InstrumentId).ToList();
        var sheet = SheetWriter.Sheet(workbook, name, $"Phase 1 Discover: {source.Title.ToLowerInvariant()}",
            scales.Count == 0
                ? $"The {source.Title.ToLowerInvariant()} was not part of '{content.Campaign.Title}'."
                : $"'{content.Campaign.Title}': the organisation's scales, then each unit. Groups below {content.Campaign.Thresholds.Scores} responses show no figures.");
        var organisation = content.OrganisationUnit;
        var organisationRows = scales.Select(x =>
        {
            var s = x.Scale;
            var change = organisation?.Scales.FirstOrDefault(u => u.Instrument == s.Instrument && u.Construct == s.Construct)?.VersusPreviousWave;
            var head = new object?[] { s.Title, Words.Element(s.Element) };
            if (s.Organisation.Suppressed)
            {
                return [.. head, .. Enumerable.Repeat<object?>(Words.HiddenStatus(s.Organisation.FewerThan), OrganisationColumns.Length - 2)];
            }

            var score = s.Organisation.ScaleScore!;
            return new object?[]
            {
                s.Title, Words.Element(s.Element), score.N, Words.Number(score.Mean), Words.Number(score.Ci95?.Low), Words.Number(score.Ci95?.High),
                Words.Number(score.Sd), Words.Share(s.Organisation.Favourable), Words.Share(s.Organisation.Unfavourable),
                Words.Number(s.Reliability?.AlphaRaw), Words.Number(s.TeamLevel?.Icc1), Words.Number(s.TeamLevel?.Icc2),
                Words.Number(s.TeamLevel?.ShareOfTeamsAgreeing),
                change is null ? "no previous wave" : change.Difference, change is null ? "–" : change.Ci95.Low, change is null ? "–" : change.Ci95.High,
                change is null ? "–" : Words.Change(change),
            };
        });
        var next = SheetWriter.Table(sheet, SheetWriter.TitleRows + 1, tablePrefix + "Organisation", OrganisationColumns, organisationRows);

        sheet.Cell(next + 1, 1).SetValue("Units").Style.Font.SetBold().Font.SetFontSize(12);
        var unitRows = content.Results.Heatmap.SelectMany(row => scales.Select(x =>
        {
            var cell = row.Cells[x.Index];
            var head = new object?[] { row.Unit, row.Name, row.Level, x.Scale.Title };
            if (cell.Suppressed)
            {
                return [.. head, .. Enumerable.Repeat<object?>(Words.HiddenStatus(cell.FewerThan), UnitColumns.Length - 4)];
            }

            var score = cell.ScaleScore!;
            var detail = content.Unit(row.Unit)?.Scales.FirstOrDefault(s => s.Instrument == x.Scale.Instrument && s.Construct == x.Scale.Construct);
            var versus = detail?.VersusOrganisation;
            return new object?[]
            {
                row.Unit, row.Name, row.Level, x.Scale.Title, score.N, Words.Number(score.Mean), Words.Number(score.Ci95?.Low),
                Words.Number(score.Ci95?.High), Words.Number(score.Sd), Words.Share(cell.Favourable), Words.Share(cell.Unfavourable),
                Words.Number(detail?.Agreement?.RwgJ), Words.Agreement(detail?.Agreement),
                versus is null ? "–" : versus.Difference, versus is null ? (row.Depth == 0 ? "the organisation" : "not compared") : Words.Difference(versus),
            };
        }));
        var unitsHeader = next + 2;
        SheetWriter.Table(sheet, unitsHeader, tablePrefix + "Units", UnitColumns, unitRows);
        // The units' table runs over many pages: its header is the one repeated on each.
        SheetWriter.Finish(sheet, SheetWriter.TitleRows + 1, 1, landscape: true, repeatedRow: unitsHeader);
    }

    private static readonly Column[] FindingColumns =
    [
        new("Element", 22, CellFormat.Wrapped), new("Finding", 16), new("Recorded on", 13, CellFormat.Date), new("Evidence", 90, CellFormat.Wrapped),
    ];

    /// <summary>Coded findings from focus groups, board interviews, the leadership workforce analysis or patient experience.</summary>
    public static void Findings(XLWorkbook workbook, WorkbookContent content, DiagnosticSource source, string tableName)
    {
        var sheet = SheetWriter.Sheet(workbook, SheetNames[source.Id], $"Phase 1 Discover: {source.Title.ToLowerInvariant()}",
            "The findings the change team recorded, by cultural element: strengths and areas to develop.");
        var order = CulturalFramework.Elements.ToDictionary(e => e.Id, e => e.Order);
        var rows = content.Findings.Where(f => f.Source == source.Id)
            .OrderBy(f => order.GetValueOrDefault(f.Element, int.MaxValue)).ThenBy(f => f.FoundOn)
            .Select(f => new object?[] { Words.Element(f.Element), Words.Finding(f.Kind), f.FoundOn, f.Evidence });
        SheetWriter.Table(sheet, SheetWriter.TitleRows + 1, tableName, FindingColumns, rows);
        SheetWriter.Finish(sheet, SheetWriter.TitleRows + 1, 1, landscape: false);
    }
}

