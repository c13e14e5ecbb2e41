using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using CultureDiagnostics.Core.Deliver;

namespace CultureDiagnostics.Application.Deliver;

/// <summary>
/// Reads an actions file: columns title, element, intervention, owner_name, owner_role, units, starts_on, due_on, status,
/// notes, measures; units and measures hold several values separated by ";" (units by code; a measure as
/// "scale:instrument/construct" or "metric:id"); dates as yyyy-MM-dd.
/// </summary>
public static class ActionsCsv
{
    public static readonly string[] Columns = ["title", "element", "intervention", "owner_name", "owner_role", "units", "starts_on", "due_on", "status", "notes", "measures"];

    /// <summary>Each row as the use case's request with its line number, and the problems found reading (not yet checking) them.</summary>
    public static (IReadOnlyList<(int Row, ActionRequest Request)> Rows, IReadOnlyList<InputError> Errors) Read(string text)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
        };
        var rows = new List<(int, ActionRequest)>();
        var errors = new List<InputError>();
        using var reader = new CsvReader(new StringReader(text), config);
        try
        {
            if (!reader.Read() || !reader.ReadHeader())
            {
                return ([], [new InputError("header", $"The file is empty: the first line must name the columns {string.Join(",", Columns)}.", 1)]);
            }

            var headers = reader.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToList();
            if (!Columns.All(headers.Contains) || headers.Count != Columns.Length)
            {
                return ([], [new InputError("header", $"The header is '{string.Join(",", headers)}'; expected {string.Join(",", Columns)}.", 1)]);
            }

            while (reader.Read())
            {
                var row = reader.Parser.RawRow;
                if (reader.Parser.Count != headers.Count)
                {
                    errors.Add(new InputError("row", $"The row has {reader.Parser.Count} fields; the header has {headers.Count}.", row));
                    continue;
                }

                DateOnly? Date(string column)
                {
                    var value = reader.GetField(column);
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        return null;
                    }

                    if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                    {
                        return day;
                    }

                    errors.Add(new InputError(column, $"'{value}' is not a date written as yyyy-MM-dd.", row));
                    return null;
                }

                static List<string> Several(string? value) => [.. (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                var measures = Several(reader.GetField("measures")).Select(m => m.Split(':', 2)).Select(p =>
                    p[0] == MeasureKinds.Scale && p.Length == 2 && p[1].Split('/') is [var instrument, var scale]
                        ? new ActionMeasureRequest(MeasureKinds.Scale, instrument, scale)
                        : new ActionMeasureRequest(p[0], Metric: p.Length == 2 ? p[1] : "")).ToList();
                rows.Add((row, new ActionRequest(
                    reader.GetField("title"), reader.GetField("element"), reader.GetField("intervention"), reader.GetField("owner_name"), reader.GetField("owner_role"),
                    Several(reader.GetField("units")), Date("starts_on"), Date("due_on"), reader.GetField("status"), reader.GetField("notes"), measures)));
            }
        }
        catch (CsvHelperException ex)
        {
            errors.Add(new InputError("row", "The file is not valid CSV here: " + ex.Message.Split('\n')[0], ex.Context?.Parser?.RawRow));
        }

        if (errors.Count == 0 && rows.Count == 0)
        {
            errors.Add(new InputError("row", "The file has a header but no actions.", 2));
        }

        return (rows, errors);
    }
}
