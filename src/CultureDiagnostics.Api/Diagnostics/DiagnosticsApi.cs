using System.Text;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Diagnostics;
using CultureDiagnostics.Data.Organisation;
using CultureDiagnostics.Data.Responses;

namespace CultureDiagnostics.Api.Diagnostics;

public sealed record MetricPointResponse(string Period, double Value, double Mean, double? Lpl, double? Upl, string PointType);

public sealed record ChangePointResponse(string Period, string Reason);

public sealed record MetricResponse(
    string Id, string Title, string Element, string Direction, double? Target, string Unit,
    string? LastPointVariation, string Variation, string? Assurance, string AssuranceText, IReadOnlyList<MetricPointResponse> Points,
    IReadOnlyList<ChangePointResponse> ChangePoints, string? SuggestedChangePoint);

public sealed record FindingResponse(string Id, string Source, string Element, string Kind, string Evidence, DateOnly Date);

public sealed record ImportedResponse(int Imported);

/// <summary>JSON endpoints for the other diagnostics: metrics and findings (the synthesis is in ConclusionsApi). Bad input: problem details naming the field, nothing stored.</summary>
public static class DiagnosticsApi
{
    private const int MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapDiagnostics(this IEndpointRouteBuilder routes)
    {
        // Reading is for every signed-in role (the board's dashboard shows these); changing is for the change team.
        var metrics = routes.MapGroup("/api/metrics").WithTags("Culture and outcomes metrics");
        metrics.MapGet("/", async (MetricsService service, CancellationToken ct) => TypedResults.Ok((await service.ChartsAsync(ct)).Select(ToResponse).ToList()))
            .RequireAuthorization(Policies.Reader);
        metrics.MapPost("/", SaveMetricAsync).RequireAuthorization(Policies.ChangeTeam).Accepts<MetricRequest>("application/json").Produces<MetricResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        metrics.MapPost("/{id}/change-points", MarkChangeAsync).RequireAuthorization(Policies.ChangeTeam)
            .WithSummary("Mark the first month of a new process in a metric's chart, with the reason: its mean and limits are calculated again from there")
            .Accepts<ChangePointRequest>("application/json").Produces<MetricResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        metrics.MapDelete("/{id}/change-points/{period}", async (string id, string period, MetricsService service, CancellationToken ct) =>
                (await service.RemoveChangeAsync(id, period, ct)).ToResult(m => TypedResults.Ok(ToResponse(m))))
            .RequireAuthorization(Policies.ChangeTeam).Produces<MetricResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        metrics.MapPost("/import", ImportAsync).RequireAuthorization(Policies.ChangeTeam).Accepts<string>("text/csv").Produces<ImportedResponse>(StatusCodes.Status201Created).ProducesValidationProblem();

        var findings = routes.MapGroup("/api/findings").WithTags("Findings").RequireAuthorization(Policies.ChangeTeam);
        findings.MapGet("/", async (FindingsService service, CancellationToken ct) => TypedResults.Ok((await service.AllAsync(ct)).Select(ToResponse).ToList()));
        findings.MapPost("/", AddFindingAsync).Accepts<FindingRequest>("application/json").Produces<FindingResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        findings.MapGet("/{id}", async Task<Results<Ok<FindingResponse>, ProblemHttpResult>> (string id, FindingsService service, CancellationToken ct) =>
            await service.FindAsync(id, ct) is { } finding ? TypedResults.Ok(ToResponse(finding))
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"No finding has the id '{id}'."));
        findings.MapPut("/{id}", UpdateFindingAsync).Accepts<FindingRequest>("application/json").Produces<FindingResponse>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        findings.MapDelete("/{id}", async Task<Results<NoContent, ProblemHttpResult>> (string id, FindingsService service, CancellationToken ct) =>
            await service.DeleteAsync(id, ct) ? TypedResults.NoContent()
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"No finding has the id '{id}'."));

        return routes;
    }

    private static async Task<IResult> SaveMetricAsync(HttpContext context, MetricsService service, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<MetricRequest>(context.Request, MaxBodyBytes, ct);
        return problem ?? (await service.SaveAsync(request!, ct: ct)).ToResult(saved => TypedResults.Created($"/api/metrics/{saved.Metric.Id}", ToResponse(saved)));
    }

    private static async Task<IResult> MarkChangeAsync(string id, HttpContext context, MetricsService service, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<ChangePointRequest>(context.Request, MaxBodyBytes, ct);
        return problem ?? (await service.MarkChangeAsync(id, request!, ct)).ToResult(m => TypedResults.Ok(ToResponse(m)));
    }

    private static async Task<IResult> ImportAsync(HttpContext context, MetricsService service, CancellationToken ct)
    {
        var (text, problem) = await JsonBody.ReadCsvTextAsync(context.Request, MetricsService.MaxCsvBytes, ct);
        return problem ?? (await service.ImportAsync(text!, ct)).ToResult(imported => TypedResults.Created("/api/metrics", new ImportedResponse(imported)));
    }

    private static async Task<IResult> AddFindingAsync(HttpContext context, FindingsService service, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<FindingRequest>(context.Request, MaxBodyBytes, ct);
        return problem ?? (await service.AddAsync(request!, ct: ct)).ToResult(finding => TypedResults.Created($"/api/findings/{finding.Id}", ToResponse(finding)));
    }

    private static async Task<IResult> UpdateFindingAsync(string id, HttpContext context, FindingsService service, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<FindingRequest>(context.Request, MaxBodyBytes, ct);
        return problem ?? (await service.UpdateAsync(id, request!, ct: ct)).ToResult(finding => TypedResults.Ok(ToResponse(finding)));
    }

    public static MetricResponse ToResponse(MetricChart m) => new(
        m.Metric.Id, m.Metric.Title, m.Metric.Element, MetricRules.DirectionText(m.Metric.Direction), m.Metric.Target, m.Metric.Unit,
        m.Chart.LastPointVariation, SpcWording.Variation(m.Chart.LastPointVariation).Words, m.Chart.Assurance, SpcWording.Assurance(m.Chart.Assurance).Words,
        m.Chart.Points.Select((p, i) => new MetricPointResponse(m.Values.OrderBy(v => v.Period, StringComparer.Ordinal).ElementAt(i).Period, p.Value, p.Mean, p.Lpl, p.Upl, p.PointType)).ToList(),
        m.ChangePoints.Select(c => new ChangePointResponse(c.Period, c.Reason)).ToList(), m.SuggestedChangePoint);

    private static FindingResponse ToResponse(Finding f) => new(f.Id, f.Source, f.Element, f.Kind, f.Evidence, f.FoundOn);
}
