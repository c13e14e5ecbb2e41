using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Data.Diagnostics;

namespace CultureDiagnostics.Application.Diagnostics;

/// <summary>A metric of the culture and outcomes dashboard, as the JSON API receives it.</summary>
public sealed record MetricRequest(string? Id, string? Title, string? Element, string? Direction, double? Target, string? Unit);

/// <summary>A change point as the JSON API receives it: the first month of the new process, and what changed.</summary>
public sealed record ChangePointRequest(string? Period, string? Reason);

/// <summary>
/// The culture and outcomes metrics, once for the JSON API and the workspace pages: define a metric,
/// import monthly values from a CSV file (every bad row reported, nothing imported until all are right),
/// and list each metric with its SPC chart.
/// </summary>
public sealed class MetricsService(DiagnosticsStore store, SynthesisService synthesis)
{
    /// <summary>The largest metrics file taken, by the API and the page alike.</summary>
    public const int MaxCsvBytes = 2 * 1024 * 1024;

    public Task<IReadOnlyList<MetricChart>> ChartsAsync(CancellationToken ct = default) => synthesis.MetricChartsAsync(ct);

    /// <summary>Defines a metric, or redefines the one with the same id; the value is its chart.</summary>
    /// <param name="reading">Problems the caller found reading its input, reported with the rest.</param>
    public async Task<Outcome<MetricChart>> SaveAsync(MetricRequest request, IReadOnlyList<InputError>? reading = null, CancellationToken ct = default)
    {
        var rules = MetricRules.ValidateDefinition(request.Id, request.Title, request.Element, request.Direction, request.Unit).ToList();
        if (request.Target is { } target && !double.IsFinite(target))
        {
            rules.Add(new DiagnosticError(null, "target", "The target must be a number."));
        }

        var errors = InputErrors.Merge(reading, rules.Select(ToFieldError));
        if (errors.Count > 0)
        {
            return Outcome.Invalid<MetricChart>(errors);
        }

        var metric = new Metric(request.Id!, request.Title!.Trim(), request.Element!, MetricRules.ParseDirection(request.Direction)!.Value,
            request.Target, request.Unit?.Trim() ?? "");
        await store.SaveMetricAsync(metric, ct);
        return Outcome.Done((await ChartsAsync(ct)).First(m => m.Metric.Id == metric.Id));
    }

    /// <summary>Imports monthly values (columns metric, period, value); a month already held is replaced. The value is how many were imported.</summary>
    public async Task<Outcome<int>> ImportAsync(string csv, CancellationToken ct = default)
    {
        var known = (await store.MetricsAsync(ct)).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var (values, errors) = MetricValuesCsv.Read(csv, known);
        return errors.Count > 0
            ? Outcome.Invalid<int>(errors.Select(ToFieldError))
            : Outcome.Done(await store.ImportValuesAsync(values, ct));
    }

    /// <summary>
    /// Marks the first month of a new process in a metric's chart, with the reason (or gives a new reason for a month
    /// already marked): the chart's mean and limits, its signals and its assurance are calculated again from there.
    /// </summary>
    public async Task<Outcome<MetricChart>> MarkChangeAsync(string metricId, ChangePointRequest request, CancellationToken ct = default)
    {
        if ((await ChartsAsync(ct)).FirstOrDefault(m => m.Metric.Id == metricId) is not { } metric)
        {
            return Outcome.NotFound<MetricChart>($"No metric has the id '{metricId}'.");
        }

        var errors = MetricRules.ValidateChangePoint(request.Period, request.Reason, metric.Values);
        if (errors.Count > 0)
        {
            return Outcome.Invalid<MetricChart>(errors.Select(ToFieldError));
        }

        await store.SaveChangePointAsync(new ChangePoint(metricId, request.Period!.Trim(), request.Reason!.Trim()), ct);
        return Outcome.Done((await ChartsAsync(ct)).First(m => m.Metric.Id == metricId));
    }

    /// <summary>Removes a change point: the chart is calculated again without it.</summary>
    public async Task<Outcome<MetricChart>> RemoveChangeAsync(string metricId, string period, CancellationToken ct = default)
    {
        if (!await store.RemoveChangePointAsync(metricId, period, ct))
        {
            return Outcome.NotFound<MetricChart>($"The metric '{metricId}' has no change point at '{period}'.");
        }

        return Outcome.Done((await ChartsAsync(ct)).First(m => m.Metric.Id == metricId));
    }

    internal static InputError ToFieldError(DiagnosticError error) => new(error.Field, error.Message, error.Row);
}
