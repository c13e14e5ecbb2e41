using CultureDiagnostics.Api.Components.Forms;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Framework;
using Microsoft.AspNetCore.Mvc;
using static CultureDiagnostics.Api.Components.PageResults;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>
/// The synthesis page and its two forms (a conclusion for one cell, a judgement of one element), through the same
/// use cases as the JSON API. A form that is not saved shows the page again with the problems, linked to the field.
/// </summary>
public static class SynthesisPages
{
    private const string Matrix = "matrix";

    public static IEndpointRouteBuilder MapSynthesisPages(this IEndpointRouteBuilder routes)
    {
        var group = routes.Pages("/workspace/synthesis", Policies.ChangeTeam);
        group.MapGet("/", (string? campaign, SynthesisService synthesis, ResultsPublisher publisher, InterventionCatalogue interventions, CancellationToken ct) =>
            ShowAsync(campaign, FormErrors.None, new Dictionary<string, string>(), synthesis, publisher, interventions, ct));
        group.MapPost("/cells", SaveConclusionAsync);
        group.MapPost("/elements", SaveJudgementAsync);
        return routes;
    }

    /// <summary>The synthesis with the survey evidence of the chosen closed campaign (the latest when none, or an unknown one, is chosen).</summary>
    private static async Task<RazorComponentResult<SynthesisPage>> ShowAsync(
        string? campaign, FormErrors errors, IReadOnlyDictionary<string, string> entered,
        SynthesisService synthesis, ResultsPublisher publisher, InterventionCatalogue interventions, CancellationToken ct)
    {
        var closed = await publisher.PublishedCampaignsAsync(ct);
        var chosen = campaign is null ? (closed.Count > 0 ? closed[0] : null) : closed.FirstOrDefault(c => c.Id == campaign);
        var view = await synthesis.BuildAsync(chosen, ct);
        return Page<SynthesisPage>(
            new { View = view, Closed = closed, Interventions = interventions, Errors = errors, Entered = entered },
            errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> SaveConclusionAsync(
        [FromForm] string? element, [FromForm] string? source, [FromForm] string? conclusion, string? campaign,
        SynthesisService synthesis, ResultsPublisher publisher, InterventionCatalogue interventions, CancellationToken ct)
    {
        var problems = await synthesis.SaveConclusionAsync(element, source, conclusion ?? "", ct);
        if (problems.Count == 0)
        {
            return Back(campaign, element!);
        }

        var field = SynthesisElement.ConclusionId(element ?? "", source ?? "");
        var errors = new FormErrors();
        foreach (var problem in problems)
        {
            if (problem.Field == "conclusion")
            {
                errors.Add(field, problem.Message);
            }
            else if (!errors.Has(Matrix))
            {
                errors.Add(Matrix, "The form did not say which element and source of evidence the conclusion is for. Write it in a cell of the synthesis below.");
            }
        }

        return await ShowAsync(campaign, errors, new Dictionary<string, string> { [field] = conclusion ?? "" }, synthesis, publisher, interventions, ct);
    }

    private static async Task<IResult> SaveJudgementAsync(
        [FromForm] string? element, [FromForm] string? judgement, string? campaign,
        SynthesisService synthesis, ResultsPublisher publisher, InterventionCatalogue interventions, CancellationToken ct)
    {
        var chosen = string.IsNullOrEmpty(judgement) ? null : judgement;
        var problems = await synthesis.SaveJudgementAsync(element, chosen, ct);
        if (problems.Count == 0)
        {
            return Back(campaign, element!);
        }

        var errors = new FormErrors();
        if (problems.Any(p => p.Field == "element"))
        {
            errors.Add(Matrix, "The form did not say which cultural element the judgement is for. Choose it under the element below.");
        }
        else
        {
            var title = CulturalFramework.FindElement(element!)!.Title;
            errors.Add(SynthesisElement.JudgementIdOf(element!),
                $"Choose a judgement of {title} from the list: {string.Join(", ", Judgements.All.Select(Judgements.Title))}, or follow the evidence.");
        }

        return await ShowAsync(campaign, errors, new Dictionary<string, string>(), synthesis, publisher, interventions, ct);
    }

    /// <summary>After saving: the synthesis again, at the element just changed.</summary>
    private static RedirectHttpResult Back(string? campaign, string element) =>
        TypedResults.Redirect($"/workspace/synthesis{(campaign is null ? "" : "?campaign=" + Uri.EscapeDataString(campaign))}#element-{element}");
}
