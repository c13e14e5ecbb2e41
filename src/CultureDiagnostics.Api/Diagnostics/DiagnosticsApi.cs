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

public sealed record MetricResponse(
    string Id, string Title, string Element, string Direction, double? Target, string Unit,
    string? LastPointVariation, string Variation, string? Assurance, string AssuranceText, IReadOnlyList<MetricPointResponse> Points);

public sealed record FindingResponse(string Id, string Source, string Element, string Kind, string Evidence, DateOnly Date);

public sealed record ConclusionRequest(string? Element, string? Source, string? Conclusion);

public sealed record JudgementRequest(string? Element, string? Judgement);

public sealed record EvidenceResponse(string Source, string Signal, string Text);

public sealed record SynthesisCellResponse(string Source, IReadOnlyList<EvidenceResponse> Evidence, string? Conclusion);

public sealed record InterventionResponse(string Id, string Name, string Description);

public sealed record SynthesisElementResponse(
    string Element, string Title, string? Suggested, string? Chosen, string? Judgement,
    IReadOnlyList<SynthesisCellResponse> Cells, IReadOnlyList<InterventionResponse> Interventions);

public sealed record SynthesisResponse(string? CampaignId, IReadOnlyList<SynthesisElementResponse> Elements);

public sealed record ImportedResponse(int Imported);

