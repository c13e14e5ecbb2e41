using System.Data.Common;
using System.Security.Cryptography;
using CultureDiagnostics.Core;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Data.Invitations;
using Dapper;

namespace CultureDiagnostics.Data.Campaigns;

/// <summary>A campaign as asked for, with the instruments' fingerprints to record on first use.</summary>
/// <summary>How a respondent's link resolved: the campaign, their unit, and the invitation used, if any.</summary>
public sealed record SurveyAccess(Campaign Campaign, string UnitId, string? InvitationHash);

public sealed record NewCampaign(
    string Title,
    string Organiser,
    DateOnly OpensOn,
    DateOnly ClosesOn,
    DisclosureThresholds Thresholds,
    IReadOnlyList<(CampaignInstrument Instrument, string Fingerprint)> Instruments,
    IReadOnlyList<string> UnitIds,
    bool InvitationsOnly = false);

public sealed class CampaignStore(Database database, TimeProvider clock)
{
    // Lower-case letters and digits without look-alikes (0/o, 1/l/i), so a code read off a poster is typed right.
    private const string CodeAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    private const int CodeLength = 10;

    // Longer than unit codes: an invitation stands for one person, so it must not be guessable from others issued.
    private const int InvitationLength = 16;

    private const string SelectCampaigns = """
        SELECT id AS Id, title AS Title, organiser AS Organiser, opens_on AS OpensOn, closes_on AS ClosesOn,
               score_threshold AS ScoreThreshold, comment_threshold AS CommentThreshold, status AS Status,
               invitations_only AS InvitationsOnly, closed_on AS ClosedOn
        FROM campaigns
        """;

