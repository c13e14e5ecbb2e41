using System.Globalization;
using CultureDiagnostics.Core.Diagnostics;

namespace CultureDiagnostics.Api.Diagnostics;

/// <summary>Diagnostic errors keyed as problem details name them: "row 3: value" for a file, the field name for a request.</summary>
public static class MetricsCsv
{
    public static Dictionary<string, string[]> Keyed(IEnumerable<DiagnosticError> errors) => errors
        .GroupBy(e => e.Row is { } r ? $"row {r.ToString(CultureInfo.InvariantCulture)}: {e.Field}" : e.Field)
        .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
}
