using ClosedXML.Excel;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Framework;

namespace CultureDiagnostics.Application.Workbook;

/// <summary>The synthesis (end of Phase 1), Phase 2 Design and Phase 3 Deliver.</summary>
internal static class PlanSheets
{
    public const string SynthesisSheet = "Synthesis";
    public const string DesignSheet = "2 Design";
    public const string DeliverSheet = "3 Deliver";

    /// <summary>The elements × sources matrix: each cell holds the change team's conclusion and the evidence behind it.</summary>
    public static void Synthesis(XLWorkbook workbook, WorkbookContent content)
    {
        var sheet = SheetWriter.Sheet(workbook, SynthesisSheet, "Synthesis: cultural elements × diagnostic sources",
            "Each element's judgement (the change team's where saved, otherwise the one the evidence suggests) and, per source, the conclusion and the evidence.");
        var columns = new List<Column> { new("Element", 16, CellFormat.Wrapped), new("Judgement", 13, CellFormat.Wrapped), new("Suggested by the evidence", 13, CellFormat.Wrapped) };
        columns.AddRange(CulturalFramework.Sources.Select(s => new Column(s.Title, 30, CellFormat.Wrapped)));
        var rows = content.Synthesis.Elements.Select(e =>
        {
            var row = new List<object?> { e.Element.Title, Words.Judgement(e.Judgement), Judgements.Title(e.Suggested) };
            row.AddRange(e.Cells.Select(Cell));
            return row.ToArray();
        });
        SheetWriter.Table(sheet, SheetWriter.TitleRows + 1, "Synthesis", columns, rows);
        SheetWriter.Finish(sheet, SheetWriter.TitleRows + 1, 1, landscape: true);
        // Eleven wide columns of text: A3 keeps them legible on paper.
        sheet.PageSetup.PaperSize = XLPaperSize.A3Paper;
    }

    private static string Cell(SynthesisCell cell)
    {
        var lines = new List<string>();
        if (cell.Conclusion is { Length: > 0 } conclusion)
        {
            lines.Add("Conclusion: " + conclusion);
        }

        lines.AddRange(cell.Evidence.Select(e => $"{Signal(e.Signal)}: {e.Text}"));
        return lines.Count == 0 ? "No evidence recorded." : string.Join("\n", lines);
    }

    private static string Signal(Signal signal) => signal switch
    {
        Core.Diagnostics.Signal.Positive => "(+) positive",
        Core.Diagnostics.Signal.Negative => "(−) negative",
        _ => "(·) neutral",
    };

    private static readonly Column[] DesignColumns =
    [
        new("Element", 18, CellFormat.Wrapped), new("Judgement", 13, CellFormat.Wrapped), new("Intervention", 28, CellFormat.Wrapped),
        new("What it is", 55, CellFormat.Wrapped), new("Chosen (yes/no)", 10), new("Owner", 18, CellFormat.Wrapped), new("Start by", 12, CellFormat.Date),
        new("Notes", 30, CellFormat.Wrapped),
    ];

