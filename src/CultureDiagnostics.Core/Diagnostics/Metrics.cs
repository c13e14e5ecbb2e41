using System.Globalization;
using System.Text.RegularExpressions;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Core.Spc;

namespace CultureDiagnostics.Core.Diagnostics;

/// <summary>A measure of the culture and outcomes dashboard: which element it speaks to, which way is better, and its target.</summary>
public sealed record Metric(string Id, string Title, string Element, ImprovementDirection Direction, double? Target, string Unit);

/// <summary>One month of a metric; <see cref="Period"/> is "yyyy-MM".</summary>
public sealed record MetricValue(string MetricId, string Period, double Value);

/// <summary>A problem with a field of a request or a row of an imported file; <see cref="Row"/> is null for a request.</summary>
public sealed record DiagnosticError(int? Row, string Field, string Message);

/// <summary>Validation of metric definitions and imported monthly values, and the SPC chart of a series.</summary>
public static partial class MetricRules
{
    public const int MaxTitleLength = 200;
    public const int MaxIdLength = 60;

    public static IReadOnlyList<DiagnosticError> ValidateDefinition(string? id, string? title, string? element, string? direction, string? unit)
    {
        var errors = new List<DiagnosticError>();
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength || !IdPattern().IsMatch(id))
        {
            errors.Add(new(null, "id", $"The id is required: lower-case letters, digits and hyphens, at most {MaxIdLength} characters (e.g. sickness-absence)."));
        }

        if (string.IsNullOrWhiteSpace(title) || title.Length > MaxTitleLength)
        {
            errors.Add(new(null, "title", $"The title is required and must be at most {MaxTitleLength} characters."));
        }

        if (element is null || CulturalFramework.FindElement(element) is null)
        {
            errors.Add(new(null, "element", $"The element must be one of {string.Join(", ", CulturalFramework.Elements.Select(e => e.Id))}."));
        }

        if (ParseDirection(direction) is null)
        {
            errors.Add(new(null, "direction", "The better direction must be increase, decrease or neutral."));
        }

        if (unit is { Length: > 20 })
        {
            errors.Add(new(null, "unit", "The unit must be at most 20 characters (e.g. %)."));
        }

        return errors;
    }

    public static ImprovementDirection? ParseDirection(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "increase" => ImprovementDirection.Increase,
        "decrease" => ImprovementDirection.Decrease,
        "neutral" => ImprovementDirection.Neutral,
        _ => null,
    };

    public static string DirectionText(ImprovementDirection direction) => direction.ToString().ToLowerInvariant();

    /// <summary>A month as "yyyy-MM"; also accepts a full date ("2026-03-01") and keeps its month.</summary>
    public static string? ParsePeriod(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (DateOnly.TryParseExact(trimmed, ["yyyy-MM", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        }

        return null;
    }

    /// <summary>
    /// Checks imported rows (metric, period, value as text, with their row numbers) against the known metrics:
    /// every bad row is reported; a period repeated for a metric within the file is an error.
    /// </summary>
    public static (IReadOnlyList<MetricValue> Values, IReadOnlyList<DiagnosticError> Errors) ValidateImport(
        IReadOnlyList<(int Row, string? Metric, string? Period, string? Value)> rows, IReadOnlySet<string> knownMetrics)
    {
        var values = new List<MetricValue>();
        var errors = new List<DiagnosticError>();
        var seen = new HashSet<(string, string)>();
        foreach (var (row, metric, periodText, valueText) in rows)
        {
            var ok = true;
            if (string.IsNullOrWhiteSpace(metric) || !knownMetrics.Contains(metric.Trim()))
            {
                errors.Add(new(row, "metric", $"'{metric}' is not a defined metric: define it first, or use one of {string.Join(", ", knownMetrics.Order(StringComparer.Ordinal))}."));
                ok = false;
            }

            var period = ParsePeriod(periodText);
            if (period is null)
            {
                errors.Add(new(row, "period", $"The period '{periodText}' is not a month written yyyy-MM (e.g. 2026-03)."));
                ok = false;
            }

            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                errors.Add(new(row, "value", $"The value '{valueText}' is not a number (use a point for decimals)."));
                ok = false;
            }

            if (ok && !seen.Add((metric!.Trim(), period!)))
            {
                errors.Add(new(row, "period", $"The file gives {metric.Trim()} for {period} more than once."));
                ok = false;
            }

            if (ok)
            {
                values.Add(new MetricValue(metric!.Trim(), period!, value));
            }
        }

        return (values, errors);
    }

    /// <summary>The XmR chart of a metric's values in period order.</summary>
    public static SpcResult Chart(Metric metric, IReadOnlyList<MetricValue> values) =>
        XmrChart.Analyse(values.OrderBy(v => v.Period, StringComparer.Ordinal).Select(v => v.Value).ToList(), new SpcOptions(metric.Direction, metric.Target));

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
