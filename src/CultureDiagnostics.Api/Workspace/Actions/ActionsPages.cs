using System.Globalization;
using CultureDiagnostics.Api.Components.Forms;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application;
using CultureDiagnostics.Application.Deliver;
using CultureDiagnostics.Core.Deliver;
using CultureDiagnostics.Core.Framework;
using static CultureDiagnostics.Api.Components.PageResults;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>The action form as posted, as typed: units and measures as the boxes ticked (a measure as "scale:instrument/construct" or "metric:id").</summary>
public sealed record ActionForm(
    string? Title, string? Element, string? Intervention, string? OwnerName, string? OwnerRole, IReadOnlyList<string> Units,
    string? StartsOn, string? DueOn, string? Status, string? Notes, IReadOnlyList<string> Measures)
{
    public static ActionForm Read(IFormCollection form) => new(
        form["title"], form["element"], form["intervention"], form["ownerName"], form["ownerRole"], [.. form["units"].OfType<string>()],
        form["startsOn"], form["dueOn"], form["status"], form["notes"], [.. form["measures"].OfType<string>()]);

    public static ActionForm Of(ActionPlan action, IReadOnlyDictionary<string, string> codes) => new(
        action.Title, action.Element, action.Intervention, action.OwnerName, action.OwnerRole, [.. action.UnitIds.Select(u => codes.GetValueOrDefault(u, u))],
        Day(action.StartsOn), Day(action.DueOn), action.Status, action.Notes, [.. action.Measures.Select(m => $"{m.Kind}:{m.Reference}")]);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// Phase 3 action plans in the workspace: the list with what is overdue, and a form to plan an action (from an
/// intervention chosen on the synthesis page, or a free one) and change it, through <see cref="ActionService"/> as /api/actions does.
/// </summary>
public static class ActionsPages
{
    private static readonly FormField[] Fields =
    [
        new("title", "title"), new("element", "element"), new("intervention", "intervention"), new("ownerName", "ownerName"), new("ownerRole", "ownerRole"),
        new("units", "units"), new("startsOn", "startsOn"), new("dueOn", "dueOn"), new("status", "status"), new("notes", "notes"), new("measures", "measures"),
    ];

    public static IEndpointRouteBuilder MapActionsPages(this IEndpointRouteBuilder routes)
    {
        var group = routes.Pages("/workspace/actions", Policies.ChangeTeam).RequireAntiforgeryToken();
        group.MapGet("/", async (string? done, ActionService actions, CancellationToken ct) => Page<ActionsPage>(new
        {
            Actions = await actions.AllAsync(ct), Codes = await actions.UnitCodesAsync(ct), Today = actions.Today,
            Confirmation = done switch { "planned" => "The action is planned.", "changed" => "The action is changed.", _ => null },
        }));
        group.MapGet("/new", async (string? element, string? intervention, ActionService actions, CancellationToken ct) =>
            await FormAsync(null, new ActionForm(null, element, intervention, null, null, [], ActionForm.Day(actions.Today), null, ActionStatuses.Planned, null, []),
                FormErrors.None, actions, ct));
        group.MapPost("/new", async (IFormCollection posted, ActionService actions, CancellationToken ct) =>
        {
            var form = ActionForm.Read(posted);
            var (request, reading) = Request(form);
            var outcome = await actions.AddAsync(request, reading, ct);
            return outcome.Status == OutcomeStatus.Done
                ? TypedResults.Redirect("/workspace/actions?done=planned")
                : await FormAsync(null, form, outcome.Errors.ToFormErrors(Fields), actions, ct);
        });
        group.MapGet("/{id}", async (string id, ActionService actions, CancellationToken ct) =>
            await actions.FindAsync(id, ct) is { } action
                ? await FormAsync(id, ActionForm.Of(action, await actions.UnitCodesAsync(ct)), FormErrors.None, actions, ct)
                : TypedResults.Redirect("/workspace/actions"));
        group.MapPost("/{id}", async (string id, IFormCollection posted, ActionService actions, CancellationToken ct) =>
        {
            var form = ActionForm.Read(posted);
            var (request, reading) = Request(form);
            var outcome = await actions.UpdateAsync(id, request, reading, ct);
            return outcome.Status switch
            {
                OutcomeStatus.Done => TypedResults.Redirect("/workspace/actions?done=changed"),
                OutcomeStatus.NotFound => TypedResults.Redirect("/workspace/actions"),
                _ => await FormAsync(id, form, outcome.Errors.ToFormErrors(Fields), actions, ct),
            };
        });
        return routes;
    }

    private static async Task<IResult> FormAsync(string? id, ActionForm entered, FormErrors errors, ActionService actions, CancellationToken ct) =>
        Page<ActionPage>(new
        {
            Id = id, Entered = entered, Errors = errors, Scales = actions.Scales(), Interventions = actions.Interventions,
            Units = (IReadOnlyList<Choice>)[.. (await actions.UnitsAsync(ct)).Select(u => new Choice(u.Code, $"{new string('\u00a0', 2 * u.Depth)}{u.Name} ({u.Code})"))],
            Metrics = (IReadOnlyList<Choice>)[.. (await actions.MetricsAsync(ct)).Select(m => new Choice($"{MeasureKinds.Metric}:{m.Id}", $"Metric: {m.Title}"))],
        }, errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);

    /// <summary>The form as the use case's request: dates read, measures split into their kind and reference.</summary>
    private static (ActionRequest Request, List<InputError> Reading) Request(ActionForm form)
    {
        var reading = new List<InputError>();
        DateOnly? Date(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return day;
            }

            reading.Add(new InputError(field, "Give the date as day, month and year (the date picker does)."));
            return null;
        }

        var measures = form.Measures.Select(m => m.Split(':', 2)).Select(p => p[0] == MeasureKinds.Scale && p.Length == 2 && p[1].Split('/') is [var instrument, var scale]
            ? new ActionMeasureRequest(MeasureKinds.Scale, instrument, scale)
            : new ActionMeasureRequest(p[0], Metric: p.Length == 2 ? p[1] : "")).ToList();
        return (new ActionRequest(form.Title, form.Element, form.Intervention, form.OwnerName, form.OwnerRole, form.Units,
            Date(form.StartsOn, "startsOn"), Date(form.DueOn, "dueOn"), form.Status, form.Notes, measures), reading);
    }

    public static string ElementTitle(string element) => CulturalFramework.FindElement(element)?.Title ?? element;
}
