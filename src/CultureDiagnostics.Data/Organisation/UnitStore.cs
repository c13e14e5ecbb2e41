using CultureDiagnostics.Core;
using CultureDiagnostics.Core.Organisation;
using Dapper;

namespace CultureDiagnostics.Data.Organisation;

/// <summary>A change to the structure as listed: when it takes effect, what it is, and what it did in words.</summary>
public sealed record RecordedChange(string Id, DateOnly EffectiveOn, ChangeKind Kind, string Summary);

/// <summary>
/// The organisation's units through time (<see cref="OrganisationHistory"/>): every unit ever added with its dated
/// changes, the structure on any day, and the structure each campaign ran with (taken when it opens).
/// </summary>
public sealed class UnitStore(Database database, TimeProvider clock)
{
    private const string SelectUnits = """
        SELECT id AS Id, code AS Code, name AS Name, parent_id AS ParentId, headcount AS Headcount, starts_on AS StartsOn
        FROM units
        """;

    private const string SelectVersions = """
        SELECT unit_id AS UnitId, effective_on AS EffectiveOn, name AS Name, parent_id AS ParentId, headcount AS Headcount, retired AS Retired
        FROM unit_versions
        """;

    /// <summary>The structure today.</summary>
    public async Task<IReadOnlyList<Unit>> AllAsync(CancellationToken cancellationToken = default) =>
        (await HistoryAsync(cancellationToken)).UnitsAsOf(clock.Today());

    /// <summary>The structure on a day (planned changes included when the day is ahead).</summary>
    public async Task<IReadOnlyList<Unit>> AsOfAsync(DateOnly day, CancellationToken cancellationToken = default) =>
        (await HistoryAsync(cancellationToken)).UnitsAsOf(day);

