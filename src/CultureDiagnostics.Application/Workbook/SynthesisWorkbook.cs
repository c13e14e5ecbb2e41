using System.Text.RegularExpressions;
using ClosedXML.Excel;
using CultureDiagnostics.Core.Framework;

namespace CultureDiagnostics.Application.Workbook;

/// <summary>
/// The synthesis workbook (.xlsx), sheets in the order of the programme's phases: About; Phase 1 Discover,
/// one sheet per diagnostic source; the synthesis; Phase 2 Design; Phase 3 Deliver; the data and its codebook.
/// </summary>
public static partial class SynthesisWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string FileName(WorkbookContent content) =>
        $"synthesis-{Slug().Replace(content.Campaign.Title.ToLowerInvariant(), "-").Trim('-')}-{content.Campaign.Id}.xlsx";

    public static byte[] Write(WorkbookContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var workbook = new XLWorkbook();
        workbook.Properties.Title = $"Synthesis workbook: {content.Campaign.Title}";
        workbook.Properties.Author = "CultureDiagnostics";
        var pictures = new List<WorkbookPicture>();
        var sheets = new List<string> { AboutSheet.Name };
        sheets.AddRange(CulturalFramework.Sources.Select(s => DiscoverSheets.SheetNames[s.Id]));
        sheets.AddRange([PlanSheets.SynthesisSheet, PlanSheets.DesignSheet, PlanSheets.DeliverSheet, DataSheets.DataSheet, DataSheets.CodebookSheet]);

        AboutSheet.Write(workbook, content, sheets);
        foreach (var source in CulturalFramework.Sources)
        {
            var table = Slug().Replace(source.Title, "");
            if (source.Id == Core.Diagnostics.SynthesisRules.DashboardSource)
            {
                DiscoverSheets.Dashboard(workbook, content, pictures);
            }
            else if (source.InstrumentId is not null)
            {
                DiscoverSheets.Survey(workbook, content, source, table);
            }
            else
            {
                DiscoverSheets.Findings(workbook, content, source, table);
            }
        }

        PlanSheets.Synthesis(workbook, content);
        PlanSheets.Design(workbook, content);
        PlanSheets.Deliver(workbook, content);
        DataSheets.Data(workbook, content);
        DataSheets.Codebook(workbook, content);

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        WorkbookPictures.Insert(stream, pictures);
        return stream.ToArray();
    }

    [GeneratedRegex("[^a-zA-Z0-9]+")]
    private static partial Regex Slug();
}
