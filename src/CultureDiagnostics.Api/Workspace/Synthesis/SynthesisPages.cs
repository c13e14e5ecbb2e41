using CultureDiagnostics.Api.Diagnostics;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Diagnostics;
using static CultureDiagnostics.Api.Workspace.Html;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>The synthesis: elements × diagnostic sources, the evidence in each cell, the change team's conclusions and judgements.</summary>
public static class SynthesisPages
{
    public static IEndpointRouteBuilder MapSynthesisPages(this IEndpointRouteBuilder routes)
    {
        var group = routes.Pages("/workspace/synthesis", Policies.ChangeTeam);
        group.MapGet("/", ShowAsync);
        group.MapPost("/cells", SaveConclusionAsync);
        group.MapPost("/elements", SaveJudgementAsync);
        return routes;
    }

    private static async Task<IResult> ShowAsync(
        HttpContext context, string? campaign, SynthesisService synthesis, CampaignStore campaigns, InterventionCatalogue interventions, TimeProvider clock, CancellationToken ct)
    {
        var today = CampaignPages.Today(clock);
        var closed = (await campaigns.AllAsync(ct)).Where(c => CampaignRules.AcceptanceOn(c, today) == Acceptance.Closed).ToList();
        var chosen = campaign is null ? await synthesis.LatestClosedAsync(ct) : closed.FirstOrDefault(c => c.Id == campaign);
        var view = await synthesis.BuildAsync(chosen, ct);
        var query = chosen is null ? "" : $"?campaign={chosen.Id}";
        var sources = CulturalFramework.Sources;
        var matrix = string.Concat(view.Elements.Select(e =>
            $"<tr><th scope=\"row\"><a href=\"#element-{e.Element.Id}\">{E(e.Element.Title)}</a></th>"
            + string.Concat(e.Cells.Select(c => $"<td>{Summary(c)}</td>"))
            + $"<td>{JudgementBadge(e.Judgement)}</td></tr>"));
        var sections = string.Concat(view.Elements.Select(e => Section(context, e, interventions, query)));
        var picker = closed.Count == 0 ? "<p>No closed survey campaign yet: the survey columns stay empty until one closes.</p>" : $"""
            <form method="get" action="/workspace/synthesis" class="actions">
            <label for="campaign">Survey evidence from</label>
            {Select("campaign", "campaign", closed.Select(c => (c.Id, c.Title)), chosen?.Id)}
            <button type="submit" class="secondary">Show</button>
            </form>
            """;
        var body = $"""
            <h1>Synthesis</h1>
            <p>Each cultural element seen through each source of evidence. The suggestion comes from the evidence
            (+ points to a strength, − to an area to develop, ○ is neither); your judgement overrides it.</p>
            {picker}
            <div class="table-wrap"><table class="synthesis-matrix"><caption>Elements × diagnostic sources: how much evidence points each way</caption>
            <thead><tr><th scope="col">Element</th>{string.Concat(sources.Select(s => $"<th scope=\"col\">{E(s.Title)}</th>"))}<th scope="col">Judgement</th></tr></thead>
            <tbody>{matrix}</tbody></table></div>
            {sections}
            """;
        return Layout.Result(context, "Synthesis", body);
    }

    private static string Summary(SynthesisCell cell)
    {
        if (cell.Evidence.Count == 0 && cell.Conclusion is null)
        {
            return "<span class=\"muted\">no evidence</span>";
        }

        var positive = cell.Evidence.Count(x => x.Signal == Signal.Positive);
        var negative = cell.Evidence.Count(x => x.Signal == Signal.Negative);
        var neutral = cell.Evidence.Count(x => x.Signal == Signal.Neutral);
        var parts = new List<string>();
        if (positive > 0)
        {
            parts.Add($"{I(positive)} +");
        }

        if (negative > 0)
        {
            parts.Add($"{I(negative)} −");
        }

        if (neutral > 0)
        {
            parts.Add($"{I(neutral)} ○");
        }

        return string.Join(", ", parts) + (cell.Conclusion is null ? "" : " <span class=\"muted\">(concluded)</span>");
    }

    public static string JudgementBadge(string? judgement) =>
        $"<span class=\"judgement judgement-{judgement ?? "none"}\">{E(Judgements.Title(judgement))}</span>";

