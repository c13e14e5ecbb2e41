using System.Globalization;
using CultureDiagnostics.Api.Campaigns;
using CultureDiagnostics.Api.Components.Forms;
using CultureDiagnostics.Application;
using CultureDiagnostics.Application.Campaigns;
using CultureDiagnostics.Application.Invitations;
using Microsoft.AspNetCore.Mvc;
using static CultureDiagnostics.Api.Components.PageResults;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>
/// A campaign's invitations by e-mail (/workspace/campaigns/{id}/invitations): the list import and the reminders
/// button, through <see cref="InvitationService"/> as POST /api/campaigns/{id}/invitees and /reminders do.
/// </summary>
public static class InvitationPages
{
    public static RouteGroupBuilder MapInvitationPages(this RouteGroupBuilder group)
    {
        group.MapGet("/{id}/invitations", (string id, string? imported, string? reminded, CampaignService campaigns, InvitationService invitations,
                TimeProvider clock, CancellationToken ct) =>
            ShowAsync(id, campaigns, invitations, clock, Confirmation(imported, reminded), null, FormErrors.None, ct));
        group.MapPost("/{id}/invitations/import", ImportAsync).AcceptsCsvUpload(InvitationService.MaxCsvBytes);
        group.MapPost("/{id}/invitations/reminders", RemindAsync);
        return group;
    }

    private static async Task<IResult> ShowAsync(
        string id, CampaignService campaigns, InvitationService invitations, TimeProvider clock, string? confirmation, string? pasted, FormErrors errors,
        CancellationToken ct)
    {
        if (await campaigns.FindAsync(id, ct) is not { } details)
        {
            return Page<CampaignNotFoundPage>(new { Id = id }, StatusCodes.Status404NotFound);
        }

        return Page<InvitationsPage>(new
        {
            details.Campaign,
            Today = clock.Today(),
            invitations.MailConfigured,
            Summary = (await invitations.SummaryAsync(id, ct)).Value!,
            Confirmation = confirmation,
            Pasted = pasted,
            Errors = errors,
        }, errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> ImportAsync(
        string id, IFormFile? file, [FromForm] string? csv, CampaignService campaigns, InvitationService invitations, TimeProvider clock, CancellationToken ct)
    {
        var (text, field, problem) = await UploadedCsv.ReadAsync(file, csv, InvitationService.MaxCsvBytes, ct);
        if (problem is not null)
        {
            return await ShowAsync(id, campaigns, invitations, clock, null, csv, new FormErrors().Add(field, problem), ct);
        }

        var outcome = await invitations.ImportAsync(id, text!, ct);
        return outcome.Status switch
        {
            OutcomeStatus.Done => TypedResults.Redirect($"/workspace/campaigns/{id}/invitations?imported={outcome.Value.ToString(CultureInfo.InvariantCulture)}"),
            OutcomeStatus.Invalid => await ShowAsync(id, campaigns, invitations, clock, null, csv, outcome.Errors.ToFormErrors([], file: field), ct),
            _ => await ShowAsync(id, campaigns, invitations, clock, null, csv, Refusal(outcome, field), ct),
        };
    }

    private static async Task<IResult> RemindAsync(string id, CampaignService campaigns, InvitationService invitations, TimeProvider clock, CancellationToken ct)
    {
        var outcome = await invitations.RemindAsync(id, ct);
        return outcome.Status == OutcomeStatus.Done
            ? TypedResults.Redirect($"/workspace/campaigns/{id}/invitations?reminded=1")
            : await ShowAsync(id, campaigns, invitations, clock, null, null, Refusal(outcome, "remind"), ct);
    }

    /// <summary>Why the use case would not act (not found, no mail server, closed), as the page's error about <paramref name="field"/>.</summary>
    private static FormErrors Refusal<T>(Outcome<T> outcome, string field) => new FormErrors().Add(field, $"{outcome.Title} {outcome.Detail}");

    /// <summary>The confirmation after a redirect, in the platform's words: only a number is read from the address bar.</summary>
    private static string? Confirmation(string? imported, string? reminded) =>
        UploadedCsv.ImportedCount(imported) is { } count
            ? $"Added {count.ToString(CultureInfo.InvariantCulture)} people. {InvitationMailApi.QueuedMessage}"
            : reminded == "1" ? InvitationMailApi.RemindersMessage : null;
}
