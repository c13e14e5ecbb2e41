using ClosedXML.Excel;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Application.Results;

namespace CultureDiagnostics.Application.Workbook;

/// <summary>Unit-level aggregates for further analysis (never a respondent's row) and the codebook of every column and item.</summary>
internal static class DataSheets
{
    public const string DataSheet = "Data";
    public const string CodebookSheet = "Codebook";

    private static readonly Column[] UnitColumns =
    [
        new("unit", 11, Meaning: "The unit's code in the organisation's structure."),
        new("name", 26, Meaning: "The unit's name."),
        new("level", 12, Meaning: "organisation, directorate or team (the unit's place in the structure)."),
        new("respondents", 12, CellFormat.Integer, "People who answered through the unit's links or a unit below it; \"fewer than N responses\" or \"withheld\" when not shown."),
        new("response_rate_percent", 12, CellFormat.Integer, "Respondents as a whole percentage of the unit's headcount, shown only beside a shown count."),
    ];

    private static readonly (string Suffix, double Width, CellFormat Format, string Meaning)[] ScaleFigures =
    [
        ("n", 8, CellFormat.Integer, "respondents with a score on the scale"),
        ("mean", 8, CellFormat.TwoDecimals, "mean scale score"),
        ("ci95_low", 9, CellFormat.TwoDecimals, "lower end of the mean's 95% t interval"),
        ("ci95_high", 9, CellFormat.TwoDecimals, "upper end of the mean's 95% t interval"),
        ("favourable_share", 10, CellFormat.Percent, "share of answers on the favourable side of the scale"),
    ];

    public static IReadOnlyList<Column> Columns(CampaignResultsResponse results) =>
    [
        .. UnitColumns,
        .. results.Scales.SelectMany(s => ScaleFigures.Select(f =>
            new Column($"{s.Instrument}/{s.Construct}/{f.Suffix}", f.Width, f.Format, $"{s.Title}: {f.Meaning} ({s.ScaleMin}–{s.ScaleMax} scale)."))),
    ];

    public static void Data(XLWorkbook workbook, WorkbookContent content)
    {
        var sheet = SheetWriter.Sheet(workbook, DataSheet, "Data: unit-level aggregates",
            "One row per unit, one group of columns per scale (see the Codebook). Figures of groups below the threshold read \"fewer than N responses\" or \"withheld\". No respondent-level data.");
        var rows = content.Results.Heatmap.Select(row =>
        {
            var values = new List<object?>
            {
                row.Unit, row.Name, row.Level, Words.Count(row.Respondents),
                row.ResponseRatePercent is { } rate ? rate : row.Respondents.Shown ? "no headcount" : Words.HiddenStatus(row.Respondents.FewerThan),
            };
            foreach (var cell in row.Cells)
            {
                if (cell.Suppressed)
                {
                    values.AddRange(Enumerable.Repeat<object?>(Words.HiddenStatus(cell.FewerThan), ScaleFigures.Length));
                    continue;
                }

                var score = cell.ScaleScore!;
                values.AddRange([score.N, Words.Number(score.Mean), Words.Number(score.Ci95?.Low), Words.Number(score.Ci95?.High), Words.Share(cell.Favourable)]);
            }

            return values.ToArray();
        });
        SheetWriter.Table(sheet, SheetWriter.TitleRows + 1, "Data", Columns(content.Results), rows);
        SheetWriter.Finish(sheet, SheetWriter.TitleRows + 1, 2, landscape: true);
    }

    private static readonly Column[] CodebookColumns =
    [
        new("Kind", 12), new("Name", 34, CellFormat.Wrapped), new("Meaning", 60, CellFormat.Wrapped), new("Instrument", 20, CellFormat.Wrapped),
        new("Construct", 20, CellFormat.Wrapped), new("Answer scale", 20, CellFormat.Wrapped), new("Reverse-scored", 10),
    ];

    public static void Codebook(XLWorkbook workbook, WorkbookContent content)
    {
        var sheet = SheetWriter.Sheet(workbook, CodebookSheet, "Codebook",
            "Every column of the Data sheet, then every question of the campaign's instruments.");
        var rows = new List<object?[]>();
        rows.AddRange(Columns(content.Results).Select(c => new object?[] { "Data column", c.Header, c.Meaning, "–", "–", "–", "–" }));
        foreach (var instrument in content.Instruments)
        {
            foreach (var item in instrument.Items)
            {
                var construct = item.Construct is null ? null : instrument.Constructs.FirstOrDefault(c => c.Id == item.Construct);
                var scale = item.Scale is null ? null : instrument.FindScale(item.Scale);
                rows.Add(
                [
                    item.Type switch { ItemType.Scale => "Scored item", ItemType.Choice => "Choice item", _ => "Comment item" },
                    $"{instrument.Id}/{item.Id}", item.Text, $"{instrument.Title} (v{instrument.Version})", construct?.Title ?? "–",
                    scale is null
                        ? item.Type == ItemType.Choice ? string.Join(", ", item.Options.Select(o => o.Label)) : "free text (never exported)"
                        : $"{scale.Min} {scale.Points.MinBy(p => p.Value)!.Label} – {scale.Max} {scale.Points.MaxBy(p => p.Value)!.Label}",
                    item.Type == ItemType.Scale ? (item.Reverse ? "yes" : "no") : "–",
                ]);
            }
        }

        SheetWriter.Table(sheet, SheetWriter.TitleRows + 1, "Codebook", CodebookColumns, rows);
        SheetWriter.Finish(sheet, SheetWriter.TitleRows + 1, 2, landscape: true);
    }
}
