using System.Globalization;
using Dapper;

namespace CultureDiagnostics.Data.Invitations;

public enum MailKind
{
    Invitation,
    Reminder,
}

/// <summary>An e-mail a sender has claimed: no other sender takes it until <c>claimed_until</c> has passed.</summary>
/// <param name="Attempts">Including this one.</param>
public sealed record ClaimedMail(string Id, string CampaignId, string RecipientId, MailKind Kind, int Attempts);

/// <summary>Where a claimed e-mail goes, now that the invitation it carries has a new token.</summary>
public sealed record MailRecipient(string Address, string UnitId);

/// <summary>Times in the outbox: ISO 8601 in UTC with a fixed width, so that text order is time order on both databases.</summary>
public static class OutboxTimes
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// The e-mails still to send, shared by every sender on the database (several instances on one PostgreSQL
/// database, or several loops in one process): a sender claims a few rows in one statement, which no other
/// sender can claim until the lease ends, sends them, and deletes each once sent or puts it back with a later
/// due time when sending failed.
/// </summary>
public sealed class InvitationOutboxStore(Database database)
{
    /// <summary>
    /// Claims up to <paramref name="batch"/> e-mails that are due, unclaimed (or whose lease has ended) and
    /// belong to a campaign that takes responses today. The claim is one UPDATE that repeats its conditions
    /// on the row it changes: on PostgreSQL a second sender whose sub-select saw the same row waits for the
    /// first to commit and then finds the row claimed (and with SKIP LOCKED does not even wait); on SQLite
    /// the statement holds the only write lock.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedMail>> ClaimAsync(
        string sender, int batch, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, string CampaignId, string RecipientId, string Kind, long Attempts)>(new CommandDefinition(
            $"""
            UPDATE invitation_outbox
            SET claimed_by = @Sender, claimed_until = @Until, attempts = attempts + 1
            WHERE id IN (
                SELECT o.id FROM invitation_outbox o
                JOIN campaigns c ON c.id = o.campaign_id
                WHERE o.undeliverable = 0 AND o.due_at <= @Now AND (o.claimed_until IS NULL OR o.claimed_until <= @Now)
                  AND c.status = 'open' AND c.opens_on <= @Today AND c.closes_on >= @Today
                ORDER BY o.due_at
                LIMIT @Batch{database.Dialect.SkipLockedRows})
              AND undeliverable = 0 AND due_at <= @Now AND (claimed_until IS NULL OR claimed_until <= @Now)
            RETURNING id, campaign_id, recipient_id, kind, attempts
            """,
            new
            {
                Sender = sender, Batch = batch, Now = OutboxTimes.Format(now), Until = OutboxTimes.Format(now + lease),
                Today = Dates.Format(DateOnly.FromDateTime(now.UtcDateTime)),
            },
            cancellationToken: cancellationToken));
        return rows.Select(r => new ClaimedMail(r.Id, r.CampaignId, r.RecipientId, r.Kind == "reminder" ? MailKind.Reminder : MailKind.Invitation, (int)r.Attempts))
            .ToList();
    }

    /// <summary>
    /// Gives the invitation of the e-mail's recipient a new token (stored, as every invitation, only as its hash)
    /// and says where to send it; or null when there is nothing to send: the invitation is spent (the person has
    /// answered), a reminder's invitation has not been sent yet, or the list was deleted. A new token for every
    /// e-mail means the platform never keeps one to send again: a reminder carries a new link, and the link of an
    /// earlier e-mail stops working.
    /// </summary>
    public async Task<MailRecipient?> IssueTokenAsync(ClaimedMail mail, string tokenHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var recipient = await connection.QuerySingleOrDefaultAsync<(string CampaignId, string UnitId, string Address, string? TokenHash)>(
            "SELECT campaign_id, unit_id, address, token_hash FROM invitation_recipients WHERE id = @Id", new { Id = mail.RecipientId }, transaction);
        if (recipient.Address is null || (recipient.TokenHash is null && mail.Kind == MailKind.Reminder))
        {
            return null;
        }

        if (recipient.TokenHash is null)
        {
            await connection.ExecuteAsync(
                "INSERT INTO invitations (token_hash, campaign_id, unit_id, used) VALUES (@Hash, @CampaignId, @UnitId, 0)",
                new { Hash = tokenHash, recipient.CampaignId, recipient.UnitId }, transaction);
        }
        else if (await connection.ExecuteAsync(
                     "UPDATE invitations SET token_hash = @Hash WHERE token_hash = @Previous AND used = 0",
                     new { Hash = tokenHash, Previous = recipient.TokenHash }, transaction) == 0)
        {
            // Spent: this person has answered, and is sent nothing more.
            return null;
        }

        await connection.ExecuteAsync(
            "UPDATE invitation_recipients SET token_hash = @Hash WHERE id = @Id", new { Hash = tokenHash, Id = mail.RecipientId }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return new MailRecipient(recipient.Address, recipient.UnitId);
    }

    /// <summary>The e-mail is sent, or there was nothing to send: it leaves the outbox.</summary>
    public async Task CompleteAsync(ClaimedMail mail, string sender, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM invitation_outbox WHERE id = @Id AND claimed_by = @Sender", new { mail.Id, Sender = sender }, cancellationToken: cancellationToken));
    }

    /// <summary>Sending failed for now: the e-mail waits until <paramref name="dueAt"/> and any sender may then take it.</summary>
    public async Task RetryLaterAsync(ClaimedMail mail, string sender, DateTimeOffset dueAt, string error, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE invitation_outbox SET due_at = @DueAt, claimed_by = NULL, claimed_until = NULL, last_error = @Error
            WHERE id = @Id AND claimed_by = @Sender
            """,
            new { mail.Id, Sender = sender, DueAt = OutboxTimes.Format(dueAt), Error = error }, cancellationToken: cancellationToken));
    }

    /// <summary>The mail server refused the address, or every attempt failed: the e-mail is kept, counted as undeliverable, and not tried again.</summary>
    public async Task GiveUpAsync(ClaimedMail mail, string sender, string error, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE invitation_outbox SET undeliverable = 1, claimed_by = NULL, claimed_until = NULL, last_error = @Error
            WHERE id = @Id AND claimed_by = @Sender
            """,
            new { mail.Id, Sender = sender, Error = error }, cancellationToken: cancellationToken));
    }
}