    public async Task<OrganisationHistory> HistoryAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await HistoryAsync(connection, null, cancellationToken);
    }

    private static async Task<OrganisationHistory> HistoryAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, CancellationToken ct)
    {
        var units = await connection.QueryAsync<UnitRow>(new CommandDefinition(SelectUnits, transaction: transaction, cancellationToken: ct));
        var versions = await connection.QueryAsync<VersionRow>(new CommandDefinition(SelectVersions, transaction: transaction, cancellationToken: ct));
        return new OrganisationHistory(
            units.Select(u => new UnitRecord(u.ToUnit(), u.StartsOn is null ? null : Dates.Parse(u.StartsOn))),
            versions.Select(v => new UnitVersion(v.UnitId, Dates.Parse(v.EffectiveOn), v.Name, v.ParentId, v.Headcount is null ? null : (int)v.Headcount, v.Retired != 0)));
    }

    /// <summary>
    /// The structure a campaign ran with, kept when it opened; null for a draft, whose structure is today's until it opens.
    /// </summary>
    public async Task<IReadOnlyList<Unit>?> OfCampaignAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<UnitRow>(new CommandDefinition(
            """
            SELECT s.unit_id AS Id, u.code AS Code, s.name AS Name, s.parent_id AS ParentId, s.headcount AS Headcount, CAST(NULL AS TEXT) AS StartsOn
            FROM campaign_structure s JOIN units u ON u.id = s.unit_id
            WHERE s.campaign_id = @CampaignId
            """,
            new { CampaignId = campaignId }, cancellationToken: cancellationToken))).ToList();
        return rows.Count == 0 ? null : rows.Select(r => r.ToUnit()).ToList();
    }

    /// <summary>The structure a campaign runs with: kept when it opened; today's while it is a draft.</summary>
    public async Task<IReadOnlyList<Unit>> ForCampaignAsync(string campaignId, CancellationToken cancellationToken = default) =>
        await OfCampaignAsync(campaignId, cancellationToken) ?? await AllAsync(cancellationToken);

    /// <summary>Keeps the structure on <paramref name="day"/> as a campaign's own, in the caller's transaction (the one that opens it).</summary>
    public static async Task KeepForCampaignAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string campaignId, DateOnly day)
    {
        var units = (await HistoryAsync(connection, transaction, CancellationToken.None)).UnitsAsOf(day);
        await connection.ExecuteAsync("DELETE FROM campaign_structure WHERE campaign_id = @CampaignId", new { CampaignId = campaignId }, transaction);
        await connection.ExecuteAsync(
            "INSERT INTO campaign_structure (campaign_id, unit_id, name, parent_id, headcount) VALUES (@CampaignId, @Id, @Name, @ParentId, @Headcount)",
            units.Select(u => new { CampaignId = campaignId, u.Id, u.Name, u.ParentId, u.Headcount }), transaction);
    }

    /// <summary>Stores a checked change (<see cref="Reorganisation"/>): its new units, its versions and its line in the list, all or nothing.</summary>
    public async Task RecordAsync(PlannedChange change, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().ToString("O");
        foreach (var record in change.NewUnits)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO units (id, code, name, parent_id, headcount, created_at, starts_on)
                VALUES (@Id, @Code, @Name, @ParentId, @Headcount, @CreatedAt, @StartsOn)
                """,
                new { record.Unit.Id, record.Unit.Code, record.Unit.Name, record.Unit.ParentId, record.Unit.Headcount, CreatedAt = now, StartsOn = record.StartsOn is { } d ? Dates.Format(d) : null },
                transaction);
        }

        // A second change to a unit on the same day replaces the first's version: it was worked out from it.
        await connection.ExecuteAsync(
            """
            INSERT INTO unit_versions (unit_id, effective_on, name, parent_id, headcount, retired)
            VALUES (@UnitId, @EffectiveOn, @Name, @ParentId, @Headcount, @Retired)
            ON CONFLICT (unit_id, effective_on) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id, headcount = excluded.headcount, retired = excluded.retired
            """,
            change.Versions.Select(v => new { v.UnitId, EffectiveOn = Dates.Format(v.EffectiveOn), v.Name, v.ParentId, v.Headcount, Retired = v.Retired ? 1 : 0 }),
            transaction);
        await connection.ExecuteAsync(
            "INSERT INTO structure_changes (id, effective_on, kind, summary, recorded_at) VALUES (@Id, @EffectiveOn, @Kind, @Summary, @RecordedAt)",
            new
            {
                Id = Guid.NewGuid().ToString("N"), EffectiveOn = Dates.Format(change.Change.EffectiveOn!.Value), Kind = change.Change.Kind.ToString().ToLowerInvariant(),
                change.Summary, RecordedAt = now,
            },
            transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Every recorded change, the latest to take effect first.</summary>
    public async Task<IReadOnlyList<RecordedChange>> ChangesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, string EffectiveOn, string Kind, string Summary)>(new CommandDefinition(
            "SELECT id, effective_on, kind, summary FROM structure_changes ORDER BY effective_on DESC, recorded_at DESC", cancellationToken: cancellationToken));
        return rows.Select(r => new RecordedChange(r.Id, Dates.Parse(r.EffectiveOn), Enum.Parse<ChangeKind>(r.Kind, ignoreCase: true), r.Summary)).ToList();
    }

    /// <summary>Adds a batch of already-validated units in one transaction: all or nothing.</summary>
    public async Task<IReadOnlyList<Unit>> AddAsync(IReadOnlyList<ProposedUnit> proposed, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = (await HistoryAsync(connection, transaction, cancellationToken)).UnitsAsOf(clock.Today())
            .ToDictionary(u => u.Code, u => u.Id, StringComparer.OrdinalIgnoreCase);
        var ids = proposed.ToDictionary(p => p.Code, _ => Guid.NewGuid().ToString("N"), StringComparer.OrdinalIgnoreCase);
        var now = clock.GetUtcNow().ToString("O");
        var added = new List<Unit>();

        // Parents first, so every foreign key points at a row that exists.
        foreach (var unit in ParentsFirst(proposed))
        {
            string? parentId = unit.ParentCode is null ? null
                : ids.TryGetValue(unit.ParentCode, out var newId) ? newId : existing[unit.ParentCode];
            await connection.ExecuteAsync(
                """
                INSERT INTO units (id, code, name, parent_id, headcount, created_at)
                VALUES (@Id, @Code, @Name, @ParentId, @Headcount, @CreatedAt)
                """,
                new { Id = ids[unit.Code], unit.Code, unit.Name, ParentId = parentId, unit.Headcount, CreatedAt = now },
                transaction);
            added.Add(new Unit(ids[unit.Code], unit.Code, unit.Name, parentId, unit.Headcount));
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>
    /// Corrects a unit's name or headcount as it stands today (its latest change up to today, or its first state):
    /// planned changes and the structure campaigns ran with stay as they are. Returns false when no unit in today's
    /// structure has the code.
    /// </summary>
    public async Task<bool> UpdateAsync(string code, string name, int? headcount, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var today = clock.Today();
        var history = await HistoryAsync(connection, transaction, cancellationToken);
        var unit = history.UnitsAsOf(today).FirstOrDefault(u => string.Equals(u.Code, code, StringComparison.OrdinalIgnoreCase));
        if (unit is null)
        {
            return false;
        }

        var inForce = history.Versions.Where(v => v.UnitId == unit.Id && v.EffectiveOn <= today).MaxBy(v => v.EffectiveOn);
        await connection.ExecuteAsync(
            inForce is null
                ? "UPDATE units SET name = @Name, headcount = @Headcount WHERE id = @Id"
                : "UPDATE unit_versions SET name = @Name, headcount = @Headcount WHERE unit_id = @Id AND effective_on = @EffectiveOn",
            new { unit.Id, Name = name, Headcount = headcount, EffectiveOn = inForce is null ? null : Dates.Format(inForce.EffectiveOn) },
            transaction);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static List<ProposedUnit> ParentsFirst(IReadOnlyList<ProposedUnit> proposed)
    {
        var byCode = proposed.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ordered = new List<ProposedUnit>();

        void Visit(ProposedUnit unit)
        {
            if (!done.Add(unit.Code))
            {
                return;
            }

            if (unit.ParentCode is not null && byCode.TryGetValue(unit.ParentCode, out var parent))
            {
                Visit(parent);
            }

            ordered.Add(unit);
        }

        foreach (var unit in proposed)
        {
            Visit(unit);
        }

        return ordered;
    }

    private sealed record VersionRow(string UnitId, string EffectiveOn, string Name, string? ParentId, long? Headcount, long Retired);

    /// <summary>A units row; properties rather than a constructor, as SQLite gives an all-NULL column no type Dapper could match.</summary>
    private sealed class UnitRow
    {
        public string Id { get; init; } = "";

        public string Code { get; init; } = "";

        public string Name { get; init; } = "";

        public string? ParentId { get; init; }

        public long? Headcount { get; init; }

        public string? StartsOn { get; init; }

        public Unit ToUnit() => new(Id, Code, Name, ParentId, Headcount is null ? null : (int)Headcount);
    }
}
