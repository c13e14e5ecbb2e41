using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application.Deliver;
using CultureDiagnostics.Core.Deliver;

namespace CultureDiagnostics.Api.Deliver;

public sealed record ActionMeasureResponse(string Kind, string Reference);

/// <param name="Overdue">Due before today and neither done nor stopped.</param>
public sealed record ActionResponse(
    string Id, string Title, string Element, string? Intervention, string OwnerName, string? OwnerRole, IReadOnlyList<string> Units,
    DateOnly StartsOn, DateOnly DueOn, string Status, bool Overdue, string? Notes, IReadOnlyList<ActionMeasureResponse> Measures);

/// <summary>Phase 3 action plans: the board reads them, the change team records and changes them (<see cref="ActionService"/>).</summary>
public static class ActionsApi
{
    private const int MaxBodyBytes = 32 * 1024;

    public static RouteGroupBuilder MapActions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/actions").WithTags("Action plans").RequireAuthorization(Policies.Reader);
        group.MapGet("/", async (ActionService actions, CancellationToken ct) =>
        {
            var codes = await actions.UnitCodesAsync(ct);
            return TypedResults.Ok((await actions.AllAsync(ct)).Select(a => ToResponse(a, codes, actions.Today)).ToList());
        }).WithSummary("Every action, the soonest due first");
        group.MapGet("/{id}", async Task<Results<Ok<ActionResponse>, ProblemHttpResult>> (string id, ActionService actions, CancellationToken ct) =>
            await actions.FindAsync(id, ct) is { } action
                ? TypedResults.Ok(ToResponse(action, await actions.UnitCodesAsync(ct), actions.Today))
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"No action has the id '{id}'."));
        group.MapPost("/", AddAsync).RequireAuthorization(Policies.ChangeTeam)
            .WithSummary("Record an action: its element (and catalogue intervention), owner, units, dates, status and measures")
            .Accepts<ActionRequest>("application/json").Produces<ActionResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        group.MapPost("/import", async (HttpContext context, ActionService actions, CancellationToken ct) =>
            {
                var (text, problem) = await JsonBody.ReadCsvTextAsync(context.Request, ActionService.MaxCsvBytes, ct);
                return problem ?? (await actions.ImportAsync(text!, ct)).ToResult(added => TypedResults.Created("/api/actions", new Organisation.ImportResponse(added)));
            })
            .RequireAuthorization(Policies.ChangeTeam)
            .WithSummary("Add the actions of a CSV file (title, element, intervention, owner_name, owner_role, units, starts_on, due_on, status, notes, measures): every bad row is reported and, if there is any, nothing is added")
            .Accepts<string>("text/csv").Produces<Organisation.ImportResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        group.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.ChangeTeam)
            .WithSummary("Change an action whole").Accepts<ActionRequest>("application/json").Produces<ActionResponse>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<IResult> AddAsync(HttpContext context, ActionService actions, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<ActionRequest>(context.Request, MaxBodyBytes, ct);
        if (problem is not null)
        {
            return problem;
        }

        var codes = await actions.UnitCodesAsync(ct);
        return (await actions.AddAsync(request!, ct: ct)).ToResult(a => TypedResults.Created($"/api/actions/{a.Id}", ToResponse(a, codes, actions.Today)));
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, ActionService actions, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<ActionRequest>(context.Request, MaxBodyBytes, ct);
        if (problem is not null)
        {
            return problem;
        }

        var codes = await actions.UnitCodesAsync(ct);
        return (await actions.UpdateAsync(id, request!, ct: ct)).ToResult(a => TypedResults.Ok(ToResponse(a, codes, actions.Today)));
    }

    public static ActionResponse ToResponse(ActionPlan a, IReadOnlyDictionary<string, string> codes, DateOnly today) => new(
        a.Id, a.Title, a.Element, a.Intervention, a.OwnerName, a.OwnerRole, [.. a.UnitIds.Select(u => codes.GetValueOrDefault(u, u)).Order(StringComparer.Ordinal)],
        a.StartsOn, a.DueOn, a.Status, a.OverdueOn(today), a.Notes, [.. a.Measures.Select(m => new ActionMeasureResponse(m.Kind, m.Reference))]);
}
