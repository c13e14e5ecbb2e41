using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using CultureDiagnostics.Core.Organisation;

namespace CultureDiagnostics.Application.Organisation;

/// <summary>Reads a structure file: columns code, name, parent_code and (optionally) headcount.</summary>
public static class StructureCsv
{
    public static readonly string[] RequiredColumns = ["code", "name", "parent_code"];
    public const string HeadcountColumn = "headcount";

    public static (IReadOnlyList<ProposedUnit> Units, IReadOnlyList<int> Rows, IReadOnlyList<StructureError> Errors) Read(string text)
    {
        var units = new List<ProposedUnit>();
        var rows = new List<int>();
        var errors = new List<StructureError>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant().Replace(' ', '_'),
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
        };
        using var reader = new CsvReader(new StringReader(text), config);
        try
        {
            if (!reader.Read() || !reader.ReadHeader())
            {
                return (units, rows, [new StructureError(1, "header", "The file is empty: the first line must name the columns code, name, parent_code, headcount.")]);
            }

            var headers = reader.HeaderRecord!.Select(h => config.PrepareHeaderForMatch(new PrepareHeaderForMatchArgs(h, 0))).ToList();
            var missing = RequiredColumns.Where(c => !headers.Contains(c)).ToList();
            var unknown = headers.Where(h => !RequiredColumns.Contains(h) && h != HeadcountColumn).ToList();
            if (missing.Count > 0 || unknown.Count > 0)
            {
                var parts = new List<string>();
                if (missing.Count > 0)
                {
                    parts.Add($"missing column(s) {string.Join(", ", missing)}");
                }

                if (unknown.Count > 0)
                {
                    parts.Add($"unknown column(s) {string.Join(", ", unknown)}");
                }

                return (units, rows, [new StructureError(1, "header", $"The header has {string.Join(" and ", parts)}; expected code, name, parent_code and optionally headcount.")]);
            }

            var hasHeadcount = headers.Contains(HeadcountColumn);
            while (reader.Read())
            {
                var row = reader.Parser.RawRow;
                if (reader.Parser.Count != headers.Count)
                {
                    errors.Add(new StructureError(row, "row", $"The row has {reader.Parser.Count} fields; the header has {headers.Count}."));
                    continue;
                }

                int? headcount = null;
                var headcountText = hasHeadcount ? reader.GetField(HeadcountColumn) : null;
                if (!string.IsNullOrEmpty(headcountText))
                {
                    if (int.TryParse(headcountText, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                    {
                        headcount = value;
                    }
                    else
                    {
                        // Reported, and the row's other fields are still checked: every problem of the file at once.
                        errors.Add(new StructureError(row, HeadcountColumn, $"The headcount '{headcountText}' is not a whole number."));
                    }
                }

                var parent = reader.GetField("parent_code");
                units.Add(new ProposedUnit(reader.GetField("code") ?? "", reader.GetField("name") ?? "", string.IsNullOrEmpty(parent) ? null : parent, headcount));
                rows.Add(row);
            }
        }
        catch (CsvHelperException ex)
        {
            errors.Add(new StructureError(ex.Context?.Parser?.RawRow, "row", "The file is not valid CSV here: " + ex.Message.Split('\n')[0]));
        }

        return (units, rows, errors);
    }
}