    private static string Section(HttpContext context, ElementSynthesis e, InterventionCatalogue interventions, string query)
    {
        var cells = string.Concat(e.Cells.Select(c =>
        {
            var source = CulturalFramework.FindSource(c.Source)!;
            var fieldId = $"c-{e.Element.Id}-{c.Source}";
            return $"""
                <tr><th scope="row">{E(source.Title)}</th>
                <td>{(c.Evidence.Count == 0 ? "<span class=\"muted\">No evidence recorded.</span>" : "<ul class=\"evidence\">" + string.Concat(c.Evidence.Select(x => $"<li class=\"signal-{x.Signal.ToString().ToLowerInvariant()}\"><span class=\"visually-hidden\">{x.Signal}: </span>{E(x.Text)}</li>")) + "</ul>")}</td>
                <td>{Form(context, "/workspace/synthesis/cells" + query, $"""
                    <input type="hidden" name="element" value="{e.Element.Id}"><input type="hidden" name="source" value="{c.Source}">
                    <label for="{fieldId}" class="visually-hidden">Conclusion for {E(e.Element.Title)} from {E(source.Title)}</label>
                    <textarea id="{fieldId}" name="conclusion" rows="2">{E(c.Conclusion)}</textarea>
                    <button type="submit" class="secondary">Save<span class="visually-hidden"> conclusion for {E(e.Element.Title)} from {E(source.Title)}</span></button>
                    """, "cell-form")}</td></tr>
                """;
        }));
        var judgementId = $"j-{e.Element.Id}";
        var options = new List<(string, string)> { ("", $"Follow the evidence ({Judgements.Title(e.Suggested)})") };
        options.AddRange(Judgements.All.Select(j => (j, Judgements.Title(j))));
        var list = e.Judgement is Judgements.AreaToDevelop or Judgements.Mixed
            ? "<h4>Phase 2 interventions for this element</h4><ul>" + string.Concat(interventions.ForElement(e.Element.Id).Select(i => $"<li><strong>{E(i.Name)}</strong>: {E(i.Description)}</li>")) + "</ul>"
            : "";
        return $"""
            <section aria-labelledby="element-{e.Element.Id}" class="synthesis">
            <h2 id="element-{e.Element.Id}">{E(e.Element.Title)}: {JudgementBadge(e.Judgement)}</h2>
            <p>Suggested from the evidence: {E(Judgements.Title(e.Suggested))}.{(e.Chosen is null ? "" : $" The change team judged it: {E(Judgements.Title(e.Chosen))}.")}</p>
            {Form(context, "/workspace/synthesis/elements" + query, $"""
                <input type="hidden" name="element" value="{e.Element.Id}">
                <label for="{judgementId}">Your judgement of {E(e.Element.Title)}</label>
                {Select("judgement", judgementId, options, e.Chosen ?? "", required: false)}
                <button type="submit" class="secondary">Save judgement<span class="visually-hidden"> of {E(e.Element.Title)}</span></button>
                """)}
            <div class="table-wrap"><table><caption>{E(e.Element.Title)}: evidence and conclusion by source</caption>
            <thead><tr><th scope="col">Source</th><th scope="col">Evidence</th><th scope="col">Change team's conclusion</th></tr></thead>
            <tbody>{cells}</tbody></table></div>
            {list}
            </section>
            """;
    }

    private static async Task<IResult> SaveConclusionAsync(HttpContext context, IFormCollection form, string? campaign, DiagnosticsStore store, CancellationToken ct)
    {
        var element = form["element"].ToString();
        var source = form["source"].ToString();
        var conclusion = form["conclusion"].ToString();
        var errors = DiagnosticsApi.ValidateConclusion(element, source, conclusion);
        if (errors.Count > 0)
        {
            return Layout.Result(context, "Not saved", $"<h1>Not saved</h1>{Errors(MetricsCsv.Keyed(errors))}<p><a href=\"/workspace/synthesis\">Back to the synthesis</a></p>", StatusCodes.Status400BadRequest);
        }

        await store.SaveConclusionAsync(element, source, conclusion, ct);
        return TypedResults.Redirect($"/workspace/synthesis{(campaign is null ? "" : "?campaign=" + Uri.EscapeDataString(campaign))}#element-{element}");
    }

    private static async Task<IResult> SaveJudgementAsync(HttpContext context, IFormCollection form, string? campaign, DiagnosticsStore store, CancellationToken ct)
    {
        var element = form["element"].ToString();
        var judgement = form["judgement"].ToString() is { Length: > 0 } j ? j : null;
        var errors = DiagnosticsApi.ValidateJudgement(element, judgement);
        if (errors.Count > 0)
        {
            return Layout.Result(context, "Not saved", $"<h1>Not saved</h1>{Errors(MetricsCsv.Keyed(errors))}<p><a href=\"/workspace/synthesis\">Back to the synthesis</a></p>", StatusCodes.Status400BadRequest);
        }

        await store.SaveJudgementAsync(element, judgement, ct);
        return TypedResults.Redirect($"/workspace/synthesis{(campaign is null ? "" : "?campaign=" + Uri.EscapeDataString(campaign))}#element-{element}");
    }
}
