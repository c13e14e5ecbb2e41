using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using CultureDiagnostics.Core;
using CultureDiagnostics.Core.Collection;
using Dapper;

namespace CultureDiagnostics.Data.Responses;

public enum StoreOutcome
{
    Stored,

    /// <summary>A submission with the same idempotency key was stored before; nothing new was written.</summary>
    AlreadyStored,

    /// <summary>The single-use invitation had already been used; nothing was written.</summary>
    InvitationUsed,

    /// <summary>The campaign stopped taking responses (it was closed) before this one could be stored; nothing was written.</summary>
    CampaignNotOpen,
}

/// <summary>A respondent's accepted submission with the campaign and unit behind its access code.</summary>
public sealed record KeyedSubmission(string CampaignId, string UnitId, string IdempotencyKey, AcceptedSubmission Submission, string? InvitationHash);

/// <summary>
/// Stores responses so that nothing ties one to a person or to the order of arrival: a random id,
/// the submission date only, and the idempotency key kept hashed in a table of its own.
/// </summary>
public sealed class ResponseStore(Database database, TimeProvider clock)
{
    public async Task<StoreOutcome> StoreAsync(
        string campaignId, string unitId, string idempotencyKey, AcceptedSubmission submission, string? invitationHash = null,
        CancellationToken cancellationToken = default) =>
        (await StoreManyAsync([new KeyedSubmission(campaignId, unitId, idempotencyKey, submission, invitationHash)], cancellationToken))[0];

    /// <summary>
    /// Stores several respondents' submissions in one transaction (one disk sync for all: see
    /// <see cref="ResponseWriter"/>), each with its own outcome, in order: a key repeated within the
    /// list is stored once. Either every stored one is committed or, if this throws, none is.
    /// </summary>
    public async Task<IReadOnlyList<StoreOutcome>> StoreManyAsync(IReadOnlyList<KeyedSubmission> submissions, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await StoreManyAsync(connection, submissions, cancellationToken);
    }

    /// <summary>The writer's connection, kept open between batches (see <see cref="Database.OpenWriterAsync"/>).</summary>
    public Task<DbConnection> OpenWriterAsync(CancellationToken cancellationToken = default) => database.OpenWriterAsync(cancellationToken);

    /// <summary>As <see cref="StoreManyAsync(IReadOnlyList{KeyedSubmission}, CancellationToken)"/>, on a connection the caller holds open.</summary>
    public async Task<IReadOnlyList<StoreOutcome>> StoreManyAsync(DbConnection connection, IReadOnlyList<KeyedSubmission> submissions, CancellationToken cancellationToken = default)
    {
        var today = Dates.Format(clock.Today());
        var outcomes = new StoreOutcome[submissions.Count];
        // One transaction: each key, its response and every answer are stored together or not at all.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        for (var i = 0; i < submissions.Count; i++)
        {
            outcomes[i] = await StoreOneAsync(connection, transaction, today, submissions[i]);
        }

        await transaction.CommitAsync(cancellationToken);
        return outcomes;
    }

    private async Task<StoreOutcome> StoreOneAsync(DbConnection connection, DbTransaction transaction, string today, KeyedSubmission submission)
    {
        var keyHash = HashKey(submission.IdempotencyKey);
        var keyStored = await connection.ExecuteAsync(
            """
            INSERT INTO submission_keys (key_hash, submitted_on) VALUES (@KeyHash, @Today)
            ON CONFLICT (key_hash) DO NOTHING
            """,
            new { KeyHash = keyHash, Today = today }, transaction);
        if (keyStored == 0)
        {
            return StoreOutcome.AlreadyStored;
        }

        // The campaign is read again here, where the database decides: a close committed by any
        // instance before this point refuses the response, and one made after waits for it to commit.
        var status = await connection.ExecuteScalarAsync<string>(
            "SELECT status FROM campaigns WHERE id = @CampaignId" + database.Dialect.LockRowForShare, new { submission.CampaignId }, transaction);
        if (status != "open")
        {
            // Other submissions share the transaction: take back only this one's key.
            await connection.ExecuteAsync("DELETE FROM submission_keys WHERE key_hash = @KeyHash", new { KeyHash = keyHash }, transaction);
            return StoreOutcome.CampaignNotOpen;
        }

        // The invitation is spent in the same transaction that stores the response: both or neither.
        if (submission.InvitationHash is not null && await connection.ExecuteAsync(
                "UPDATE invitations SET used = 1 WHERE token_hash = @Hash AND used = 0", new { Hash = submission.InvitationHash }, transaction) == 0)
        {
            // Other submissions share the transaction: take back only this one's key.
            await connection.ExecuteAsync("DELETE FROM submission_keys WHERE key_hash = @KeyHash", new { KeyHash = keyHash }, transaction);
            return StoreOutcome.InvitationUsed;
        }

        var responseId = Guid.NewGuid().ToString("N");
        await connection.ExecuteAsync(
            "INSERT INTO responses (id, campaign_id, unit_id, submitted_on) VALUES (@Id, @CampaignId, @UnitId, @Today)",
            new { Id = responseId, submission.CampaignId, submission.UnitId, Today = today }, transaction);
        await InsertContentAsync(connection, transaction, submission.CampaignId, submission.UnitId, responseId, submission.Submission);
        return StoreOutcome.Stored;
    }

