using System.Globalization;
using CultureDiagnostics.Api.Diagnostics;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Data.Diagnostics;
using static CultureDiagnostics.Api.Workspace.Html;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>Coded findings from focus groups, board interviews, the leadership workforce analysis and patient experience.</summary>
public static class FindingsPages
{
    public static IEndpointRouteBuilder MapFindingsPages(this IEndpointRouteBuilder routes)
    {
        var group = routes.Pages("/workspace/findings", Policies.ChangeTeam);
        group.MapGet("/", async (HttpContext context, DiagnosticsStore store, TimeProvider clock, CancellationToken ct) => await ShowAsync(context, store, clock, null, null, ct));
        group.MapPost("/", AddAsync);
        group.MapPost("/{id}/delete", async (string id, IFormCollection form, DiagnosticsStore store, CancellationToken ct) =>
        {
            await store.DeleteFindingAsync(id, ct);
            return TypedResults.Redirect("/workspace/findings");
        });
        return routes;
    }

    private static async Task<ContentHttpResult> ShowAsync(HttpContext context, DiagnosticsStore store, TimeProvider clock, IReadOnlyDictionary<string, string[]>? errors, IFormCollection? entered, CancellationToken ct)
    {
        var findings = await store.FindingsAsync(ct);
        string V(string name, string fallback = "") => entered is null ? fallback : entered[name].ToString();
        var rows = string.Concat(findings.Select(f =>
            $"<tr><td>{f.FoundOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}</td><td>{E(CulturalFramework.FindSource(f.Source)?.Title)}</td><td>{E(CulturalFramework.FindElement(f.Element)?.Title)}</td>"
            + $"<td><span class=\"judgement judgement-{f.Kind}\">{E(FindingKinds.Title(f.Kind))}</span></td><td>{E(f.Evidence)}</td>"
            + $"<td>{Form(context, $"/workspace/findings/{f.Id}/delete", "<button type=\"submit\" class=\"secondary\">Delete<span class=\"visually-hidden\"> this finding</span></button>")}</td></tr>"));
        var body = $"""
            <h1>Findings</h1>
            <p>What the culture focus groups, board interviews, the leadership workforce analysis and patient experience say, coded against the cultural elements. They feed the <a href="/workspace/synthesis">synthesis</a>.</p>
            <h2 id="record">Record a finding</h2>
            {Errors(errors)}
            {Form(context, "/workspace/findings", $"""
                <label for="source">Source</label>{Select("source", "source", FindingRules.Sources.Select(s => (s, CulturalFramework.FindSource(s)!.Title)), V("source"))}
                <label for="element">Cultural element</label>{Select("element", "element", CulturalFramework.Elements.Select(e => (e.Id, e.Title)), V("element"))}
                <fieldset class="checks"><legend>The finding is</legend>
                <label><input type="radio" name="kind" value="strength"{(V("kind", "strength") == "strength" ? " checked" : "")}> a strength</label>
                <label><input type="radio" name="kind" value="area-to-develop"{(V("kind") == "area-to-develop" ? " checked" : "")}> an area to develop</label>
                </fieldset>
                <label for="evidence">Evidence</label><span class="hint" id="evidence-hint">What was said or found, without anything that identifies a person.</span>
                <textarea id="evidence" name="evidence" rows="4" required aria-describedby="evidence-hint">{E(V("evidence"))}</textarea>
                <label for="date">Date</label><input type="date" id="date" name="date" required value="{E(V("date", CampaignPages.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}">
                <div><button type="submit">Record finding</button></div>
                """)}
            <h2>Recorded findings</h2>
            {(findings.Count == 0 ? "<p>None yet.</p>" : $"""
              <div class="table-wrap"><table><caption>{I(findings.Count)} findings, newest first</caption>
              <thead><tr><th scope="col">Date</th><th scope="col">Source</th><th scope="col">Element</th><th scope="col">Kind</th><th scope="col">Evidence</th><th scope="col">Remove</th></tr></thead>
              <tbody>{rows}</tbody></table></div>
              """)}
            """;
        return Layout.Result(context, "Findings", body, errors is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> AddAsync(HttpContext context, IFormCollection form, DiagnosticsStore store, TimeProvider clock, CancellationToken ct)
    {
        string V(string name) => form[name].ToString().Trim();
        DateOnly? date = DateOnly.TryParseExact(V("date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var errors = FindingRules.Validate(V("source"), V("element"), V("kind"), V("evidence"), date, CampaignPages.Today(clock));
        if (errors.Count > 0)
        {
            return await ShowAsync(context, store, clock, MetricsCsv.Keyed(errors), form, ct);
        }

        await store.AddFindingAsync(V("source"), V("element"), V("kind"), V("evidence"), date!.Value, ct);
        return TypedResults.Redirect("/workspace/findings");
    }
}
