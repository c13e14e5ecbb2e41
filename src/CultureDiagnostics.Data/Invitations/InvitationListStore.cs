using System.Data.Common;
using Dapper;

namespace CultureDiagnostics.Data.Invitations;

/// <summary>A person to invite: their address (lower case) and the unit they answer for.</summary>
public sealed record NewRecipient(string UnitId, string Address);

/// <summary>
/// Where a campaign's invitations by e-mail stand, as counts that say nothing about who has answered: how
/// many addresses are listed, how many invitations still wait to be sent, and how many the mail server refused.
/// Reminders are left out on purpose: they are sent only to invitations not yet spent, so any count of them
/// would count those who have not answered.
/// </summary>
public sealed record InvitationListSummary(int Listed, int Waiting, int Undeliverable)
{
    public int Sent => Listed - Waiting - Undeliverable;
}

/// <summary>
/// A campaign's list of addresses for e-mailed invitations, kept apart from responses (no table of
/// responses refers to it, and it refers to none) and deleted when the campaign closes. Importing a list
/// queues one invitation per new address in the outbox (<see cref="InvitationOutboxStore"/>); a reminder
/// queues one per address, and the sender skips those whose invitation is spent.
/// </summary>
public sealed class InvitationListStore(Database database, TimeProvider clock)
{
    /// <summary>The addresses already listed for a campaign, to refuse a second invitation to the same person.</summary>
    public async Task<IReadOnlySet<string>> AddressesAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var addresses = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT address FROM invitation_recipients WHERE campaign_id = @CampaignId", new { CampaignId = campaignId }, cancellationToken: cancellationToken));
        return addresses.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Adds people to a campaign's list and queues each one's invitation, all in one transaction.</summary>
    public async Task AddAsync(string campaignId, IReadOnlyList<NewRecipient> recipients, CancellationToken cancellationToken = default)
    {
        var batch = Guid.NewGuid().ToString("N");
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO invitation_recipients (id, campaign_id, unit_id, address) VALUES (@Id, @CampaignId, @UnitId, @Address)",
            recipients.Select(r => new { Id = Guid.NewGuid().ToString("N"), CampaignId = campaignId, r.UnitId, r.Address }), transaction);
        // Everyone listed who has neither been sent an invitation nor has one waiting: the people just added.
        await connection.ExecuteAsync(
            """
            INSERT INTO invitation_outbox (id, campaign_id, recipient_id, kind, due_at)
            SELECT @Batch || '-' || r.id, r.campaign_id, r.id, 'invitation', @Now
            FROM invitation_recipients r
            WHERE r.campaign_id = @CampaignId AND r.token_hash IS NULL
              AND NOT EXISTS (SELECT 1 FROM invitation_outbox o WHERE o.recipient_id = r.id AND o.kind = 'invitation')
            """,
            new { Batch = batch, CampaignId = campaignId, Now = OutboxTimes.Format(clock.GetUtcNow()) }, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Queues one reminder for every address on the list, whether or not its invitation is spent: what this
    /// does, and how long it takes, must not depend on who has answered. The sender skips spent ones.
    /// </summary>
    public async Task QueueRemindersAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO invitation_outbox (id, campaign_id, recipient_id, kind, due_at)
            SELECT @Press || '-' || id, campaign_id, id, 'reminder', @Now
            FROM invitation_recipients WHERE campaign_id = @CampaignId
            """,
            new { Press = Guid.NewGuid().ToString("N"), CampaignId = campaignId, Now = OutboxTimes.Format(clock.GetUtcNow()) },
            cancellationToken: cancellationToken));
    }

    public async Task<InvitationListSummary> SummaryAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var listed = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM invitation_recipients WHERE campaign_id = @CampaignId", new { CampaignId = campaignId }, cancellationToken: cancellationToken));
        var invitations = await connection.QuerySingleAsync<(long Waiting, long Undeliverable)>(new CommandDefinition(
            """
            SELECT CAST(COALESCE(SUM(1 - undeliverable), 0) AS BIGINT), CAST(COALESCE(SUM(undeliverable), 0) AS BIGINT)
            FROM invitation_outbox WHERE campaign_id = @CampaignId AND kind = 'invitation'
            """,
            new { CampaignId = campaignId }, cancellationToken: cancellationToken));
        return new InvitationListSummary((int)listed, (int)invitations.Waiting, (int)invitations.Undeliverable);
    }

    /// <summary>Deletes the lists (and unsent e-mails) of campaigns that no longer take responses: closed, or past their closing date.</summary>
    public async Task<int> ForgetEndedAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        const string Ended = "SELECT id FROM campaigns WHERE status = 'closed' OR closes_on < @Today";
        var parameters = new { Today = Dates.Format(today) };
        await connection.ExecuteAsync($"DELETE FROM invitation_outbox WHERE campaign_id IN ({Ended})", parameters, transaction);
        var forgotten = await connection.ExecuteAsync($"DELETE FROM invitation_recipients WHERE campaign_id IN ({Ended})", parameters, transaction);
        await transaction.CommitAsync(cancellationToken);
        return forgotten;
    }

    /// <summary>Deletes one campaign's list and unsent e-mails, inside the caller's transaction (the one that closes it).</summary>
    internal static async Task ForgetAsync(DbConnection connection, DbTransaction transaction, string campaignId)
    {
        await connection.ExecuteAsync("DELETE FROM invitation_outbox WHERE campaign_id = @CampaignId", new { CampaignId = campaignId }, transaction);
        await connection.ExecuteAsync("DELETE FROM invitation_recipients WHERE campaign_id = @CampaignId", new { CampaignId = campaignId }, transaction);
    }
}
