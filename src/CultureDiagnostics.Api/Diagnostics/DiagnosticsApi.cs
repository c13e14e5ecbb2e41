using System.Text;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Api.Workspace;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Diagnostics;
using CultureDiagnostics.Data.Organisation;
using CultureDiagnostics.Data.Responses;

namespace CultureDiagnostics.Api.Diagnostics;

public sealed record MetricRequest(string? Id, string? Title, string? Element, string? Direction, double? Target, string? Unit);

public sealed record MetricPointResponse(string Period, double Value, double Mean, double? Lpl, double? Upl, string PointType);

public sealed record MetricResponse(
    string Id, string Title, string Element, string Direction, double? Target, string Unit,
    string? LastPointVariation, string Variation, string? Assurance, string AssuranceText, IReadOnlyList<MetricPointResponse> Points);

public sealed record FindingRequest(string? Source, string? Element, string? Kind, string? Evidence, DateOnly? Date);

public sealed record FindingResponse(string Id, string Source, string Element, string Kind, string Evidence, DateOnly Date);

public sealed record ImportedResponse(int Imported);

/// <summary>JSON endpoints for the other diagnostics: metrics and findings (the synthesis is in ConclusionsApi). Bad input: problem details naming the field, nothing stored.</summary>
public static class DiagnosticsApi
{
    private const int MaxBodyBytes = 16 * 1024;
    private const int MaxCsvBytes = 2 * 1024 * 1024;

    public static IEndpointRouteBuilder MapDiagnostics(this IEndpointRouteBuilder routes)
    {
        // Reading is for every signed-in role (the board's dashboard shows these); changing is for the change team.
        var metrics = routes.MapGroup("/api/metrics").WithTags("Culture and outcomes metrics");
        metrics.MapGet("/", async (SynthesisService synthesis, CancellationToken ct) => TypedResults.Ok((await synthesis.MetricChartsAsync(ct)).Select(ToResponse).ToList()))
            .RequireAuthorization(Policies.Reader);
        metrics.MapPost("/", SaveMetricAsync).RequireAuthorization(Policies.ChangeTeam).Accepts<MetricRequest>("application/json").Produces<MetricResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        metrics.MapPost("/import", ImportAsync).RequireAuthorization(Policies.ChangeTeam).Accepts<string>("text/csv").Produces<ImportedResponse>(StatusCodes.Status201Created).ProducesValidationProblem();

        var findings = routes.MapGroup("/api/findings").WithTags("Findings").RequireAuthorization(Policies.ChangeTeam);
        findings.MapGet("/", async (DiagnosticsStore store, CancellationToken ct) => TypedResults.Ok((await store.FindingsAsync(ct)).Select(ToResponse).ToList()));
        findings.MapPost("/", AddFindingAsync).Accepts<FindingRequest>("application/json").Produces<FindingResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        findings.MapDelete("/{id}", async Task<Results<NoContent, ProblemHttpResult>> (string id, DiagnosticsStore store, CancellationToken ct) =>
            await store.DeleteFindingAsync(id, ct) ? TypedResults.NoContent()
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"No finding has the id '{id}'."));

        return routes;
    }

    private static async Task<IResult> SaveMetricAsync(HttpContext context, DiagnosticsStore store, SynthesisService synthesis, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<MetricRequest>(context.Request, MaxBodyBytes, ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = MetricRules.ValidateDefinition(request!.Id, request.Title, request.Element, request.Direction, request.Unit);
        if (request.Target is { } t && !double.IsFinite(t))
        {
            errors = [.. errors, new DiagnosticError(null, "target", "The target must be a number.")];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(MetricsCsv.Keyed(errors));
        }

        var metric = new Metric(request.Id!, request.Title!.Trim(), request.Element!, MetricRules.ParseDirection(request.Direction)!.Value, request.Target, request.Unit?.Trim() ?? "");
        await store.SaveMetricAsync(metric, ct);
        var saved = (await synthesis.MetricChartsAsync(ct)).First(m => m.Metric.Id == metric.Id);
        return TypedResults.Created($"/api/metrics/{metric.Id}", ToResponse(saved));
    }

    private static async Task<IResult> ImportAsync(HttpContext context, DiagnosticsStore store, CancellationToken ct)
    {
        var (text, problem) = await JsonBody.ReadCsvTextAsync(context.Request, MaxCsvBytes, ct);
        if (problem is not null)
        {
            return problem;
        }

        var known = (await store.MetricsAsync(ct)).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var (values, errors) = MetricsCsv.Read(text!, known);
        if (errors.Count > 0)
        {
            return Problems.Validation(MetricsCsv.Keyed(errors));
        }

        return TypedResults.Created("/api/metrics", new ImportedResponse(await store.ImportValuesAsync(values, ct)));
    }

    private static async Task<IResult> AddFindingAsync(HttpContext context, DiagnosticsStore store, TimeProvider clock, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<FindingRequest>(context.Request, MaxBodyBytes, ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = FindingRules.Validate(request!.Source, request.Element, request.Kind, request.Evidence, request.Date, CampaignPages.Today(clock));
        if (errors.Count > 0)
        {
            return Problems.Validation(MetricsCsv.Keyed(errors));
        }

        var finding = await store.AddFindingAsync(request.Source!, request.Element!, request.Kind!, request.Evidence!.Trim(), request.Date!.Value, ct);
        return TypedResults.Created($"/api/findings/{finding.Id}", ToResponse(finding));
    }

    public static MetricResponse ToResponse(MetricChart m) => new(
        m.Metric.Id, m.Metric.Title, m.Metric.Element, MetricRules.DirectionText(m.Metric.Direction), m.Metric.Target, m.Metric.Unit,
        m.Chart.LastPointVariation, SpcWording.Variation(m.Chart.LastPointVariation).Words, m.Chart.Assurance, SpcWording.Assurance(m.Chart.Assurance).Words,
        m.Chart.Points.Select((p, i) => new MetricPointResponse(m.Values.OrderBy(v => v.Period, StringComparer.Ordinal).ElementAt(i).Period, p.Value, p.Mean, p.Lpl, p.Upl, p.PointType)).ToList());

    private static FindingResponse ToResponse(Finding f) => new(f.Id, f.Source, f.Element, f.Kind, f.Evidence, f.FoundOn);
}
