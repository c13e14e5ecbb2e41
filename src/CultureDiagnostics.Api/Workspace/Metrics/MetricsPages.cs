using System.Text;
using CultureDiagnostics.Api.Charts;
using CultureDiagnostics.Api.Diagnostics;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Data.Diagnostics;
using static CultureDiagnostics.Api.Workspace.Html;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>The culture and outcomes dashboard: metrics by element, as SPC charts; define a metric; import monthly values.</summary>
public static class MetricsPages
{
    private const int MaxCsvBytes = 2 * 1024 * 1024;

    public static IEndpointRouteBuilder MapMetricsPages(this IEndpointRouteBuilder routes)
    {
        var group = routes.Pages("/workspace/metrics", Policies.ChangeTeam);
        group.MapGet("/", async (HttpContext context, SynthesisService synthesis, string? imported, CancellationToken ct) =>
            await ShowAsync(context, synthesis, imported is null ? null : $"Imported {imported} values.", null, null, ct));
        group.MapPost("/", DefineAsync);
        group.MapPost("/import", ImportAsync).WithFormOptions(multipartBodyLengthLimit: MaxCsvBytes);
        return routes;
    }

    private static async Task<ContentHttpResult> ShowAsync(HttpContext context, SynthesisService synthesis, string? notice, IReadOnlyDictionary<string, string[]>? errors, IFormCollection? entered, CancellationToken ct)
    {
        var metrics = await synthesis.MetricChartsAsync(ct);
        string V(string name) => entered?[name].ToString() ?? "";
        var charts = string.Concat(metrics.Select((m, i) => $"""
            <section aria-labelledby="metric-{I(i)}">
            <h3 id="metric-{I(i)}">{E(m.Metric.Title)}</h3>
            <p class="muted">{E(CulturalFramework.FindElement(m.Metric.Element)?.Title)}; better when it {(m.Metric.Direction == Core.Spc.ImprovementDirection.Neutral ? "is neither higher nor lower" : MetricRules.DirectionText(m.Metric.Direction) + "s")}{(m.Metric.Target is { } t ? $"; target {F(t, "0.##")}{E(m.Metric.Unit)}" : "")}.</p>
            {(m.Values.Count == 0 ? "<p>No values yet: import them below.</p>" : $"{SpcIcons.Variation(m.Chart.LastPointVariation)} {SpcIcons.Assurance(m.Chart.Assurance)}<figure class=\"chart\">{SvgCharts.Spc(m, $"spc-{I(i)}")}<figcaption>{E(m.Values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))} months. Squares mark special cause improvement, triangles special cause concern; the dashed lines are the process limits.</figcaption></figure>")}
            </section>
            """));
        var body = $"""
            <h1>Culture and outcomes metrics</h1>
            {Notice(notice)}
            {Errors(errors)}
            <p>Monthly measures such as sickness absence, turnover, vacancy rate, staff engagement, the Friends and Family Test and incidents, each tied to a cultural element,
            shown as statistical process control (XmR) charts with NHS England's Making Data Count rules rather than red, amber and green.</p>
            {(metrics.Count == 0 ? "<p>No metrics yet: define one below.</p>" : charts)}
            <h2 id="define">Define a metric</h2>
            {Form(context, "/workspace/metrics", $"""
                <label for="id">Id</label><span class="hint" id="id-hint">As it appears in the import file, e.g. sickness-absence.</span>
                <input type="text" id="id" name="id" required aria-describedby="id-hint" value="{E(V("id"))}">
                <label for="title">Title</label><input type="text" id="title" name="title" required value="{E(V("title"))}">
                <label for="element">Cultural element</label>{Select("element", "element", CulturalFramework.Elements.Select(e => (e.Id, e.Title)), V("element"))}
                <label for="direction">Better when it</label>{Select("direction", "direction", [("decrease", "decreases"), ("increase", "increases"), ("neutral", "neither (neutral)")], V("direction"))}
                <label for="target">Target (optional)</label><input type="text" id="target" name="target" inputmode="decimal" value="{E(V("target"))}">
                <label for="unit">Unit (optional)</label><input type="text" id="unit" name="unit" value="{E(V("unit"))}">
                <div><button type="submit">Save metric</button></div>
                """)}
            <h2 id="import">Import monthly values</h2>
            <p>A CSV file with the columns <code>metric,period,value</code>, one row per metric and month (period as yyyy-MM, e.g. 2026-03). A month already held is replaced.
            Every bad row is listed, and nothing is imported until all rows are right.</p>
            {Form(context, "/workspace/metrics/import", """
                <label for="file">CSV file</label><input type="file" id="file" name="file" accept=".csv,text/csv">
                <label for="csv">Or paste the rows</label><textarea id="csv" name="csv" rows="6"></textarea>
                <div><button type="submit">Import values</button></div>
                """, multipart: true)}
            """;
        return Layout.Result(context, "Metrics", body, errors is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> DefineAsync(HttpContext context, IFormCollection form, DiagnosticsStore store, SynthesisService synthesis, CancellationToken ct)
    {
        string V(string name) => form[name].ToString().Trim();
        var errors = MetricRules.ValidateDefinition(V("id"), V("title"), V("element"), V("direction"), V("unit")).ToList();
        double? target = null;
        if (V("target").Length > 0)
        {
            if (double.TryParse(V("target"), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var t) && double.IsFinite(t))
            {
                target = t;
            }
            else
            {
                errors.Add(new DiagnosticError(null, "target", "The target must be a number (use a point for decimals)."));
            }
        }

        if (errors.Count > 0)
        {
            return await ShowAsync(context, synthesis, null, MetricsCsv.Keyed(errors), form, ct);
        }

        await store.SaveMetricAsync(new Metric(V("id"), V("title"), V("element"), MetricRules.ParseDirection(V("direction"))!.Value, target, V("unit")), ct);
        return TypedResults.Redirect("/workspace/metrics");
    }

    private static async Task<IResult> ImportAsync(HttpContext context, IFormCollection form, DiagnosticsStore store, SynthesisService synthesis, CancellationToken ct)
    {
        string text;
        if (form.Files.GetFile("file") is { Length: > 0 } file)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.ToArray());
            }
            catch (DecoderFallbackException)
            {
                return await ShowAsync(context, synthesis, null, new Dictionary<string, string[]> { ["file"] = ["The file is not UTF-8 text. Save it as 'CSV UTF-8'."] }, null, ct);
            }
        }
        else
        {
            text = form["csv"].ToString();
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return await ShowAsync(context, synthesis, null, new Dictionary<string, string[]> { ["file"] = ["Choose a CSV file or paste its rows."] }, null, ct);
        }

        var (values, errors) = MetricsCsv.Read(text, (await store.MetricsAsync(ct)).Select(m => m.Id).ToHashSet(StringComparer.Ordinal));
        if (errors.Count > 0)
        {
            return await ShowAsync(context, synthesis, null, MetricsCsv.Keyed(errors), null, ct);
        }

        return TypedResults.Redirect($"/workspace/metrics?imported={await store.ImportValuesAsync(values, ct)}");
    }
}
