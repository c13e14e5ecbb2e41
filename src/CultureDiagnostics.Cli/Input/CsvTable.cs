using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace CultureDiagnostics.Cli.Input;

/// <summary>A problem with the analyst's input, reported on stderr with where it is.</summary>
public sealed class InputException(string message) : Exception(message);

/// <summary>A CSV file read whole: header and rows of cells, each row with its line number in the file.</summary>
public sealed class CsvTable
{
    private CsvTable(string path, string[] header, List<(int Line, string[] Cells)> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
    }

    public string Path { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<(int Line, string[] Cells)> Rows { get; }

    /// <summary>Reads the file, rejecting a missing or empty file and rows whose cell count differs from the header.</summary>
    public static CsvTable Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path}: file not found.");
        }

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = args => throw new InputException($"{path}: row {args.Context.Parser?.Row}: malformed quoting in {args.Field}."),
            IgnoreBlankLines = true,
        };
        using var reader = new StreamReader(path);
        using var parser = new CsvParser(reader, config);
        if (!parser.Read() || parser.Record is null)
        {
            throw new InputException($"{path}: the file is empty; a header row is required.");
        }

        var header = parser.Record.Select(h => h.Trim()).ToArray();
        var rows = new List<(int, string[])>();
        while (parser.Read())
        {
            var record = parser.Record!;
            if (record.Length != header.Length)
            {
                throw new InputException($"{path}: row {parser.Row}: {record.Length} cells where the header has {header.Length}.");
            }

            rows.Add((parser.Row, record));
        }

        if (rows.Count == 0)
        {
            throw new InputException($"{path}: no data rows after the header.");
        }

        return new CsvTable(path, header, rows);
    }

    /// <summary>Index of a named column, or an error listing the columns there are.</summary>
    public int Column(string name)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InputException($"{Path}: no column '{name}'; columns are {string.Join(", ", Header)}.");
    }

    /// <summary>A cell as a number; empty gives NaN (missing); anything else that is not a number is an error naming row and column.</summary>
    public double Number(int line, string[] cells, int column)
    {
        var text = cells[column].Trim();
        if (text.Length == 0)
        {
            return double.NaN;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new InputException($"{Path}: row {line}, column '{Header[column]}': '{text}' is not a number.");
        }

        return value;
    }
}
