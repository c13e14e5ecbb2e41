using ClosedXML.Excel;

namespace CultureDiagnostics.Application.Workbook;

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

        FitHeight(sheet.Row(headerRow), columns, columns.Select(c => (object?)c.Header).ToArray(), wrapAll: true);
        var row = headerRow;
        foreach (var values in rows)
        {
            row++;
            for (var c = 0; c < columns.Count; c++)
            {
                Write(sheet.Cell(row, c + 1), c < values.Length ? values[c] : null);
            }

            Colour(sheet, row, values);

            FitHeight(sheet.Row(row), columns, values, wrapAll: false);
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
    public static void Finish(IXLWorksheet sheet, int headerRow, int frozenColumns, bool landscape, int? repeatedRow = null)
    {
        sheet.SheetView.Freeze(headerRow, frozenColumns);
        var page = sheet.PageSetup;
        page.PaperSize = XLPaperSize.A4Paper;
        page.PageOrientation = landscape ? XLPageOrientation.Landscape : XLPageOrientation.Portrait;
        page.FitToPages(1, 0);
        page.SetRowsToRepeatAtTop(repeatedRow ?? headerRow, repeatedRow ?? headerRow);
        page.Margins.Left = 0.4;
        page.Margins.Right = 0.4;
        page.Margins.Top = 0.6;
        page.Margins.Bottom = 0.6;
        page.Footer.Left.AddText(sheet.Name);
        page.Footer.Right.AddText("Page ");
        page.Footer.Right.AddText(XLHFPredefinedText.PageNumber);
        page.Footer.Right.AddText(" of ");
        page.Footer.Right.AddText(XLHFPredefinedText.NumberOfPages);
    }

    /// <summary>
    /// Sets the height of a row with wrapped text from an estimate of its lines: ClosedXML 0.95 cannot measure
    /// text on Linux, and LibreOffice keeps the default height of rows read from a file.
    /// </summary>
    private static void FitHeight(IXLRow row, IReadOnlyList<Column> columns, object?[] values, bool wrapAll)
    {
        var lines = 1;
        for (var c = 0; c < columns.Count && c < values.Length; c++)
        {
            var hidden = values[c] is Status { Tone: StatusTone.Hidden };
            if ((wrapAll || hidden || columns[c].Format == CellFormat.Wrapped) && (values[c] is string or Status))
            {
                var text = values[c] is Status status ? status.Words : (string)values[c]!;
                // About 1.3 characters of 10-point Arial per unit of column width.
                var perLine = Math.Max(1, (int)(columns[c].Width * 1.3) - 1);
                lines = Math.Max(lines, text.Split('\n').Sum(line => Math.Max(1, (line.Length + perLine - 1) / perLine)));
            }
        }

        if (lines > 1)
        {
            row.Height = (lines * 12.75) + 3;
        }
    }

    /// <summary>
    /// Fills each run of neighbouring status cells of the same tone with its colour, one range at a time:
    /// styling cell by cell is what costs most in ClosedXML.
    /// </summary>
    private static void Colour(IXLWorksheet sheet, int row, object?[] values)
    {
        var start = 0;
        while (start < values.Length)
        {
            if (values[start] is not Status first)
            {
                start++;
                continue;
            }

            var end = start;
            while (end + 1 < values.Length && values[end + 1] is Status next && next.Tone == first.Tone)
            {
                end++;
            }

            var style = sheet.Range(row, start + 1, row, end + 1).Style;
            style.Fill.BackgroundColor = Fills[first.Tone];
            if (first.Tone == StatusTone.Hidden)
            {
                // "fewer than N responses" in a narrow figure column wraps rather than spill over its neighbours.
                style.Alignment.WrapText = true;
            }

            start = end + 1;
        }
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
                break;
            default:
                throw new ArgumentException($"No cell format for {value.GetType().Name}.", nameof(value));
        }
    }
}
