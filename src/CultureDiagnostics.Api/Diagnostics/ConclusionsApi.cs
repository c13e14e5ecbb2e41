using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Api.Results;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Framework;

namespace CultureDiagnostics.Api.Diagnostics;

public sealed record ConclusionRequest(string? Element, string? Source, string? Conclusion);

public sealed record JudgementRequest(string? Element, string? Judgement);

public sealed record EvidenceResponse(string Source, string Signal, string Text);

public sealed record SynthesisCellResponse(string Source, IReadOnlyList<EvidenceResponse> Evidence, string? Conclusion);

public sealed record InterventionResponse(string Id, string Name, string Description);

public sealed record SynthesisElementResponse(
    string Element, string Title, string? Suggested, string? Chosen, string? Judgement,
    IReadOnlyList<SynthesisCellResponse> Cells, IReadOnlyList<InterventionResponse> Interventions);

public sealed record SynthesisResponse(string? CampaignId, IReadOnlyList<SynthesisElementResponse> Elements);

/// <summary>
/// The synthesis as JSON, and the change team's conclusions and judgements, through the same use cases as the
/// synthesis page (<see cref="SynthesisService"/>). Bad input: problem details naming the field, nothing stored.
/// </summary>
public static class ConclusionsApi
{
    private const int MaxBodyBytes = 16 * 1024;

    public static RouteGroupBuilder MapConclusions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/synthesis").WithTags("Synthesis");
        group.MapGet("/", GetAsync).RequireAuthorization(Policies.Reader);
        group.MapPut("/cells", SaveConclusionAsync).RequireAuthorization(Policies.ChangeTeam)
            .Accepts<ConclusionRequest>("application/json").Produces(StatusCodes.Status204NoContent).ProducesValidationProblem();
        group.MapPut("/elements", SaveJudgementAsync).RequireAuthorization(Policies.ChangeTeam)
            .Accepts<JudgementRequest>("application/json").Produces(StatusCodes.Status204NoContent).ProducesValidationProblem();
        return group;
    }

    /// <summary>The synthesis with the survey evidence of a closed campaign (the board's current diagnostic when none is named).</summary>
    private static async Task<Results<Ok<SynthesisResponse>, ProblemHttpResult>> GetAsync(
        string? campaign, SynthesisService synthesis, InterventionCatalogue interventions, CancellationToken ct)
    {
        var built = await synthesis.ForCampaignAsync(campaign, ct);
        if (built.Refusal is { } refusal)
        {
            return PublishedHttp.Problem(refusal);
        }

        var view = built.Value!;
        return TypedResults.Ok(new SynthesisResponse(view.Campaign?.Id, view.Elements.Select(e => new SynthesisElementResponse(
            e.Element.Id, e.Element.Title, e.Suggested, e.Chosen, e.Judgement,
            e.Cells.Select(c => new SynthesisCellResponse(c.Source, c.Evidence.Select(x => new EvidenceResponse(x.Source, x.Signal.ToString().ToLowerInvariant(), x.Text)).ToList(), c.Conclusion)).ToList(),
            e.Judgement is Judgements.AreaToDevelop or Judgements.Mixed
                ? interventions.ForElement(e.Element.Id).Select(i => new InterventionResponse(i.Id, i.Name, i.Description)).ToList()
                : [])).ToList()));
    }

    private static async Task<IResult> SaveConclusionAsync(HttpContext context, SynthesisService synthesis, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<ConclusionRequest>(context.Request, MaxBodyBytes, ct);
        return problem ?? Saved(await synthesis.SaveConclusionAsync(request!.Element, request.Source, request.Conclusion, ct));
    }

    private static async Task<IResult> SaveJudgementAsync(HttpContext context, SynthesisService synthesis, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<JudgementRequest>(context.Request, MaxBodyBytes, ct);
        return problem ?? Saved(await synthesis.SaveJudgementAsync(request!.Element, request.Judgement, ct));
    }

    private static IResult Saved(IReadOnlyList<DiagnosticError> errors) => errors.Count == 0
        ? TypedResults.NoContent()
        : Problems.Validation(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
}
