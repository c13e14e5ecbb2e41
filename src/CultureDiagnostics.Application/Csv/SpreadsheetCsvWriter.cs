using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace CultureDiagnostics.Application.Csv;

/// <summary>
/// The one way the platform writes CSV for people to open in a spreadsheet. Text cells that a spreadsheet would
/// read as a formula (OWASP's CSV injection: a cell starting with = + - @, a tab or a carriage return, also after
/// leading spaces) are written as text: prefixed with a single quote and quoted. Numbers the platform formats
/// itself are written as they are, so a negative number stays a number.
/// </summary>
public sealed class SpreadsheetCsvWriter : IAsyncDisposable
{
    /// <summary>The character that makes a spreadsheet take the cell as text.</summary>
    public const char TextPrefix = '\'';

    private readonly CsvWriter _csv;

    public SpreadsheetCsvWriter(TextWriter writer) =>
        // CsvHelper's own injection guard is off: it would also escape the platform's negative numbers, and it
        // does not look past leading spaces. Text is escaped here instead, number cells never.
        _csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.None });

    /// <summary>Whether a spreadsheet opening this text as a cell would compute it rather than show it.</summary>
    public static bool ReadsAsFormula(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        if (text[0] is '\t' or '\r' or '\n')
        {
            return true;
        }

        var start = text.AsSpan().TrimStart();
        // The full-width forms too: spreadsheets in East Asian locales take them for the ASCII signs.
        return start.Length > 0 && start[0] is '=' or '+' or '-' or '@' or '\uFF1D' or '\uFF0B' or '\uFF0D' or '\uFF20';
    }

    /// <summary>A text cell (a name, a code, words such as "fewer than 5"), never read as a formula.</summary>
    public void Text(string? text)
    {
        if (text is not null && ReadsAsFormula(text))
        {
            _csv.WriteField(TextPrefix + text, shouldQuote: true);
            return;
        }

        _csv.WriteField(text ?? "");
    }

    /// <summary>A whole number the platform counted.</summary>
    public void Number(long value) => _csv.WriteField(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A number the platform computed, up to four decimals; empty when there is none (or it is not finite).</summary>
    public void Number(double? value) =>
        _csv.WriteField(value is { } v && double.IsFinite(v) ? v.ToString("0.####", CultureInfo.InvariantCulture) : "");

    public Task NextRecordAsync() => _csv.NextRecordAsync();

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}