    /// <summary>For each element to develop (or mixed), the catalogue's interventions with columns for the change team to fill in.</summary>
    public static void Design(XLWorkbook workbook, WorkbookContent content)
    {
        var toDevelop = content.Synthesis.Elements.Where(e => e.Judgement is Judgements.AreaToDevelop or Judgements.Mixed).ToList();
        var sheet = SheetWriter.Sheet(workbook, DesignSheet, "Phase 2 Design: interventions for the areas to develop",
            toDevelop.Count == 0
                ? "No element is judged an area to develop (or mixed) yet: judge the synthesis first. The catalogue's interventions for every element are listed meanwhile."
                : "Choose interventions for each area to develop, name an owner and a start date. Columns E to H are for the change team.");
        var elements = toDevelop.Count == 0 ? content.Synthesis.Elements.ToList() : toDevelop;
        var rows = elements.SelectMany(e => content.Interventions.ForElement(e.Element.Id)
            .Select(i => new object?[] { e.Element.Title, Words.Judgement(e.Judgement), i.Name, i.Description, null, null, null, null }))
            .ToList();
        var header = SheetWriter.TitleRows + 1;
        SheetWriter.Table(sheet, header, "Design", DesignColumns, rows);
        if (rows.Count > 0)
        {
            sheet.Range(header + 1, 5, header + rows.Count, 5).SetDataValidation().List("\"yes,no\"");
            var dates = sheet.Range(header + 1, 7, header + rows.Count, 7).SetDataValidation();
            dates.Date.GreaterThan(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
            dates.ErrorMessage = "Enter a date.";
        }

        SheetWriter.Finish(sheet, header, 3, landscape: true);
    }

    private static readonly Column[] DeliverColumns =
    [
        new("Measure", 28, CellFormat.Wrapped), new("Kind", 12), new("Element", 18, CellFormat.Wrapped), new("Source", 20, CellFormat.Wrapped),
        new("Baseline from", 16, CellFormat.Wrapped), new("Baseline", 10, CellFormat.TwoDecimals),
        new("Lower bound (95% CI or process limit)", 12, CellFormat.TwoDecimals), new("Upper bound (95% CI or process limit)", 12, CellFormat.TwoDecimals),
        new("% favourable", 10, CellFormat.Percent), new("Better", 14), new("Target", 9, CellFormat.TwoDecimals), new("Re-measure", 30, CellFormat.Wrapped),
    ];

    /// <summary>The measures to track: each survey scale with the organisation's baseline, and each dashboard metric with its latest point.</summary>
    public static void Deliver(XLWorkbook workbook, WorkbookContent content)
    {
        var sheet = SheetWriter.Sheet(workbook, DeliverSheet, "Phase 3 Deliver: measures to track",
            "Re-measure each survey scale in the next wave and each metric monthly; a change is real when it still stands out once every comparison made is allowed for (surveys) or the chart shows special cause variation (metrics).");
        var rows = new List<object?[]>();
        foreach (var scale in content.Results.Scales)
        {
            var source = CulturalFramework.Sources.FirstOrDefault(s => s.InstrumentId == scale.Instrument)?.Title ?? scale.Instrument;
            var head = new object?[] { scale.Title, "Survey scale", Words.Element(scale.Element), source, content.Campaign.Title };
            var tail = new object?[] { "higher is better", "no target", "the next survey wave with the same instrument" };
            if (scale.Organisation.Suppressed)
            {
                var hidden = Words.HiddenStatus(scale.Organisation.FewerThan);
                rows.Add([.. head, hidden, hidden, hidden, hidden, .. tail]);
                continue;
            }

            var score = scale.Organisation.ScaleScore!;
            rows.Add([.. head, Words.Number(score.Mean), Words.Number(score.Ci95?.Low), Words.Number(score.Ci95?.High), Words.Share(scale.Organisation.Favourable), .. tail]);
        }

        foreach (var metric in content.Synthesis.Metrics)
        {
            var last = metric.Chart.Points.Count > 0 ? metric.Chart.Points[^1] : null;
            var periods = Charts.ChartPlots.Periods(metric);
            rows.Add(
            [
                metric.Metric.Title, "Metric", Words.Element(metric.Metric.Element), Words.Source(SynthesisRules.DashboardSource),
                periods.Count > 0 ? periods[^1] : "no values yet", Words.Number(last?.Value), Words.Number(last?.Lpl), Words.Number(last?.Upl), "–",
                Words.Direction(metric.Metric.Direction), metric.Metric.Target is { } t ? t : "no target", "monthly, on the XmR chart",
            ]);
        }

        SheetWriter.Table(sheet, SheetWriter.TitleRows + 1, "Deliver", DeliverColumns, rows);
        SheetWriter.Finish(sheet, SheetWriter.TitleRows + 1, 1, landscape: true);
    }
}
