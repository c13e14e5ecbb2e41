using System.Globalization;
using CultureDiagnostics.Api.Components.Forms;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application;
using Microsoft.AspNetCore.Mvc;
using static CultureDiagnostics.Api.Components.PageResults;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>The record-a-finding form as posted, as typed.</summary>
public sealed record FindingForm(
    [FromForm] string? Source,
    [FromForm] string? Element,
    [FromForm] string? Kind,
    [FromForm] string? Evidence,
    [FromForm] string? Date);

/// <summary>
/// Coded findings from focus groups, board interviews, the leadership workforce analysis and patient
/// experience: recorded and deleted through <see cref="FindingsService"/>, as /api/findings does.
/// </summary>
public static class FindingsPages
{
    private static readonly FormField[] Fields =
    [
        new("source", "source", "Choose where the finding comes from."),
        new("element", "element", "Choose the cultural element the finding speaks to."),
        new("kind", "kind", "Choose whether the finding is a strength or an area to develop."),
        new("evidence", "evidence"),
        new("date", "date"),
    ];

    public static IEndpointRouteBuilder MapFindingsPages(this IEndpointRouteBuilder routes)
    {
        var group = routes.Pages("/workspace/findings", Policies.ChangeTeam).RequireAntiforgeryToken();
        group.MapGet("/", (FindingsService findings, TimeProvider clock, CancellationToken ct) => ShowAsync(findings, clock, null, FormErrors.None, ct));
        group.MapPost("/", AddAsync);
        group.MapGet("/{id}/delete", async (string id, FindingsService findings, CancellationToken ct) =>
            (await findings.AllAsync(ct)).FirstOrDefault(f => f.Id == id) is { } finding
                ? (IResult)Page<DeleteFindingPage>(new { Finding = finding })
                : TypedResults.Redirect("/workspace/findings"));
        group.MapPost("/{id}/delete", async (string id, FindingsService findings, CancellationToken ct) =>
        {
            // A finding already deleted (the button sent twice) leaves the list as it is.
            await findings.DeleteAsync(id, ct);
            return TypedResults.Redirect("/workspace/findings");
        });
        return routes;
    }

    private static async Task<IResult> ShowAsync(FindingsService findings, TimeProvider clock, FindingForm? entered, FormErrors errors, CancellationToken ct) =>
        Page<FindingsPage>(new
        {
            Findings = await findings.AllAsync(ct),
            Entered = entered,
            Today = clock.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Errors = errors,
        }, errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);

    private static async Task<IResult> AddAsync([AsParameters] FindingForm form, FindingsService findings, TimeProvider clock, CancellationToken ct)
    {
        var reading = new List<InputError>();
        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(form.Date))
        {
            if (DateOnly.TryParseExact(form.Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                date = d;
            }
            else
            {
                reading.Add(new InputError("date", "The date must be a real date."));
            }
        }

        var outcome = await findings.AddAsync(new FindingRequest(form.Source, form.Element, form.Kind, form.Evidence, date), reading, ct);
        return outcome.Status == OutcomeStatus.Done
            ? TypedResults.Redirect("/workspace/findings")
            : await ShowAsync(findings, clock, form, outcome.Errors.ToFormErrors(Fields), ct);
    }
}
