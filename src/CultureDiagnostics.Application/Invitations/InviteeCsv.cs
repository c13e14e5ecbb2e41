using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace CultureDiagnostics.Application.Invitations;

/// <summary>One line of a list of invitees as written: the address and the unit code, with its line number (header = 1).</summary>
public sealed record InviteeRow(int Row, string Email, string Unit);

/// <summary>
/// Reads a list of invitees: columns email and unit (a unit code), in any order, comma-separated, UTF-8 with
/// or without the byte-order mark Excel writes for "CSV UTF-8". Lines with every cell empty (Excel leaves
/// them after deleted rows) are skipped. Checking the values is the caller's: this only reads them.
/// </summary>
public static class InviteeCsv
{
    public const string EmailColumn = "email";
    public const string UnitColumn = "unit";

    public static (IReadOnlyList<InviteeRow> Rows, IReadOnlyList<InputError> Errors) Read(string text)
    {
        var rows = new List<InviteeRow>();
        var errors = new List<InputError>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant().Replace(' ', '_'),
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
        };
        // Excel's "CSV UTF-8" starts with a byte-order mark, which decoding leaves as a character before the first header.
        using var reader = new CsvReader(new StringReader(text.TrimStart('\uFEFF')), config);
        try
        {
            if (!reader.Read() || !reader.ReadHeader())
            {
                return (rows, [Header("The file is empty: the first line must name the columns email and unit.")]);
            }

            var headers = reader.HeaderRecord!.Select(h => config.PrepareHeaderForMatch(new PrepareHeaderForMatchArgs(h, 0))).ToList();
            var missing = new[] { EmailColumn, UnitColumn }.Where(c => !headers.Contains(c)).ToList();
            var unknown = headers.Where(h => h is not (EmailColumn or UnitColumn)).ToList();
            if (missing.Count > 0 || unknown.Count > 0)
            {
                var parts = missing.Count > 0 ? [$"missing column(s) {string.Join(", ", missing)}"] : new List<string>();
                if (unknown.Count > 0)
                {
                    parts.Add($"unknown column(s) {string.Join(", ", unknown)}");
                }

                return (rows, [Header($"The header has {string.Join(" and ", parts)}; expected the columns email and unit.")]);
            }

            while (reader.Read())
            {
                var row = reader.Parser.RawRow;
                if (reader.Parser.Record!.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (reader.Parser.Count != headers.Count)
                {
                    errors.Add(new InputError("row", $"The row has {reader.Parser.Count} fields; the header has {headers.Count}.", row));
                    continue;
                }

                rows.Add(new InviteeRow(row, reader.GetField(EmailColumn) ?? "", reader.GetField(UnitColumn) ?? ""));
            }
        }
        catch (CsvHelperException ex)
        {
            errors.Add(new InputError("row", "The file is not valid CSV here: " + ex.Message.Split('\n')[0], ex.Context?.Parser?.RawRow));
        }

        return (rows, errors);
    }

    private static InputError Header(string message) => new("header", message, 1);
}
