using System.Globalization;
using System.Net.Http.Json;
using CsvHelper;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;
using CultureDiagnostics.Application.Csv;
using DocumentFormat.OpenXml.Packaging;
using Sheets = DocumentFormat.OpenXml.Spreadsheet;

namespace CultureDiagnostics.Api.Tests.Edges;

/// <summary>
/// Names people type (a unit called "=HYPERLINK(...)") reach the exports as text, never as a formula a spreadsheet
/// would compute (OWASP's CSV injection): in results.csv, read the way a spreadsheet reads a CSV file, and in every
/// cell of every sheet of the workbook, read from its XML as Excel reads it.
/// </summary>
public sealed class FormulaEscapingTests : IDisposable
{
    /// <summary>Unit names (the platform trims what people type, so leading spaces are the writer's test below).</summary>
    private static readonly string[] Names =
        ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "@SUM(A1)", "-2+3", "\uFF1D1+1"];

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private enum Reading
    {
        Number,
        Formula,
        Text,
    }

    /// <summary>
    /// How a spreadsheet takes a field of a CSV file it opens: a number, a formula (anything starting with = + - @,
    /// a tab or a carriage return, leading spaces skipped, that is not a plain number), or text.
    /// </summary>
    private static Reading AsASpreadsheetReadsIt(string field)
    {
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return Reading.Number;
        }

        var start = field.TrimStart(' ');
        return field.StartsWith('\t') || field.StartsWith('\r') || (start.Length > 0 && "=+-@\uFF1D\uFF0B\uFF0D\uFF20".Contains(start[0], StringComparison.Ordinal))
            ? Reading.Formula
            : Reading.Text;
    }

    private static List<string[]> ReadCsv(string text)
    {
        using var parser = new CsvParser(new StringReader(text), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (parser.Read())
        {
            rows.Add(parser.Record!);
        }

        return rows;
    }

    [Fact]
    public async Task TheWriterKeepsFormulasAsTextAndNumbersAsNumbers()
    {
        string[] texts = [.. Names, "   =1+1", " \t@A1", "\tTab first", "\rReturn first", "\n=1", "Plain words", "fewer than 5", "a-b", ""];
        var written = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new SpreadsheetCsvWriter(written))
        {
            foreach (var text in texts)
            {
                csv.Text(text);
            }

            csv.Number(-0.25);
            csv.Number(-3L);
            csv.Number(double.NegativeInfinity);
            await csv.NextRecordAsync();
        }

        var fields = ReadCsv(written.ToString()).Single();
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(Reading.Text, AsASpreadsheetReadsIt(fields[i]));
            // The text itself arrives whole: behind the one quote that marks it as text, where it needed one.
            Assert.Equal(SpreadsheetCsvWriter.ReadsAsFormula(texts[i]) ? SpreadsheetCsvWriter.TextPrefix + texts[i] : texts[i], fields[i]);
        }

        Assert.All(texts[..(Names.Length + 5)], text => Assert.True(SpreadsheetCsvWriter.ReadsAsFormula(text), text));
        Assert.Equal(["-0.25", "-3", ""], fields[texts.Length..]);
        Assert.Equal(Reading.Number, AsASpreadsheetReadsIt(fields[texts.Length]));
    }

    [Fact]
    public async Task UnitNamesThatLookLikeFormulasReachResultsCsvAndTheWorkbookAsText()
    {
        var id = await ClosedCampaignOfUnitsNamedAsync();
        var analyst = await WorkspaceClient.SignedInAsync(_app, Data.Accounts.Roles.Analyst);

        var csv = ReadCsv(await analyst.GetStringAsync($"/api/campaigns/{id}/results.csv"));
        var formulas = csv.SelectMany(row => row).Where(field => AsASpreadsheetReadsIt(field) == Reading.Formula).ToList();
        Assert.True(formulas.Count == 0, "Read as formulas: " + string.Join(" | ", formulas));
        var names = csv.Skip(1).Select(row => row[1]).ToList();
        Assert.All(Names, name => Assert.Contains(SpreadsheetCsvWriter.TextPrefix + name, names));
        // The platform's own figures stay numbers: shown counts and means of the teams with six responses.
        Assert.Contains(csv.Skip(1), row => AsASpreadsheetReadsIt(row[3]) == Reading.Number && AsASpreadsheetReadsIt(row[6]) == Reading.Number);

        var workbook = await analyst.GetByteArrayAsync($"/api/campaigns/{id}/synthesis.xlsx");
        var (cells, withNames) = TextOfEveryCell(workbook);
        Assert.True(cells.Count > 0);
        var formulaCells = cells.Where(c => c.HasFormula).Select(c => c.Where).ToList();
        Assert.True(formulaCells.Count == 0, "Cells with formulas: " + string.Join(", ", formulaCells));
        Assert.All(Names, name => Assert.Contains(withNames, c => c.Text == name));
        Assert.All(withNames, c => Assert.True(c.IsText, $"{c.Where} holds '{c.Text}' but not as text."));
    }

    /// <summary>
    /// Every cell of every sheet, from the file's XML: whether it holds a formula (an &lt;f&gt; element) and, for
    /// cells that hold one of the names, its text and whether it is stored as text (shared or inline string).
    /// </summary>
    private static (List<(string Where, bool HasFormula)> Cells, List<(string Where, string Text, bool IsText)> WithNames) TextOfEveryCell(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var workbookPart = document.WorkbookPart!;
        var shared = workbookPart.SharedStringTablePart?.SharedStringTable.Elements<Sheets.SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var cells = new List<(string, bool)>();
        var withNames = new List<(string, string, bool)>();
        foreach (var sheet in workbookPart.Workbook.Sheets!.Elements<Sheets.Sheet>())
        {
            var part = (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
            foreach (var cell in part.Worksheet.Descendants<Sheets.Cell>())
            {
                var where = $"{sheet.Name}!{cell.CellReference}";
                cells.Add((where, cell.CellFormula is not null));
                var type = cell.DataType?.Value;
                var isText = type == Sheets.CellValues.SharedString || type == Sheets.CellValues.InlineString || type == Sheets.CellValues.String;
                var text = type == Sheets.CellValues.SharedString && cell.CellValue is { } index ? shared[int.Parse(index.Text, CultureInfo.InvariantCulture)]
                    : type == Sheets.CellValues.InlineString ? cell.InlineString?.InnerText ?? ""
                    : cell.CellValue?.Text ?? "";
                if (Names.Any(name => text.Contains(name, StringComparison.Ordinal)))
                {
                    withNames.Add((where, text, isText && cell.CellFormula is null));
                }
            }
        }

        return (cells, withNames);
    }

    /// <summary>A trust whose organisation and teams have names a spreadsheet would compute, with a closed campaign.</summary>
    private async Task<string> ClosedCampaignOfUnitsNamedAsync()
    {
        var admin = await WorkspaceClient.SignedInAsync(_app);
        (await admin.PostAsJsonAsync("/api/units", new { code = "ORG", name = Names[0] })).EnsureSuccessStatusCode();
        var teams = Names.Skip(1).Select((name, i) => (Code: $"T{i}", Name: name)).ToList();
        foreach (var (code, name) in teams)
        {
            (await admin.PostAsJsonAsync("/api/units", new { code, name, parentCode = "ORG", headcount = 10 })).EnsureSuccessStatusCode();
        }

        var created = await TestApp.ReadObjectAsync(await admin.PostAsJsonAsync("/api/campaigns", new
        {
            title = "@Wave", opensOn = "2026-11-01", closesOn = "2026-11-30",
            instruments = new[] { new { id = "psychological-safety" } }, units = teams.Select(t => t.Code),
        }));
        var id = created["id"]!.GetValue<string>();
        (await admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        foreach (var unit in created["units"]!.AsArray())
        {
            var code = unit!["accessCode"]!.GetValue<string>();
            for (var i = 0; i < 6; i++)
            {
                await Scenario.SubmitAsync(_app, Scenario.Submission(_app, code, item => 1 + ((i + item.Id.Length) % 7)));
            }
        }

        (await admin.PostAsync($"/api/campaigns/{id}/close", null)).EnsureSuccessStatusCode();
        return id;
    }
}
