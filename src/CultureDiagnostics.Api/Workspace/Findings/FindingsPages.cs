using System.Globalization;
using CultureDiagnostics.Api.Components.Forms;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application;
using CultureDiagnostics.Core.Diagnostics;
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
/// experience: recorded, corrected and deleted through <see cref="FindingsService"/>, as /api/findings does.
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
        group.MapGet("/", (string? done, FindingsService findings, TimeProvider clock, CancellationToken ct) =>
            ShowAsync(findings, NewFinding(clock), FormErrors.None, Confirmations.GetValueOrDefault(done ?? ""), ct));
        group.MapPost("/", AddAsync);
        group.MapGet("/{id}/edit", async (string id, FindingsService findings, CancellationToken ct) =>
            await findings.FindAsync(id, ct) is { } finding
                ? (IResult)Page<EditFindingPage>(new { Id = id, Entered = FormOf(finding) })
                : TypedResults.Redirect("/workspace/findings"));
        group.MapPost("/{id}/edit", EditAsync);
        group.MapGet("/{id}/delete", async (string id, FindingsService findings, CancellationToken ct) =>
            await findings.FindAsync(id, ct) is { } finding
                ? (IResult)Page<DeleteFindingPage>(new { Finding = finding })
                : TypedResults.Redirect("/workspace/findings"));
        group.MapPost("/{id}/delete", async (string id, FindingsService findings, CancellationToken ct) =>
        {
            // A finding already deleted (the button sent twice) leaves the list as it is.
            await findings.DeleteAsync(id, ct);
            return TypedResults.Redirect("/workspace/findings?done=deleted");
        });
        return routes;
    }

    /// <summary>What the list says after an action; only these words, never text from the address.</summary>
    private static readonly Dictionary<string, string> Confirmations = new()
    {
        ["recorded"] = "The finding is recorded.",
        ["edited"] = "The finding is corrected.",
        ["deleted"] = "The finding is deleted.",
    };

    private static FindingForm NewFinding(TimeProvider clock) =>
        new(null, null, null, null, clock.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static FindingForm FormOf(Finding finding) =>
        new(finding.Source, finding.Element, finding.Kind, finding.Evidence, finding.FoundOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static async Task<IResult> ShowAsync(FindingsService findings, FindingForm entered, FormErrors errors, string? confirmation, CancellationToken ct) =>
        Page<FindingsPage>(new
        {
            Findings = await findings.AllAsync(ct),
            Entered = entered,
            Errors = errors,
            Confirmation = confirmation,
        }, errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);

    /// <summary>The form's date as a date, or the problem reading it.</summary>
    private static (FindingRequest Request, List<InputError> Reading) Read(FindingForm form)
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

        return (new FindingRequest(form.Source, form.Element, form.Kind, form.Evidence, date), reading);
    }

    private static async Task<IResult> EditAsync(string id, [AsParameters] FindingForm form, FindingsService findings, CancellationToken ct)
    {
        var (request, reading) = Read(form);
        var outcome = await findings.UpdateAsync(id, request, reading, ct);
        return outcome.Status switch
        {
            OutcomeStatus.Done => TypedResults.Redirect($"/workspace/findings?done=edited#finding-{id}"),
            OutcomeStatus.NotFound => TypedResults.Redirect("/workspace/findings"),
            _ => Page<EditFindingPage>(new { Id = id, Entered = form, Errors = outcome.Errors.ToFormErrors(Fields) }, StatusCodes.Status400BadRequest),
        };
    }

    private static async Task<IResult> AddAsync([AsParameters] FindingForm form, FindingsService findings, CancellationToken ct)
    {
        var (request, reading) = Read(form);
        var outcome = await findings.AddAsync(request, reading, ct);
        return outcome.Status == OutcomeStatus.Done
            ? TypedResults.Redirect("/workspace/findings?done=recorded")
            : await ShowAsync(findings, form, outcome.Errors.ToFormErrors(Fields), null, ct);
    }
}
