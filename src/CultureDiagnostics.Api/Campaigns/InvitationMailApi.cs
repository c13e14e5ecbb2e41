using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application.Invitations;
using CultureDiagnostics.Data.Invitations;

namespace CultureDiagnostics.Api.Campaigns;

/// <summary>A list of invitees taken: how many were added; their invitations are being e-mailed.</summary>
public sealed record InviteesImportResponse(int Added, string Message);

/// <summary>
/// Where e-mailing a campaign's invitations stands: counts of the list only. Nothing here, nor anywhere in the
/// API, tells a spent invitation from an unspent one, or counts reminders (that would count who has not answered).
/// </summary>
public sealed record InviteesResponse(bool MailConfigured, int Listed, int Sent, int Waiting, int Undeliverable, string Message);

/// <summary>Reminders queued, with no count: how many are sent is how many have not answered.</summary>
public sealed record RemindersResponse(string Status, string Message);

/// <summary>
/// JSON endpoints for invitations the platform e-mails itself (under /api/campaigns/{id}): import the list of
/// addresses, see where sending stands, queue reminders. No token is ever part of a response.
/// </summary>
public static class InvitationMailApi
{
    public const string QueuedMessage =
        "The invitations are being e-mailed, each person their own link. Nobody using the workspace or the API sees a link.";

    public const string RemindersMessage =
        "Reminders are being e-mailed to everyone on the list whose invitation is unused; whoever has answered by then is skipped. "
        + "Nobody using the workspace or the API can see who is reminded.";

    public static RouteGroupBuilder MapInvitationMail(this RouteGroupBuilder group)
    {
        group.MapGet("/{id}/invitees", SummaryAsync)
            .WithSummary("Where e-mailing the campaign's invitations stands")
            .WithDescription("Counts of the list of addresses only; nothing tells who has answered.")
            .Produces<InviteesResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/invitees", ImportAsync)
            .WithSummary("Import the list of addresses and e-mail each person their own invitation")
            .WithDescription("A CSV file with the columns email and unit (a unit code of the campaign), UTF-8 with or without a byte-order mark. "
                + "Every bad row is reported by line number and, if there is any, nothing is stored. The invitations are sent in the background "
                + "by the platform, so no token is ever returned: the recommended way to invite staff.")
            .Accepts<string>("text/csv")
            .Produces<InviteesImportResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapPost("/{id}/reminders", RemindAsync)
            .WithSummary("E-mail a reminder to everyone whose invitation is unused")
            .WithDescription("One reminder per person per call, never to someone who has answered. The response carries no count.")
            .Produces<RemindersResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<IResult> SummaryAsync(string id, InvitationService invitations, CancellationToken ct) =>
        (await invitations.SummaryAsync(id, ct)).ToResult(summary => TypedResults.Ok(ToResponse(summary, invitations.MailConfigured)));

    private static async Task<IResult> ImportAsync(string id, HttpContext context, InvitationService invitations, CancellationToken ct)
    {
        var (text, problem) = await JsonBody.ReadCsvTextAsync(context.Request, InvitationService.MaxCsvBytes, ct);
        return problem ?? (await invitations.ImportAsync(id, text!, ct))
            .ToResult(added => TypedResults.Accepted($"/api/campaigns/{id}/invitees", new InviteesImportResponse(added, QueuedMessage)));
    }

    private static async Task<IResult> RemindAsync(string id, InvitationService invitations, CancellationToken ct) =>
        (await invitations.RemindAsync(id, ct)).ToResult(_ => TypedResults.Accepted($"/api/campaigns/{id}/invitees", new RemindersResponse("queued", RemindersMessage)));

    private static InviteesResponse ToResponse(InvitationListSummary summary, bool configured) => new(
        configured, summary.Listed, summary.Sent, summary.Waiting, summary.Undeliverable,
        configured ? "Counts of the list of addresses; nothing here tells who has answered." : SmtpOptions.NotConfigured);
}
