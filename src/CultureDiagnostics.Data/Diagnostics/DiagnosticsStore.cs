using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Spc;
using Dapper;

namespace CultureDiagnostics.Data.Diagnostics;

/// <summary>The culture and outcomes metrics, the coded findings and the synthesis (tables of migration 0003).</summary>
public sealed class DiagnosticsStore(Database database, TimeProvider clock)
{
    public async Task<IReadOnlyList<Metric>> MetricsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MetricRow>(new CommandDefinition(
            """
            SELECT id AS Id, title AS Title, element AS Element, direction AS Direction, target AS Target, unit AS Unit
            FROM metrics
            ORDER BY title
            """, cancellationToken: cancellationToken));
        return rows.Select(r => new Metric(r.Id, r.Title, r.Element, MetricRules.ParseDirection(r.Direction)!.Value, r.Target, r.Unit)).ToList();
    }

    public async Task<IReadOnlyList<MetricValue>> ValuesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MetricValue>(new CommandDefinition(
            "SELECT metric_id AS MetricId, period AS Period, value AS Value FROM metric_values ORDER BY metric_id, period",
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>Adds a metric or, when its id exists, replaces its definition (its values stay).</summary>
    public async Task SaveMetricAsync(Metric metric, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO metrics (id, title, element, direction, target, unit, created_at)
            VALUES (@Id, @Title, @Element, @Direction, @Target, @Unit, @CreatedAt)
            ON CONFLICT (id) DO UPDATE SET title = excluded.title, element = excluded.element,
                direction = excluded.direction, target = excluded.target, unit = excluded.unit
            """,
            new
            {
                metric.Id, metric.Title, metric.Element, Direction = MetricRules.DirectionText(metric.Direction), metric.Target, metric.Unit,
                CreatedAt = clock.GetUtcNow().ToString("O"),
            }, cancellationToken: cancellationToken));
    }

    /// <summary>Stores already-validated values in one transaction; a month already held is replaced.</summary>
    public async Task<int> ImportValuesAsync(IReadOnlyList<MetricValue> values, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var value in values)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO metric_values (metric_id, period, value) VALUES (@MetricId, @Period, @Value)
                ON CONFLICT (metric_id, period) DO UPDATE SET value = excluded.value
                """,
                value, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        return values.Count;
    }

    /// <summary>Every metric's change points (migration 0007), by metric and month.</summary>
    public async Task<IReadOnlyList<ChangePoint>> ChangePointsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ChangePoint>(new CommandDefinition(
            "SELECT metric_id AS MetricId, period AS Period, reason AS Reason FROM metric_change_points ORDER BY metric_id, period",
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>Marks a change point, or replaces the reason of the one already at that month.</summary>
    public async Task SaveChangePointAsync(ChangePoint change, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO metric_change_points (metric_id, period, reason) VALUES (@MetricId, @Period, @Reason)
            ON CONFLICT (metric_id, period) DO UPDATE SET reason = excluded.reason
            """, change, cancellationToken: cancellationToken));
    }

    /// <summary>Removes a change point; false when there was none at that month.</summary>
    public async Task<bool> RemoveChangePointAsync(string metricId, string period, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM metric_change_points WHERE metric_id = @MetricId AND period = @Period",
            new { MetricId = metricId, Period = period }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<IReadOnlyList<Finding>> FindingsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<FindingRow>(new CommandDefinition(
            """
            SELECT id AS Id, source AS Source, element AS Element, kind AS Kind, evidence AS Evidence, found_on AS FoundOn
            FROM findings
            ORDER BY found_on DESC, created_at DESC
            """, cancellationToken: cancellationToken));
        return rows.Select(r => new Finding(r.Id, r.Source, r.Element, r.Kind, r.Evidence, Dates.Parse(r.FoundOn))).ToList();
    }

    public async Task<Finding?> FindingAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<FindingRow>(new CommandDefinition(
            """
            SELECT id AS Id, source AS Source, element AS Element, kind AS Kind, evidence AS Evidence, found_on AS FoundOn
            FROM findings
            WHERE id = @Id
            """, new { Id = id }, cancellationToken: cancellationToken));
        return row is null ? null : new Finding(row.Id, row.Source, row.Element, row.Kind, row.Evidence, Dates.Parse(row.FoundOn));
    }

    /// <summary>Replaces a finding's fields (its id and place in the list stay); false when no finding has the id.</summary>
    public async Task<bool> UpdateFindingAsync(Finding finding, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE findings SET source = @Source, element = @Element, kind = @Kind, evidence = @Evidence, found_on = @FoundOn
            WHERE id = @Id
            """,
            new { finding.Id, finding.Source, finding.Element, finding.Kind, finding.Evidence, FoundOn = Dates.Format(finding.FoundOn) },
            cancellationToken: cancellationToken)) > 0;
    }

    public async Task<Finding> AddFindingAsync(string source, string element, string kind, string evidence, DateOnly foundOn, CancellationToken cancellationToken = default)
    {
        var finding = new Finding(Guid.NewGuid().ToString("N"), source, element, kind, evidence, foundOn);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO findings (id, source, element, kind, evidence, found_on, created_at)
            VALUES (@Id, @Source, @Element, @Kind, @Evidence, @FoundOn, @CreatedAt)
            """,
            new { finding.Id, finding.Source, finding.Element, finding.Kind, finding.Evidence, FoundOn = Dates.Format(foundOn), CreatedAt = clock.GetUtcNow().ToString("O") },
            cancellationToken: cancellationToken));
        return finding;
    }

    public async Task<bool> DeleteFindingAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM findings WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<IReadOnlyDictionary<(string Element, string Source), string>> ConclusionsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Element, string Source, string Conclusion)>(new CommandDefinition(
            "SELECT element, source, conclusion FROM synthesis_cells", cancellationToken: cancellationToken));
        return rows.ToDictionary(r => (r.Element, r.Source), r => r.Conclusion);
    }

    /// <summary>Saves a cell's conclusion; an empty text removes it.</summary>
    public async Task SaveConclusionAsync(string element, string source, string conclusion, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(conclusion))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM synthesis_cells WHERE element = @Element AND source = @Source",
                new { Element = element, Source = source }, cancellationToken: cancellationToken));
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO synthesis_cells (element, source, conclusion, updated_at) VALUES (@Element, @Source, @Conclusion, @UpdatedAt)
            ON CONFLICT (element, source) DO UPDATE SET conclusion = excluded.conclusion, updated_at = excluded.updated_at
            """,
            new { Element = element, Source = source, Conclusion = SynthesisText.Normal(conclusion), UpdatedAt = clock.GetUtcNow().ToString("O") },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Saves several changes to the synthesis at once, each only if what is stored is still what the person saw when
    /// they started editing (<see cref="SynthesisChange.Before"/>); a change someone else already made alike is no
    /// conflict. All or nothing: with any conflict nothing is stored, and the conflicts are returned with what is stored
    /// now.
    /// </summary>
    public async Task<IReadOnlyList<SynthesisConflict>> SaveSynthesisAsync(IReadOnlyList<SynthesisChange> changes, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().ToString("O");
        var conflicts = new List<SynthesisConflict>();
        foreach (var change in changes)
        {
            var (before, after) = (SynthesisText.OrNull(change.Before), SynthesisText.OrNull(change.After));
            var row = new { change.Element, change.Source, Value = after, UpdatedAt = now };
            var (table, column, where) = change.Source is null
                ? ("synthesis_elements", "judgement", "element = @Element")
                : ("synthesis_cells", "conclusion", "element = @Element AND source = @Source");
            var stored = SynthesisText.OrNull(await connection.QuerySingleOrDefaultAsync<string?>(
                $"SELECT {column} FROM {table} WHERE {where}" + database.Dialect.LockRowForUpdate, row, transaction));
            if (stored == after)
            {
                continue;
            }

            var written = stored != before ? 0 : (stored, after) switch
            {
                (_, null) => await connection.ExecuteAsync($"DELETE FROM {table} WHERE {where}", row, transaction),
                (null, _) => await connection.ExecuteAsync(change.Source is null
                    ? "INSERT INTO synthesis_elements (element, judgement, updated_at) VALUES (@Element, @Value, @UpdatedAt) ON CONFLICT (element) DO NOTHING"
                    : "INSERT INTO synthesis_cells (element, source, conclusion, updated_at) VALUES (@Element, @Source, @Value, @UpdatedAt) ON CONFLICT (element, source) DO NOTHING",
                    row, transaction),
                _ => await connection.ExecuteAsync($"UPDATE {table} SET {column} = @Value, updated_at = @UpdatedAt WHERE {where}", row, transaction),
            };
            if (written == 0)
            {
                conflicts.Add(new SynthesisConflict(change, stored));
            }
        }

        if (conflicts.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return conflicts;
        }

        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    public async Task<IReadOnlyDictionary<string, string>> JudgementsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Element, string Judgement)>(new CommandDefinition(
            "SELECT element, judgement FROM synthesis_elements", cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Element, r => r.Judgement);
    }

    /// <summary>Saves the change team's judgement of an element; null returns it to the suggestion from evidence.</summary>
    public async Task SaveJudgementAsync(string element, string? judgement, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (judgement is null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM synthesis_elements WHERE element = @Element", new { Element = element }, cancellationToken: cancellationToken));
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO synthesis_elements (element, judgement, updated_at) VALUES (@Element, @Judgement, @UpdatedAt)
            ON CONFLICT (element) DO UPDATE SET judgement = excluded.judgement, updated_at = excluded.updated_at
            """,
            new { Element = element, Judgement = judgement, UpdatedAt = clock.GetUtcNow().ToString("O") }, cancellationToken: cancellationToken));
    }

    private sealed record MetricRow(string Id, string Title, string Element, string Direction, double? Target, string Unit);

    private sealed record FindingRow(string Id, string Source, string Element, string Kind, string Evidence, string FoundOn);
}

/// <summary>A change that was not saved because the stored value is no longer the one the person started from.</summary>
public sealed record SynthesisConflict(SynthesisChange Change, string? Stored);
