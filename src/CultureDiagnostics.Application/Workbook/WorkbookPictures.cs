using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using A = DocumentFormat.OpenXml.Drawing;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace CultureDiagnostics.Application.Workbook;

/// <summary>A PNG placed with its top-left corner on a cell (row and column counted from 1), with alternative text.</summary>
internal sealed record WorkbookPicture(string Sheet, int Row, int Column, byte[] Png, int Width, int Height, string Name, string Description);

/// <summary>
/// Adds pictures to a saved workbook through the Open XML SDK. ClosedXML 0.95 reads pictures with
/// System.Drawing, which does not run on Linux; the SDK only writes the parts, which works everywhere.
/// </summary>
internal static class WorkbookPictures
{
    private const long EmuPerPixel = 9525;

    public static void Insert(Stream package, IReadOnlyList<WorkbookPicture> pictures)
    {
        if (pictures.Count == 0)
        {
            return;
        }

        package.Position = 0;
        using var document = SpreadsheetDocument.Open(package, isEditable: true);
        var workbookPart = document.WorkbookPart!;
        uint id = 1;
        foreach (var group in pictures.GroupBy(p => p.Sheet))
        {
            var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == group.Key);
            var worksheetPart = (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
            var drawingsPart = worksheetPart.AddNewPart<DrawingsPart>();
            drawingsPart.WorksheetDrawing = new Xdr.WorksheetDrawing();
            foreach (var picture in group)
            {
                var imagePart = drawingsPart.AddImagePart(ImagePartType.Png);
                using (var image = new MemoryStream(picture.Png, writable: false))
                {
                    imagePart.FeedData(image);
                }

                drawingsPart.WorksheetDrawing.Append(Anchor(picture, drawingsPart.GetIdOfPart(imagePart), id++));
            }

            drawingsPart.WorksheetDrawing.Save();
            var worksheet = worksheetPart.Worksheet;
            var drawing = new Drawing { Id = worksheetPart.GetIdOfPart(drawingsPart) };
            // The schema fixes the order of a worksheet's children: the drawing goes before these.
            var next = worksheet.ChildElements.FirstOrDefault(e => e is LegacyDrawing or LegacyDrawingHeaderFooter or Picture or OleObjects
                or Controls or WebPublishItems or TableParts or WorksheetExtensionList);
            if (next is null)
            {
                worksheet.Append(drawing);
            }
            else
            {
                worksheet.InsertBefore(drawing, next);
            }

            worksheet.Save();
        }
    }

    private static Xdr.OneCellAnchor Anchor(WorkbookPicture picture, string relationship, uint id)
    {
        var width = picture.Width * EmuPerPixel;
        var height = picture.Height * EmuPerPixel;
        return new Xdr.OneCellAnchor(
            new Xdr.FromMarker(
                new Xdr.ColumnId((picture.Column - 1).ToString(CultureInfo.InvariantCulture)),
                new Xdr.ColumnOffset("0"),
                new Xdr.RowId((picture.Row - 1).ToString(CultureInfo.InvariantCulture)),
                new Xdr.RowOffset("0")),
            new Xdr.Extent { Cx = width, Cy = height },
            new Xdr.Picture(
                new Xdr.NonVisualPictureProperties(
                    new Xdr.NonVisualDrawingProperties { Id = id + 1, Name = picture.Name, Description = picture.Description },
                    new Xdr.NonVisualPictureDrawingProperties(new A.PictureLocks { NoChangeAspect = true })),
                new Xdr.BlipFill(new A.Blip { Embed = relationship }, new A.Stretch(new A.FillRectangle())),
                new Xdr.ShapeProperties(
                    new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = width, Cy = height }),
                    new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })),
            new Xdr.ClientData());
    }
}
