using System.Globalization;
using System.Text.RegularExpressions;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Core.Spc;

namespace CultureDiagnostics.Core.Diagnostics;

/// <summary>A measure of the culture and outcomes dashboard: which element it speaks to, which way is better, and its target.</summary>
public sealed record Metric(string Id, string Title, string Element, ImprovementDirection Direction, double? Target, string Unit);

/// <summary>One month of a metric; <see cref="Period"/> is "yyyy-MM".</summary>
public sealed record MetricValue(string MetricId, string Period, double Value);

/// <summary>
/// The first month of a new process in a metric's chart (a new policy, a service moved, a new way of counting), with
/// the change team's reason: the chart's mean and limits are calculated again from this month.
/// </summary>
public sealed record ChangePoint(string MetricId, string Period, string Reason);

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
    public const int MaxReasonLength = 500;

    /// <summary>How many months on one side of the mean, up to the latest, signal a sustained shift (Making Data Count's shift rule).</summary>
    public const int ShiftLength = 7;

    /// <summary>
    /// The XmR chart of a metric's months in order, its mean and limits calculated again from each change point (a
    /// change point at the first month, or at a month without a value, changes nothing).
    /// </summary>
    public static SpcResult Chart(Metric metric, IReadOnlyList<MetricValue> values, IReadOnlyList<ChangePoint>? changePoints = null)
    {
        var ordered = values.OrderBy(v => v.Period, StringComparer.Ordinal).ToList();
        var starts = (changePoints ?? [])
            .Select(c => ordered.FindIndex(v => v.Period == c.Period))
            .Where(i => i > 0)
            .Select(i => i + 1)
            .Distinct()
            .Order()
            .ToList();
        return XmrChart.Analyse(ordered.Select(v => v.Value).ToList(), new SpcOptions(metric.Direction, metric.Target, starts));
    }

    /// <summary>
    /// The month to suggest as a change point: where the latest months, at least <see cref="ShiftLength"/> of them and
    /// up to the latest, all lie on one side of the current mean (a sustained shift: the process has changed and its
    /// old mean and limits no longer describe it), the first of them; null where there is no such shift, or it
    /// starts at a change point already.
    /// </summary>
    public static string? SuggestedChangePoint(IReadOnlyList<MetricValue> values, SpcResult chart)
    {
        var ordered = values.OrderBy(v => v.Period, StringComparer.Ordinal).ToList();
        var points = chart.Points;
        if (points.Count < ShiftLength || points.Count != ordered.Count)
        {
            return null;
        }

        var side = Math.Sign(points[^1].Value - points[^1].Mean);
        var first = points.Count - 1;
        while (side != 0 && first > 0 && points[first - 1].Mean == points[^1].Mean && Math.Sign(points[first - 1].Value - points[first - 1].Mean) == side)
        {
            first--;
        }

        var segmentStart = first == 0 || points[first - 1].Mean != points[first].Mean;
        return side != 0 && points.Count - first >= ShiftLength && !segmentStart ? ordered[first].Period : null;
    }

    /// <summary>A change point must name one of the metric's months other than the first, with a reason in words.</summary>
    public static IReadOnlyList<DiagnosticError> ValidateChangePoint(string? period, string? reason, IReadOnlyList<MetricValue> values)
    {
        var errors = new List<DiagnosticError>();
        var periods = values.Select(v => v.Period).Order(StringComparer.Ordinal).ToList();
        if (string.IsNullOrWhiteSpace(period) || !periods.Contains(period.Trim()))
        {
            errors.Add(new(null, "period", "Choose the first month of the new process: one of the metric's months (yyyy-MM)."));
        }
        else if (period.Trim() == periods[0])
        {
            errors.Add(new(null, "period", "The first month already starts the chart: choose a later one."));
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReasonLength)
        {
            errors.Add(new(null, "reason", $"Say what changed then (a new policy, a service moved, a new way of counting), in at most {MaxReasonLength} characters."));
        }

        return errors;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
