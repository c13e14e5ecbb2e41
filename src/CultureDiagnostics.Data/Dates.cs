using System.Globalization;

namespace CultureDiagnostics.Data;

/// <summary>Dates are stored as ISO 8601 text (yyyy-mm-dd), which sorts and compares correctly in SQL.</summary>
public static class Dates
{
    public static DateOnly Parse(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