/// <summary>JSON endpoints for the other diagnostics and the synthesis. Bad input: problem details naming the field, nothing stored.</summary>
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
        metrics.MapPost("/import", ImportAsync).RequireAuthorization(Policies.ChangeTeam).Accepts<string>("text/csv").Produces<ImportedResponse>(StatusCodes.Status201Created).ProducesValidationProblem();

        var findings = routes.MapGroup("/api/findings").WithTags("Findings").RequireAuthorization(Policies.ChangeTeam);
        findings.MapGet("/", async (FindingsService service, CancellationToken ct) => TypedResults.Ok((await service.AllAsync(ct)).Select(ToResponse).ToList()));
        findings.MapPost("/", AddFindingAsync).Accepts<FindingRequest>("application/json").Produces<FindingResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        findings.MapDelete("/{id}", async Task<Results<NoContent, ProblemHttpResult>> (string id, FindingsService service, CancellationToken ct) =>
            await service.DeleteAsync(id, ct) ? TypedResults.NoContent()
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"No finding has the id '{id}'."));

        var synthesis = routes.MapGroup("/api/synthesis").WithTags("Synthesis");
        synthesis.MapGet("/", GetSynthesisAsync).RequireAuthorization(Policies.Reader);
        synthesis.MapPut("/cells", SaveConclusionAsync).RequireAuthorization(Policies.ChangeTeam).Accepts<ConclusionRequest>("application/json").Produces(StatusCodes.Status204NoContent).ProducesValidationProblem();
        synthesis.MapPut("/elements", SaveJudgementAsync).RequireAuthorization(Policies.ChangeTeam).Accepts<JudgementRequest>("application/json").Produces(StatusCodes.Status204NoContent).ProducesValidationProblem();

        return routes;
    }

    private static async Task<IResult> SaveMetricAsync(HttpContext context, MetricsService service, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<MetricRequest>(context.Request, MaxBodyBytes, ct);
        return problem ?? (await service.SaveAsync(request!, ct: ct)).ToResult(saved => TypedResults.Created($"/api/metrics/{saved.Metric.Id}", ToResponse(saved)));
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

    private static async Task<IResult> GetSynthesisAsync(string? campaign, SynthesisService synthesis, CampaignStore campaigns, InterventionCatalogue interventions, CancellationToken ct)
    {
        var chosen = campaign is null ? await synthesis.LatestClosedAsync(ct) : await campaigns.FindAsync(campaign, ct);
        if (campaign is not null && chosen is null)
        {
            return Problems.NotFound($"No campaign has the id '{campaign}'.");
        }

        var view = await synthesis.BuildAsync(chosen, ct);
        return TypedResults.Ok(new SynthesisResponse(view.Campaign?.Id, view.Elements.Select(e => new SynthesisElementResponse(
            e.Element.Id, e.Element.Title, e.Suggested, e.Chosen, e.Judgement,
            e.Cells.Select(c => new SynthesisCellResponse(c.Source, c.Evidence.Select(x => new EvidenceResponse(x.Source, x.Signal.ToString().ToLowerInvariant(), x.Text)).ToList(), c.Conclusion)).ToList(),
            e.Judgement is Judgements.AreaToDevelop or Judgements.Mixed
                ? interventions.ForElement(e.Element.Id).Select(i => new InterventionResponse(i.Id, i.Name, i.Description)).ToList()
                : [])).ToList()));
    }

    public static IReadOnlyList<DiagnosticError> ValidateConclusion(string? element, string? source, string? conclusion)
    {
        var errors = new List<DiagnosticError>();
        if (element is null || CulturalFramework.FindElement(element) is null)
        {
            errors.Add(new(null, "element", $"The element must be one of {string.Join(", ", CulturalFramework.Elements.Select(e => e.Id))}."));
        }

        if (source is null || CulturalFramework.FindSource(source) is null)
        {
            errors.Add(new(null, "source", $"The source must be one of {string.Join(", ", CulturalFramework.Sources.Select(s => s.Id))}."));
        }

        if (conclusion is null || conclusion.Length > FindingRules.MaxEvidenceLength)
        {
            errors.Add(new(null, "conclusion", $"The conclusion is required (empty to remove it) and must be at most {FindingRules.MaxEvidenceLength} characters."));
        }

        return errors;
    }

    public static IReadOnlyList<DiagnosticError> ValidateJudgement(string? element, string? judgement)
    {
        var errors = new List<DiagnosticError>();
        if (element is null || CulturalFramework.FindElement(element) is null)
        {
            errors.Add(new(null, "element", $"The element must be one of {string.Join(", ", CulturalFramework.Elements.Select(e => e.Id))}."));
        }

        if (judgement is not null && !Judgements.All.Contains(judgement))
        {
            errors.Add(new(null, "judgement", "The judgement must be strength, area-to-develop, mixed, or null to follow the evidence."));
        }

        return errors;
    }

    private static async Task<IResult> SaveConclusionAsync(HttpContext context, DiagnosticsStore store, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<ConclusionRequest>(context.Request, MaxBodyBytes, ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = ValidateConclusion(request!.Element, request.Source, request.Conclusion);
        if (errors.Count > 0)
        {
            return Problems.Validation(MetricsCsv.Keyed(errors));
        }

        await store.SaveConclusionAsync(request.Element!, request.Source!, request.Conclusion!, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SaveJudgementAsync(HttpContext context, DiagnosticsStore store, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<JudgementRequest>(context.Request, MaxBodyBytes, ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = ValidateJudgement(request!.Element, request.Judgement);
        if (errors.Count > 0)
        {
            return Problems.Validation(MetricsCsv.Keyed(errors));
        }

        await store.SaveJudgementAsync(request.Element!, request.Judgement, ct);
        return TypedResults.NoContent();
    }

    public static MetricResponse ToResponse(MetricChart m) => new(
        m.Metric.Id, m.Metric.Title, m.Metric.Element, MetricRules.DirectionText(m.Metric.Direction), m.Metric.Target, m.Metric.Unit,
        m.Chart.LastPointVariation, SpcWording.Variation(m.Chart.LastPointVariation).Words, m.Chart.Assurance, SpcWording.Assurance(m.Chart.Assurance).Words,
        m.Chart.Points.Select((p, i) => new MetricPointResponse(m.Values.OrderBy(v => v.Period, StringComparer.Ordinal).ElementAt(i).Period, p.Value, p.Mean, p.Lpl, p.Upl, p.PointType)).ToList());

    private static FindingResponse ToResponse(Finding f) => new(f.Id, f.Source, f.Element, f.Kind, f.Evidence, f.FoundOn);
}