    public async Task<Campaign> CreateAsync(NewCampaign campaign, CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid().ToString("N");
        var units = campaign.UnitIds.Select(u => new CampaignUnit(u, NewAccessCode())).ToList();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO campaigns (id, title, organiser, opens_on, closes_on, score_threshold, comment_threshold, status, created_at,
                                   comment_key, invitations_only)
            VALUES (@Id, @Title, @Organiser, @OpensOn, @ClosesOn, @Scores, @Comments, 'draft', @CreatedAt, @CommentKey, @InvitationsOnly)
            """,
            new
            {
                Id = id, campaign.Title, campaign.Organiser, campaign.OpensOn, campaign.ClosesOn,
                campaign.Thresholds.Scores, campaign.Thresholds.Comments, CreatedAt = clock.GetUtcNow().ToString("O"),
                CommentKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), InvitationsOnly = campaign.InvitationsOnly ? 1 : 0,
            },
            transaction);
        await InsertInstrumentsAsync(connection, transaction, id, campaign.Instruments);
        foreach (var unit in units)
        {
            await connection.ExecuteAsync(
                "INSERT INTO campaign_units (campaign_id, unit_id, access_code) VALUES (@CampaignId, @UnitId, @AccessCode)",
                new { CampaignId = id, unit.UnitId, unit.AccessCode }, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        return new Campaign(id, campaign.Title, campaign.Organiser, campaign.OpensOn, campaign.ClosesOn, campaign.Thresholds,
            CampaignStatus.Draft, campaign.Instruments.Select(i => i.Instrument).ToList(), units, campaign.InvitationsOnly);
    }

    public async Task<IReadOnlyList<Campaign>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CampaignRow>(new CommandDefinition(
            SelectCampaigns + " ORDER BY opens_on DESC, title", cancellationToken: cancellationToken));
        var campaigns = new List<Campaign>();
        foreach (var row in rows)
        {
            campaigns.Add(await LoadDetailsAsync(connection, row, cancellationToken));
        }

        return campaigns;
    }

    public async Task<Campaign?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CampaignRow>(new CommandDefinition(
            SelectCampaigns + " WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
        return row is null ? null : await LoadDetailsAsync(connection, row, cancellationToken);
    }

    /// <summary>
    /// The campaign and unit behind a respondent's code: a unit's shared access code, or a single-use
    /// invitation token (found by its hash).
    /// </summary>
    public Task<SurveyAccess?> FindAccessAsync(string code, CancellationToken cancellationToken = default) =>
        FindAccessAsync(code, allUnits: true, cancellationToken);

    /// <param name="allUnits">
    /// False when taking a response: the campaign's units then hold only the respondent's own, which spares
    /// every submission reading every unit of the campaign (hundreds in a large trust).
    /// </param>
    public async Task<SurveyAccess?> FindAccessAsync(string code, bool allUnits, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var link = await connection.QuerySingleOrDefaultAsync<(string CampaignId, string UnitId)>(new CommandDefinition(
            "SELECT campaign_id, unit_id FROM campaign_units WHERE access_code = @Code",
            new { Code = code }, cancellationToken: cancellationToken));
        string? invitation = null;
        if (link.CampaignId is null)
        {
            invitation = HashToken(code);
            link = await connection.QuerySingleOrDefaultAsync<(string CampaignId, string UnitId)>(new CommandDefinition(
                "SELECT campaign_id, unit_id FROM invitations WHERE token_hash = @Hash",
                new { Hash = invitation }, cancellationToken: cancellationToken));
            if (link.CampaignId is null)
            {
                return null;
            }
        }

        var row = await connection.QuerySingleAsync<CampaignRow>(SelectCampaigns + " WHERE id = @Id", new { Id = link.CampaignId });
        var campaign = await LoadDetailsAsync(connection, row, cancellationToken, allUnits ? null : link.UnitId);
        return new SurveyAccess(campaign, link.UnitId, invitation);
    }

    /// <summary>
    /// Issues single-use invitations for a unit of a campaign. The tokens are returned once and only
    /// their hashes are kept.
    /// </summary>
    public async Task<IReadOnlyList<string>> IssueInvitationsAsync(string campaignId, string unitId, int count, CancellationToken cancellationToken = default)
    {
        var tokens = Enumerable.Range(0, count).Select(_ => NewInvitationToken()).ToList();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO invitations (token_hash, campaign_id, unit_id, used) VALUES (@Hash, @CampaignId, @UnitId, 0)",
            tokens.Select(t => new { Hash = HashToken(t), CampaignId = campaignId, UnitId = unitId }), transaction);
        await transaction.CommitAsync(cancellationToken);
        return tokens;
    }

    /// <summary>The secret that orders a campaign's comments in a stable shuffle (created if the campaign predates it).</summary>
    public async Task<byte[]> CommentKeyAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE campaigns SET comment_key = @Key WHERE id = @Id AND comment_key IS NULL",
            new { Id = campaignId, Key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) }, cancellationToken: cancellationToken));
        var key = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT comment_key FROM campaigns WHERE id = @Id", new { Id = campaignId }, cancellationToken: cancellationToken));
        return Convert.FromHexString(key!);
    }

    /// <summary>A new single-use invitation token: printed ones and e-mailed ones are made alike.</summary>
    public static string NewInvitationToken() => RandomNumberGenerator.GetString(CodeAlphabet, InvitationLength);

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// Moves a campaign from one status to the next; false if it was not in <paramref name="from"/>. Closing
    /// it deletes its list of invitees in the same transaction: the list is needed only while it runs.
    /// </summary>
    public Task<bool> ChangeStatusAsync(string id, CampaignStatus from, CampaignStatus to, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(id, from, to, null, cancellationToken);

    /// <inheritdoc cref="ChangeStatusAsync(string, CampaignStatus, CampaignStatus, CancellationToken)"/>
    /// <param name="on">The day of a change to closed, kept as the day it closed.</param>
    public async Task<bool> ChangeStatusAsync(
        string id, CampaignStatus from, CampaignStatus to, DateOnly? on, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(
            "UPDATE campaigns SET status = @To, closed_on = COALESCE(@ClosedOn, closed_on) WHERE id = @Id AND status = @From",
            new { Id = id, From = StatusText(from), To = StatusText(to), ClosedOn = to == CampaignStatus.Closed && on is { } day ? Dates.Format(day) : null },
            transaction);
        if (changed > 0 && to == CampaignStatus.Closed)
        {
            await InvitationListStore.ForgetAsync(connection, transaction, id);
        }

        // Opening fixes the structure the campaign runs with: later changes to the tree never change its results.
        if (changed > 0 && from == CampaignStatus.Draft && to == CampaignStatus.Open)
        {
            await Organisation.UnitStore.KeepForCampaignAsync(connection, transaction, id, on ?? clock.Today());
        }

        await transaction.CommitAsync(cancellationToken);
        return changed > 0;
    }

    /// <summary>The campaign the change team chose as the board's current diagnostic, or null while none is chosen.</summary>
    public async Task<string?> BoardDiagnosticAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT campaign_id FROM board_diagnostic WHERE singleton = 1", cancellationToken: cancellationToken));
    }

    /// <summary>Makes a campaign the board's current diagnostic, in place of any other.</summary>
    public async Task ChooseBoardDiagnosticAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("DELETE FROM board_diagnostic", transaction: transaction);
        await connection.ExecuteAsync(
            "INSERT INTO board_diagnostic (singleton, campaign_id) VALUES (1, @Id)", new { Id = campaignId }, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Replaces a draft's definition in one transaction; false (and nothing changed) once it has opened. Teams it keeps keep
    /// their access codes, so links and posters already printed still work; teams added get new ones.
    /// </summary>
    public async Task<bool> UpdateDraftAsync(string id, NewCampaign campaign, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(
            """
            UPDATE campaigns SET title = @Title, organiser = @Organiser, opens_on = @OpensOn, closes_on = @ClosesOn,
                   score_threshold = @Scores, comment_threshold = @Comments, invitations_only = @InvitationsOnly
            WHERE id = @Id AND status = 'draft'
            """,
            new
            {
                Id = id, campaign.Title, campaign.Organiser, campaign.OpensOn, campaign.ClosesOn, campaign.Thresholds.Scores,
                campaign.Thresholds.Comments, InvitationsOnly = campaign.InvitationsOnly ? 1 : 0,
            },
            transaction);
        if (changed == 0)
        {
            return false;
        }

        await connection.ExecuteAsync("DELETE FROM campaign_instruments WHERE campaign_id = @Id", new { Id = id }, transaction);
        await InsertInstrumentsAsync(connection, transaction, id, campaign.Instruments);
        var kept = (await connection.QueryAsync<string>("SELECT unit_id FROM campaign_units WHERE campaign_id = @Id", new { Id = id }, transaction)).ToHashSet();
        foreach (var dropped in kept.Except(campaign.UnitIds))
        {
            await connection.ExecuteAsync("DELETE FROM campaign_units WHERE campaign_id = @Id AND unit_id = @UnitId", new { Id = id, UnitId = dropped }, transaction);
        }

        foreach (var added in campaign.UnitIds.Where(u => !kept.Contains(u)))
        {
            await connection.ExecuteAsync(
                "INSERT INTO campaign_units (campaign_id, unit_id, access_code) VALUES (@CampaignId, @UnitId, @AccessCode)",
                new { CampaignId = id, UnitId = added, AccessCode = NewAccessCode() }, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Deletes a draft with everything it holds (its invitation list and printed invitations); false once it has opened.</summary>
    public async Task<bool> DeleteDraftAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var draft = await connection.ExecuteScalarAsync<string?>(
            "SELECT id FROM campaigns WHERE id = @Id AND status = 'draft'" + database.Dialect.LockRowForUpdate, new { Id = id }, transaction);
        if (draft is null)
        {
            return false;
        }

        foreach (var table in new[] { "invitation_outbox", "invitation_recipients", "invitations", "campaign_units", "campaign_instruments", "campaigns" })
        {
            await connection.ExecuteAsync($"DELETE FROM {table} WHERE {(table == "campaigns" ? "id" : "campaign_id")} = @Id", new { Id = id }, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The teams of a campaign with invitations already listed or printed for them.</summary>
    public async Task<IReadOnlySet<string>> UnitsWithInvitationsAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT unit_id FROM invitation_recipients WHERE campaign_id = @Id
            UNION SELECT unit_id FROM invitations WHERE campaign_id = @Id
            """, new { Id = id }, cancellationToken: cancellationToken))).ToHashSet();
    }

    private static async Task InsertInstrumentsAsync(
        DbConnection connection, DbTransaction transaction, string id, IReadOnlyList<(CampaignInstrument Instrument, string Fingerprint)> instruments)
    {
        var position = 0;
        foreach (var (instrument, fingerprint) in instruments)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO campaign_instruments (campaign_id, instrument_id, instrument_version, position)
                VALUES (@CampaignId, @InstrumentId, @Version, @Position)
                """,
                new { CampaignId = id, instrument.InstrumentId, instrument.Version, Position = position++ }, transaction);
            await connection.ExecuteAsync(
                """
                INSERT INTO instrument_versions (instrument_id, instrument_version, fingerprint)
                VALUES (@InstrumentId, @Version, @Fingerprint)
                ON CONFLICT (instrument_id, instrument_version) DO NOTHING
                """,
                new { instrument.InstrumentId, instrument.Version, Fingerprint = fingerprint }, transaction);
        }
    }

    /// <summary>Changes the thresholds of a campaign that has not opened yet; false otherwise.</summary>
    public async Task<bool> ChangeThresholdsAsync(string id, DisclosureThresholds thresholds, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE campaigns SET score_threshold = @Scores, comment_threshold = @Comments WHERE id = @Id AND status = 'draft'",
            new { Id = id, thresholds.Scores, thresholds.Comments }, cancellationToken: cancellationToken));
        return changed > 0;
    }

    /// <param name="onlyUnit">Load only this unit of the campaign, not all of them.</param>
    private static async Task<Campaign> LoadDetailsAsync(DbConnection connection, CampaignRow row, CancellationToken cancellationToken, string? onlyUnit = null)
    {
        var instruments = await connection.QueryAsync<(string InstrumentId, long Version)>(new CommandDefinition(
            "SELECT instrument_id, instrument_version FROM campaign_instruments WHERE campaign_id = @Id ORDER BY position",
            new { row.Id }, cancellationToken: cancellationToken));
        var units = await connection.QueryAsync<(string UnitId, string AccessCode)>(new CommandDefinition(
            """
            SELECT unit_id, access_code FROM campaign_units
            WHERE campaign_id = @Id AND (@OnlyUnit IS NULL OR unit_id = @OnlyUnit)
            ORDER BY access_code
            """,
            new { row.Id, OnlyUnit = onlyUnit }, cancellationToken: cancellationToken));
        return new Campaign(
            row.Id, row.Title, row.Organiser, Dates.Parse(row.OpensOn), Dates.Parse(row.ClosesOn),
            new DisclosureThresholds((int)row.ScoreThreshold, (int)row.CommentThreshold),
            ParseStatus(row.Status),
            instruments.Select(i => new CampaignInstrument(i.InstrumentId, (int)i.Version)).ToList(),
            units.Select(u => new CampaignUnit(u.UnitId, u.AccessCode)).ToList(),
            row.InvitationsOnly == 1,
            row.ClosedOn is null ? null : Dates.Parse(row.ClosedOn));
    }

    private static string NewAccessCode() => RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);

    private static string StatusText(CampaignStatus status) => status.ToString().ToLowerInvariant();

    private static CampaignStatus ParseStatus(string status) => Enum.Parse<CampaignStatus>(status, ignoreCase: true);

    private sealed record CampaignRow(
        string Id, string Title, string Organiser, string OpensOn, string ClosesOn,
        long ScoreThreshold, long CommentThreshold, string Status, long InvitationsOnly, string? ClosedOn);
}
