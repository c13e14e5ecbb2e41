using System.Globalization;
using CultureDiagnostics.Api.Charts;
using CultureDiagnostics.Api.Components.Forms;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Mvc;
using static CultureDiagnostics.Api.Components.PageResults;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>The define-a-metric form as posted, as typed.</summary>
/// <summary>A change point as the page's form posts it.</summary>
public sealed record ChangePointForm([FromForm] string? Period, [FromForm] string? Reason);

public sealed record MetricForm(
    [FromForm] string? Id,
    [FromForm] string? Title,
    [FromForm] string? Element,
    [FromForm] string? Direction,
    [FromForm] string? Target,
    [FromForm] string? Unit);

/// <summary>
/// The culture and outcomes dashboard: metrics by element, as SPC charts; define a metric; import monthly
/// values. Both forms go through <see cref="MetricsService"/>, as POST /api/metrics and /api/metrics/import do.
/// </summary>
public static class MetricsPages
{
    private const string TargetProblem = "The target must be a number (use a point for decimals).";

    private static readonly FormField[] Fields =
    [
        new("id", "id"),
        new("title", "title"),
        new("element", "element", "Choose the cultural element the metric speaks to."),
        new("direction", "direction", "Choose whether the metric is better when it decreases, increases or neither."),
        new("target", "target", TargetProblem),
        new("unit", "unit"),
    ];

    public static IEndpointRouteBuilder MapMetricsPages(this IEndpointRouteBuilder routes)
    {
        var group = routes.Pages("/workspace/metrics", Policies.ChangeTeam).RequireAntiforgeryToken();
        group.MapGet("/", async (MetricsService metrics, SvgCharts charts, string? imported, CancellationToken ct) =>
            await ShowAsync(metrics, charts, UploadedCsv.ImportedCount(imported), null, FormErrors.None, null, ct));
        group.MapPost("/", DefineAsync);
        group.MapPost("/import", ImportAsync).AcceptsCsvUpload(MetricsService.MaxCsvBytes);
        group.MapPost("/{id}/change-points", MarkChangeAsync);
        group.MapPost("/{id}/change-points/{period}/remove", async (string id, string period, MetricsService metrics, SvgCharts charts, CancellationToken ct) =>
            (await metrics.RemoveChangeAsync(id, period, ct)).Status == OutcomeStatus.Done
                ? TypedResults.Redirect($"/workspace/metrics#metric-{id}")
                : await ShowAsync(metrics, charts, null, null, new FormErrors().Add("define", $"There is no change point at {period} in that metric any more."), null, ct));
        return routes;
    }

    /// <summary>Marks a change point from a metric's form; with problems, the page again with them beside that metric's fields.</summary>
    private static async Task<IResult> MarkChangeAsync(string id, [AsParameters] ChangePointForm form, MetricsService metrics, SvgCharts charts, CancellationToken ct)
    {
        var outcome = await metrics.MarkChangeAsync(id, new ChangePointRequest(form.Period, form.Reason), ct);
        if (outcome.Status == OutcomeStatus.Done)
        {
            return TypedResults.Redirect($"/workspace/metrics#metric-{id}");
        }

        var all = await metrics.ChartsAsync(ct);
        var index = all.ToList().FindIndex(m => m.Metric.Id == id);
        var prefix = $"change-{index.ToString(CultureInfo.InvariantCulture)}";
        var errors = outcome.Status == OutcomeStatus.NotFound
            ? new FormErrors().Add("define", outcome.Detail ?? "No such metric.")
            : outcome.Errors.ToFormErrors([new("period", prefix + "-period"), new("reason", prefix + "-reason")]);
        return await ShowAsync(metrics, charts, null, null, errors, null, ct, id, form);
    }

    private static async Task<IResult> ShowAsync(
        MetricsService metrics, SvgCharts charts, int? imported, MetricForm? entered, FormErrors errors, string? pasted, CancellationToken ct,
        string? changeFor = null, ChangePointForm? enteredChange = null)
    {
        var all = await metrics.ChartsAsync(ct);
        var drawn = new List<MarkupString>(all.Count);
        for (var i = 0; i < all.Count; i++)
        {
            drawn.Add(all[i].Values.Count == 0 ? default : await charts.SpcAsync(all[i], "spc-" + i.ToString(CultureInfo.InvariantCulture), ct: ct));
        }

        return Page<MetricsPage>(new { Metrics = all, Charts = drawn, Imported = imported, Entered = entered, Errors = errors, Pasted = pasted, ChangeFor = changeFor, EnteredChange = enteredChange },
            errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> DefineAsync([AsParameters] MetricForm form, MetricsService metrics, SvgCharts charts, CancellationToken ct)
    {
        var reading = new List<InputError>();
        double? target = null;
        if (!string.IsNullOrWhiteSpace(form.Target))
        {
            if (double.TryParse(form.Target.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                target = value;
            }
            else
            {
                reading.Add(new InputError("target", TargetProblem));
            }
        }

        var request = new MetricRequest(form.Id?.Trim(), form.Title?.Trim(), form.Element, form.Direction, target, form.Unit?.Trim());
        var outcome = await metrics.SaveAsync(request, reading, ct);
        return outcome.Status == OutcomeStatus.Done
            ? TypedResults.Redirect("/workspace/metrics")
            : await ShowAsync(metrics, charts, null, form, outcome.Errors.ToFormErrors(Fields), null, ct);
    }

    private static async Task<IResult> ImportAsync(IFormFile? file, [FromForm] string? csv, MetricsService metrics, SvgCharts charts, CancellationToken ct)
    {
        var (text, field, problem) = await UploadedCsv.ReadAsync(file, csv, MetricsService.MaxCsvBytes, ct);
        if (problem is not null)
        {
            return await ShowAsync(metrics, charts, null, null, new FormErrors().Add(field, problem), csv, ct);
        }

        var outcome = await metrics.ImportAsync(text!, ct);
        return outcome.Status == OutcomeStatus.Done
            ? TypedResults.Redirect($"/workspace/metrics?imported={outcome.Value.ToString(CultureInfo.InvariantCulture)}")
            : await ShowAsync(metrics, charts, null, null, outcome.Errors.ToFormErrors([], file: field), csv, ct);
    }
}
