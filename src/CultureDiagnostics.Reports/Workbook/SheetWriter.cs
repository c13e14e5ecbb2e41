using ClosedXML.Excel;

namespace CultureDiagnostics.Reports.Workbook;

internal enum CellFormat
{
    Text,
    Wrapped,
    Integer,
    TwoDecimals,
    Percent,
    Date,
}

/// <summary>A table column: its header, width in characters, number format, and what it means (for the codebook).</summary>
internal sealed record Column(string Header, double Width, CellFormat Format = CellFormat.Text, string Meaning = "");

/// <summary>A status in words with the colour that goes with it: colour is never the only cue.</summary>
internal sealed record Status(string Words, StatusTone Tone);

internal enum StatusTone
{
    Good,
    Concern,
    Neutral,
    Hidden,
}

/// <summary>
/// Writes the workbook's sheets the same way: a title and a subtitle, Excel tables with a header row, column
/// widths set explicitly (ClosedXML 0.95 cannot measure text on Linux), number formats, frozen panes and a
/// print setup that fits the width of the page.
/// </summary>
internal static class SheetWriter
{
    public const int TitleRows = 2;

    private static readonly Dictionary<StatusTone, XLColor> Fills = new()
    {
        [StatusTone.Good] = XLColor.FromHtml("#D6E8F7"),
        [StatusTone.Concern] = XLColor.FromHtml("#FADBC4"),
        [StatusTone.Neutral] = XLColor.FromHtml("#ECECEC"),
        [StatusTone.Hidden] = XLColor.FromHtml("#F4F4F4"),
    };

    public static IXLWorksheet Sheet(XLWorkbook workbook, string name, string title, string subtitle)
    {
        var sheet = workbook.AddWorksheet(name);
        sheet.Style.Font.FontName = "Arial";
        sheet.Style.Font.FontSize = 10;
        sheet.Cell(1, 1).SetValue(title).Style.Font.SetBold().Font.SetFontSize(14);
        sheet.Cell(2, 1).SetValue(subtitle).Style.Font.SetItalic();
        sheet.Row(2).Style.Alignment.WrapText = false;
        return sheet;
    }

    /// <summary>Writes a table whose header is at <paramref name="headerRow"/>; returns the row after it.</summary>
    public static int Table(IXLWorksheet sheet, int headerRow, string name, IReadOnlyList<Column> columns, IEnumerable<object?[]> rows)
    {
        for (var c = 0; c < columns.Count; c++)
        {
            sheet.Cell(headerRow, c + 1).SetValue(columns[c].Header);
            // A table below the first on a sheet shares its columns: the wider of the two widths wins.
            var column = sheet.Column(c + 1);
            column.Width = headerRow == TitleRows + 1 ? columns[c].Width : Math.Max(column.Width, columns[c].Width);
        }

        var row = headerRow;
        foreach (var values in rows)
        {
            row++;
            for (var c = 0; c < columns.Count; c++)
            {
                Write(sheet.Cell(row, c + 1), c < values.Length ? values[c] : null);
            }
        }

        if (row == headerRow)
        {
            // An Excel table needs a body row: say in words that there is nothing, rather than leave it empty.
            row++;
            sheet.Cell(row, 1).SetValue("Nothing recorded yet.");
        }

        var range = sheet.Range(headerRow, 1, row, columns.Count);
        var table = range.CreateTable(name);
        table.Theme = XLTableTheme.TableStyleLight1;
        table.ShowRowStripes = true;
        range.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        sheet.Row(headerRow).Style.Alignment.WrapText = true;
        sheet.Row(headerRow).Style.Font.Bold = true;
        for (var c = 0; c < columns.Count; c++)
        {
            var body = sheet.Range(headerRow + 1, c + 1, row, c + 1).Style;
            switch (columns[c].Format)
            {
                case CellFormat.Wrapped:
                    body.Alignment.WrapText = true;
                    break;
                case CellFormat.Integer:
                    body.NumberFormat.Format = "#,##0";
                    break;
                case CellFormat.TwoDecimals:
                    body.NumberFormat.Format = "0.00";
                    break;
                case CellFormat.Percent:
                    body.NumberFormat.Format = "0.0%";
                    break;
                case CellFormat.Date:
                    body.NumberFormat.Format = "d mmm yyyy";
                    break;
            }
        }

        return row + 1;
    }

    /// <summary>Frozen panes below the header row (and after the key columns), and a page setup that prints the sheet legibly.</summary>
    public static void Finish(IXLWorksheet sheet, int headerRow, int frozenColumns, bool landscape)
    {
        sheet.SheetView.Freeze(headerRow, frozenColumns);
        var page = sheet.PageSetup;
        page.PaperSize = XLPaperSize.A4Paper;
        page.PageOrientation = landscape ? XLPageOrientation.Landscape : XLPageOrientation.Portrait;
        page.FitToPages(1, 0);
        page.SetRowsToRepeatAtTop(headerRow, headerRow);
        page.Margins.Left = 0.4;
        page.Margins.Right = 0.4;
        page.Margins.Top = 0.6;
        page.Margins.Bottom = 0.6;
        page.Header.Left.AddText(sheet.Cell(1, 1).GetString());
        page.Footer.Left.AddText(sheet.Name);
        page.Footer.Right.AddText("Page ");
        page.Footer.Right.AddText(XLHFPredefinedText.PageNumber);
        page.Footer.Right.AddText(" of ");
        page.Footer.Right.AddText(XLHFPredefinedText.NumberOfPages);
    }

    private static void Write(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case string text:
                cell.SetValue(text);
                break;
            case int number:
                cell.SetValue(number);
                break;
            case double number:
                if (double.IsFinite(number))
                {
                    cell.SetValue(number);
                }
                else
                {
                    cell.SetValue(Words.NotDefined);
                }

                break;
            case DateOnly date:
                cell.SetValue(date.ToDateTime(TimeOnly.MinValue));
                break;
            case Status status:
                cell.SetValue(status.Words);
                cell.Style.Fill.BackgroundColor = Fills[status.Tone];
                break;
            default:
                throw new ArgumentException($"No cell format for {value.GetType().Name}.", nameof(value));
        }
    }
}
