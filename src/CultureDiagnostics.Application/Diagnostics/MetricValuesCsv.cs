using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using CultureDiagnostics.Core.Diagnostics;

namespace CultureDiagnostics.Application.Diagnostics;

/// <summary>Reads a metrics file: columns metric, period (yyyy-MM) and value, one row per metric and month.</summary>
public static class MetricValuesCsv
{
    private static readonly string[] Columns = ["metric", "period", "value"];

    public static (IReadOnlyList<MetricValue> Values, IReadOnlyList<DiagnosticError> Errors) Read(string text, IReadOnlySet<string> knownMetrics)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
        };
        var rows = new List<(int, string?, string?, string?)>();
        var errors = new List<DiagnosticError>();
        using var reader = new CsvReader(new StringReader(text), config);
        try
        {
            if (!reader.Read() || !reader.ReadHeader())
            {
                return ([], [new DiagnosticError(1, "header", "The file is empty: the first line must name the columns metric, period, value.")]);
            }

            var headers = reader.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToList();
            if (!Columns.All(headers.Contains) || headers.Count != Columns.Length)
            {
                return ([], [new DiagnosticError(1, "header", $"The header is '{string.Join(",", headers)}'; expected metric,period,value.")]);
            }

            while (reader.Read())
            {
                var row = reader.Parser.RawRow;
                if (reader.Parser.Count != headers.Count)
                {
                    errors.Add(new DiagnosticError(row, "row", $"The row has {reader.Parser.Count} fields; the header has {headers.Count}."));
                    continue;
                }

                rows.Add((row, reader.GetField("metric"), reader.GetField("period"), reader.GetField("value")));
            }
        }
        catch (CsvHelperException ex)
        {
            errors.Add(new DiagnosticError(ex.Context?.Parser?.RawRow, "row", "The file is not valid CSV here: " + ex.Message.Split('\n')[0]));
        }

        var (values, rowErrors) = MetricRules.ValidateImport(rows, knownMetrics);
        errors.AddRange(rowErrors);
        if (errors.Count == 0 && values.Count == 0)
        {
            errors.Add(new DiagnosticError(2, "row", "The file has a header but no values."));
        }

        // In the order of the file's rows, whichever check found them (a stable sort keeps each row's own order).
        return (values, [.. errors.OrderBy(e => e.Row ?? int.MaxValue)]);
    }
}
