using CultureDiagnostics.Api.Components.Forms;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Framework;
using static CultureDiagnostics.Api.Components.PageResults;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>
/// The synthesis page and its one form: every conclusion and judgement on the page is saved together by any of its
/// Save buttons, through the same use case as the JSON API's, so an edit is never lost by pressing the wrong button.
/// Each box carries the value it showed; a box someone else saved differently meanwhile is not overwritten but shown
/// again with the problem, as is anything that breaks a rule, and then nothing is stored.
/// </summary>
public static class SynthesisPages
{
    public static IEndpointRouteBuilder MapSynthesisPages(this IEndpointRouteBuilder routes)
    {
        var group = routes.Pages("/workspace/synthesis", Policies.ChangeTeam);
        group.MapGet("/", (string? campaign, int? saved, SynthesisService synthesis, ResultsPublisher publisher, InterventionCatalogue interventions, CancellationToken ct) =>
            ShowAsync(campaign, saved, FormErrors.None, SynthesisForm.Empty, synthesis, publisher, interventions, ct));
        group.MapPost("/", SaveAsync);
        return routes;
    }

    /// <summary>The synthesis with the survey evidence of the chosen closed campaign (the latest when none, or an unknown one, is chosen).</summary>
    private static async Task<RazorComponentResult<SynthesisPage>> ShowAsync(
        string? campaign, int? saved, FormErrors errors, SynthesisForm entered,
        SynthesisService synthesis, ResultsPublisher publisher, InterventionCatalogue interventions, CancellationToken ct)
    {
        var closed = await publisher.PublishedCampaignsAsync(ct);
        var chosen = campaign is null ? (closed.Count > 0 ? closed[0] : null) : closed.FirstOrDefault(c => c.Id == campaign);
        var view = await synthesis.BuildAsync(chosen, ct);
        return Page<SynthesisPage>(
            new { View = view, Closed = closed, Interventions = interventions, Errors = errors, Entered = entered, Saved = saved },
            errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> SaveAsync(
        IFormCollection form, string? campaign, SynthesisService synthesis, ResultsPublisher publisher, InterventionCatalogue interventions, CancellationToken ct)
    {
        var posted = SynthesisForm.Read(form);
        var outcome = await synthesis.SaveAllAsync(posted.Changes, ct);
        if (outcome.Problems.Count == 0)
        {
            var query = campaign is null ? "" : "campaign=" + Uri.EscapeDataString(campaign) + "&";
            return TypedResults.Redirect($"/workspace/synthesis?{query}saved={outcome.Changes}");
        }

        var errors = new FormErrors();
        foreach (var problem in outcome.Problems)
        {
            errors.Add(SynthesisForm.FieldOf(problem.Change), problem.Message);
        }

        return await ShowAsync(campaign, null, errors, posted.Keeping(outcome.Problems), synthesis, publisher, interventions, ct);
    }
}

/// <summary>
/// What the synthesis form posted: for each box (a conclusion "c-element-source", a judgement "j-element") the value
/// and, in "was-" + its name, the value the page showed. Boxes are found from the framework's lists, never from the
/// names posted, so a form that names no real element changes nothing.
/// </summary>
public sealed class SynthesisForm
{
    public const string WasPrefix = "was-";

    private readonly Dictionary<string, string> _values = [];
    private readonly Dictionary<string, string> _before = [];

    public static SynthesisForm Empty { get; } = new();

    public IReadOnlyList<SynthesisChange> Changes { get; private init; } = [];

    public static string FieldOf(SynthesisChange change) =>
        change.Source is null ? SynthesisElement.JudgementIdOf(change.Element) : SynthesisElement.ConclusionId(change.Element, change.Source);

    public static SynthesisForm Read(IFormCollection form)
    {
        var changes = new List<SynthesisChange>();
        foreach (var element in CulturalFramework.Elements)
        {
            changes.Add(new SynthesisChange(element.Id, null, null, null));
            changes.AddRange(CulturalFramework.Sources.Select(source => new SynthesisChange(element.Id, source.Id, null, null)));
        }

        var read = new SynthesisForm
        {
            Changes = [.. changes
                .Where(c => form.ContainsKey(FieldOf(c)))
                .Select(c => c with { Before = form[WasPrefix + FieldOf(c)].ToString(), After = form[FieldOf(c)].ToString() })],
        };
        // Only edited boxes are shown again as posted; the others show what is stored now, someone else's saves included.
        foreach (var change in read.Changes.Where(c => SynthesisText.OrNull(c.Before) != SynthesisText.OrNull(c.After)))
        {
            read._values[FieldOf(change)] = change.After ?? "";
            read._before[FieldOf(change)] = change.Before ?? "";
        }

        return read;
    }

    /// <summary>
    /// What to show again after problems: every value as posted, and the value each box started from, except where
    /// someone else saved meanwhile (those start from what is stored now, so saving again replaces it knowingly).
    /// </summary>
    public SynthesisForm Keeping(IReadOnlyList<SynthesisProblem> problems)
    {
        var conflicted = problems.Where(p => p.Conflict).Select(p => FieldOf(p.Change)).ToHashSet();
        var kept = new SynthesisForm { Changes = Changes };
        foreach (var (field, value) in _values)
        {
            kept._values[field] = value;
        }

        foreach (var (field, before) in _before.Where(b => !conflicted.Contains(b.Key)))
        {
            kept._before[field] = before;
        }

        return kept;
    }

    /// <summary>The value posted for a box, or null when the page shows what is stored.</summary>
    public string? Value(string field) => _values.GetValueOrDefault(field);

    /// <summary>The value a box started from when it is shown again, or null for what is stored now.</summary>
    public string? Before(string field) => _before.GetValueOrDefault(field);
}
