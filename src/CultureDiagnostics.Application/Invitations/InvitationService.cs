using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Invitations;
using CultureDiagnostics.Data.Organisation;
using Microsoft.Extensions.Options;

namespace CultureDiagnostics.Application.Invitations;

/// <summary>
/// Invitations the platform e-mails itself, once for the JSON API and the workspace pages: import the list of
/// addresses (every bad row reported, nothing stored unless all are right), queue reminders, and say where
/// sending stands. The e-mails go out from the outbox in the background (<see cref="InvitationSender"/>), so a
/// list of thousands returns at once; no token passes through here, so none can reach a page or a response.
/// </summary>
public sealed class InvitationService(
    CampaignStore campaigns, UnitStore units, InvitationListStore lists, IOptions<CultureDiagnosticsOptions> options, InvitationOutboxSignal signal,
    TimeProvider clock)
{
    /// <summary>The largest list taken, by the API and the page alike: some 40,000 addresses.</summary>
    public const int MaxCsvBytes = 2 * 1024 * 1024;

    public bool MailConfigured => options.Value.Smtp.IsConfigured;

    /// <summary>Adds the people in a CSV list (columns email, unit) to a campaign; the value is how many were added.</summary>
    public async Task<Outcome<int>> ImportAsync(string campaignId, string csv, CancellationToken ct = default)
    {
        var (campaign, refusal) = await UsableAsync<int>(campaignId, acceptingOnly: false, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var (rows, errors) = InviteeCsv.Read(csv);
        var problems = errors.ToList();
        var tree = new OrganisationTree(await units.ForCampaignAsync(campaign!.Id, ct));
        var unitsByCode = campaign.Units.Select(u => tree.Find(u.UnitId)).OfType<Unit>().ToDictionary(u => u.Code, StringComparer.OrdinalIgnoreCase);
        var listed = await lists.AddressesAsync(campaign.Id, ct);
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var accepted = new List<NewRecipient>();
        foreach (var row in rows)
        {
            var address = row.Email.Trim().ToLowerInvariant();
            if (address.Length == 0)
            {
                problems.Add(new InputError(InviteeCsv.EmailColumn, "The address is missing.", row.Row));
            }
            else if (!SmtpOptions.IsAddress(address))
            {
                problems.Add(new InputError(InviteeCsv.EmailColumn, $"'{row.Email}' is not an e-mail address (one address such as name@trust.example).", row.Row));
            }
            else if (firstRowOf.TryGetValue(address, out var first))
            {
                problems.Add(new InputError(InviteeCsv.EmailColumn, $"'{row.Email}' is also on row {first}: each person gets one invitation.", row.Row));
            }
            else if (listed.Contains(address))
            {
                problems.Add(new InputError(InviteeCsv.EmailColumn, $"'{row.Email}' is already invited to this campaign: each person gets one invitation.", row.Row));
            }

            firstRowOf.TryAdd(address, row.Row);
            if (!unitsByCode.TryGetValue(row.Unit.Trim(), out var unit))
            {
                problems.Add(new InputError(InviteeCsv.UnitColumn, row.Unit.Trim().Length == 0
                    ? "The unit code is missing."
                    : $"The unit '{row.Unit.Trim()}' is not part of this campaign.", row.Row));
            }
            else
            {
                accepted.Add(new NewRecipient(unit.Id, address));
            }
        }

        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add(new InputError("row", "The file has a header but no addresses.", 2));
        }

        if (problems.Count > 0)
        {
            // Every problem, by line; those of one line in the order of its columns.
            return Outcome.Invalid<int>(problems.OrderBy(p => p.Row ?? 0));
        }

        await lists.AddAsync(campaign.Id, accepted, ct);
        signal.Pulse();
        return Outcome.Done(accepted.Count);
    }

    /// <summary>
    /// Queues a reminder for everyone on the list; the sender skips those who have answered by the time theirs is
    /// sent. The outcome carries no count: how many are reminded is how many have not answered.
    /// </summary>
    public async Task<Outcome<Campaign>> RemindAsync(string campaignId, CancellationToken ct = default)
    {
        var (campaign, refusal) = await UsableAsync<Campaign>(campaignId, acceptingOnly: true, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        if ((await lists.SummaryAsync(campaign!.Id, ct)).Listed == 0)
        {
            return Outcome.Conflict<Campaign>("Nobody is on the list yet.", "Import the list of addresses first: reminders go to the people on it.");
        }

        await lists.QueueRemindersAsync(campaign.Id, ct);
        signal.Pulse();
        return Outcome.Done(campaign);
    }

    /// <summary>Where sending the campaign's invitations stands (counts of the list, never of who has answered).</summary>
    public async Task<Outcome<InvitationListSummary>> SummaryAsync(string campaignId, CancellationToken ct = default) =>
        await campaigns.FindAsync(campaignId, ct) is { } campaign
            ? Outcome.Done(await lists.SummaryAsync(campaign.Id, ct))
            : Outcome.NotFound<InvitationListSummary>($"No campaign has the id '{campaignId}'.");

    /// <summary>The campaign, or why e-mailed invitations cannot be used with it now.</summary>
    private async Task<(Campaign? Campaign, Outcome<T>? Refusal)> UsableAsync<T>(string campaignId, bool acceptingOnly, CancellationToken ct)
    {
        if (await campaigns.FindAsync(campaignId, ct) is not { } campaign)
        {
            return (null, Outcome.NotFound<T>($"No campaign has the id '{campaignId}'."));
        }

        if (!MailConfigured)
        {
            return (null, Outcome.Conflict<T>("No mail server is configured.", SmtpOptions.NotConfigured));
        }

        if (!campaign.InvitationsOnly)
        {
            return (null, Outcome.Conflict<T>("This campaign uses shared links.",
                "E-mailed invitations are for campaigns created with invitationsOnly (personal invitations): every unit's shared link already lets its staff answer."));
        }

        var acceptance = CampaignRules.AcceptanceOn(campaign, clock.Today());
        if (acceptance == Acceptance.Closed)
        {
            return (null, Outcome.Conflict<T>("The campaign has closed.", "It takes no more responses, and its list of addresses has been deleted."));
        }

        if (acceptingOnly && acceptance != Acceptance.Accepting)
        {
            return (null, Outcome.Conflict<T>("The campaign is not open yet.", "Reminders can be sent while the campaign takes responses."));
        }

        return (campaign, null);
    }
}