    private static async Task InsertContentAsync(
        DbConnection connection, DbTransaction transaction, string campaignId, string unitId, string responseId, AcceptedSubmission submission)
    {
        await connection.ExecuteAsync(
            """
            INSERT INTO answers (campaign_id, response_id, instrument_id, unit_id, answers)
            VALUES (@CampaignId, @ResponseId, @InstrumentId, @UnitId, @Answers)
            """,
            submission.Answers.GroupBy(a => a.InstrumentId).Select(g => new
            {
                CampaignId = campaignId, ResponseId = responseId, InstrumentId = g.Key, UnitId = unitId, Answers = AnswersJson.Write(g),
            }),
            transaction);
        await connection.ExecuteAsync(
            "INSERT INTO demographic_answers (response_id, question_id, value) VALUES (@ResponseId, @QuestionId, @Value)",
            submission.Demographics.Select(d => new { ResponseId = responseId, d.QuestionId, d.Value }), transaction);
        await connection.ExecuteAsync(
            """
            INSERT INTO comments (id, campaign_id, unit_id, instrument_id, item_id, text)
            VALUES (@Id, @CampaignId, @UnitId, @InstrumentId, @ItemId, @Text)
            """,
            submission.Comments.Select(c => new { Id = Guid.NewGuid().ToString("N"), CampaignId = campaignId, UnitId = unitId, c.InstrumentId, c.ItemId, c.Text }),
            transaction);
    }

    /// <summary>
    /// Stores many responses in one transaction (demo data, benchmarks and imports of earlier waves);
    /// these have no idempotency key because they do not come from a respondent's device.
    /// </summary>
    public async Task StoreBatchAsync(
        string campaignId, IEnumerable<(string UnitId, DateOnly SubmittedOn, AcceptedSubmission Submission)> batch, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (unitId, submittedOn, submission) in batch)
        {
            var responseId = Guid.NewGuid().ToString("N");
            await connection.ExecuteAsync(
                "INSERT INTO responses (id, campaign_id, unit_id, submitted_on) VALUES (@Id, @CampaignId, @UnitId, @SubmittedOn)",
                new { Id = responseId, CampaignId = campaignId, UnitId = unitId, SubmittedOn = Dates.Format(submittedOn) }, transaction);
            await InsertContentAsync(connection, transaction, campaignId, unitId, responseId, submission);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// How many responses a campaign has, by unit, sent up to and including a day (live counts are a day behind).
    /// Raw counts: callers apply disclosure control.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> CountByUnitAsync(string campaignId, DateOnly until, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string UnitId, long Count)>(new CommandDefinition(
            "SELECT unit_id, COUNT(*) FROM responses WHERE campaign_id = @CampaignId AND submitted_on <= @Until GROUP BY unit_id",
            new { CampaignId = campaignId, Until = Dates.Format(until) }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.UnitId, r => (int)r.Count);
    }

    public async Task<bool> AnyForInstrumentAsync(string instrumentId, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT COUNT(*) FROM responses r
            JOIN campaign_instruments ci ON ci.campaign_id = r.campaign_id
            WHERE ci.instrument_id = @InstrumentId AND ci.instrument_version = @Version
            """,
            new { InstrumentId = instrumentId, Version = version }, cancellationToken: cancellationToken)) > 0;
    }

    // The key is chosen by the respondent's device; only its hash is kept so the table holds nothing the device could be matched with.
    private static string HashKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
