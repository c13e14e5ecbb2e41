using System.Globalization;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CultureDiagnostics.Api.Tests.Workbook;

/// <summary>Reads a produced workbook back with ClosedXML: its tables as rows keyed by header.</summary>
public static class WorkbookFile
{
    public static readonly string[] SheetNames =
    [
        "About", "1 Dashboard", "1 Leadership", "1 Psychological safety", "1 Team reflexivity", "1 Focus groups", "1 Board interviews",
        "1 Workforce analysis", "1 Patient experience", "Synthesis", "2 Design", "3 Deliver", "Data", "Codebook",
    ];

    /// <summary>
    /// The workbook without its pictures: ClosedXML 0.95 loads pictures through System.Drawing, which does not
    /// run on Linux. <see cref="Pictures"/> reads them through the Open XML SDK instead.
    /// </summary>
    public static XLWorkbook Open(byte[] bytes)
    {
        var stream = new MemoryStream();
        stream.Write(bytes);
        using (var document = SpreadsheetDocument.Open(stream, isEditable: true))
        {
            foreach (var part in document.WorkbookPart!.WorksheetParts)
            {
                foreach (var drawing in part.Worksheet.Elements<Drawing>().ToList())
                {
                    drawing.Remove();
                }

                if (part.DrawingsPart is { } drawings)
                {
                    part.DeletePart(drawings);
                }

                part.Worksheet.Save();
            }
        }

        stream.Position = 0;
        return new XLWorkbook(stream);
    }

    /// <summary>The columns (from 1) of a sheet whose width is set explicitly in the file.</summary>
    public static HashSet<int> ColumnsWithWidths(byte[] bytes, string sheetName)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var workbookPart = document.WorkbookPart!;
        var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var worksheet = ((WorksheetPart)workbookPart.GetPartById(sheet.Id!)).Worksheet;
        return worksheet.Descendants<Column>()
            .Where(c => c.CustomWidth?.Value == true && c.Width is not null)
            .SelectMany(c => Enumerable.Range((int)c.Min!.Value, (int)(c.Max!.Value - c.Min.Value + 1)))
            .ToHashSet();
    }

    /// <summary>Each picture: its sheet, its alternative text and the first bytes of the image.</summary>
    public static List<(string Sheet, string Description, byte[] Image)> Pictures(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var workbookPart = document.WorkbookPart!;
        var pictures = new List<(string, string, byte[])>();
        foreach (var sheet in workbookPart.Workbook.Sheets!.Elements<Sheet>())
        {
            if (((WorksheetPart)workbookPart.GetPartById(sheet.Id!)).DrawingsPart is not { } drawings)
            {
                continue;
            }

            foreach (var picture in drawings.WorksheetDrawing.Descendants<DocumentFormat.OpenXml.Drawing.Spreadsheet.Picture>())
            {
                var embed = picture.BlipFill!.Blip!.Embed!.Value!;
                using var image = drawings.GetPartById(embed).GetStream();
                using var copy = new MemoryStream();
                image.CopyTo(copy);
                pictures.Add((sheet.Name!.Value!, picture.NonVisualPictureProperties!.NonVisualDrawingProperties!.Description!.Value!, copy.ToArray()));
            }
        }

        return pictures;
    }

    public static List<Dictionary<string, IXLCell>> Rows(XLWorkbook workbook, string sheet, string table)
    {
        var found = workbook.Worksheet(sheet).Table(table);
        var headers = found.HeadersRow().Cells().Select(c => c.GetString()).ToList();
        return found.DataRange.Rows()
            .Select(row => headers.Select((h, i) => (h, Cell: (IXLCell)row.Cell(i + 1))).ToDictionary(x => x.h, x => x.Cell))
            .ToList();
    }

    /// <summary>A figure the API published (or null, "not defined") is the cell's number, or its words.</summary>
    public static void AssertFigure(JsonNode? expected, IXLCell cell, string where)
    {
        if (expected is null)
        {
            Assert.True(cell.GetString() == "not defined", $"{where}: expected 'not defined', found '{cell.GetString()}'.");
            return;
        }

        Assert.True(cell.DataType == XLDataType.Number, $"{where}: expected the number {expected}, found '{cell.GetString()}'.");
        var value = expected.GetValue<double>();
        Assert.True(Math.Abs(cell.GetDouble() - value) <= 1e-9 * Math.Max(1, Math.Abs(value)),
            $"{where}: expected {value.ToString(CultureInfo.InvariantCulture)}, found {cell.GetDouble().ToString(CultureInfo.InvariantCulture)}.");
    }

    /// <summary>A suppressed cell of the API reads "fewer than N responses", or "withheld" when it was hidden to protect another group.</summary>
    public static void AssertHidden(JsonNode published, IXLCell cell, string where)
    {
        var expected = published["fewerThan"]?.GetValue<int>() is { } n ? $"fewer than {n} responses" : "withheld";
        Assert.True(cell.GetString() == expected, $"{where}: expected '{expected}', found '{cell.GetString()}'.");
    }

    /// <summary>Every used cell of every sheet, for scans.</summary>
    public static IEnumerable<(IXLWorksheet Sheet, IXLCell Cell)> AllCells(XLWorkbook workbook) =>
        workbook.Worksheets.SelectMany(sheet => sheet.CellsUsed().Select(cell => (sheet, cell)));
}
