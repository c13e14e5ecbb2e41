using CultureDiagnostics.Core.Deliver;
using Dapper;

namespace CultureDiagnostics.Data.Deliver;

/// <summary>Action plans with their units and measures; an action is written whole, in one transaction.</summary>
public sealed class ActionStore(Database database, TimeProvider clock)
{
    /// <summary>Every action, the soonest due first.</summary>
    public async Task<IReadOnlyList<ActionPlan>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ActionRow>(new CommandDefinition(SelectActions + " ORDER BY due_on, title", cancellationToken: cancellationToken));
        var units = (await connection.QueryAsync<(string ActionId, string UnitId)>(new CommandDefinition(
            "SELECT action_id, unit_id FROM action_units", cancellationToken: cancellationToken))).ToLookup(u => u.ActionId, u => u.UnitId);
        var measures = (await connection.QueryAsync<(string ActionId, string Kind, string Reference)>(new CommandDefinition(
            "SELECT action_id, kind, reference FROM action_measures ORDER BY kind DESC, reference", cancellationToken: cancellationToken)))
            .ToLookup(m => m.ActionId, m => new ActionMeasure(m.Kind, m.Reference));
        return rows.Select(r => r.ToAction([.. units[r.Id].Order(StringComparer.Ordinal)], [.. measures[r.Id]])).ToList();
    }

    public async Task<ActionPlan?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        (await AllAsync(cancellationToken)).FirstOrDefault(a => a.Id == id);

    /// <summary>Adds an action (its id is made here) or replaces one whole; false when the one to replace is gone.</summary>
    public async Task<(bool Stored, ActionPlan Action)> SaveAsync(ActionPlan action, bool isNew, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (stored, saved) = await WriteAsync(connection, transaction, action, isNew);
        if (stored)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return (stored, saved);
    }

    /// <summary>Adds several actions in one transaction: all or none.</summary>
    public async Task AddAllAsync(IReadOnlyList<ActionPlan> actions, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var action in actions)
        {
            await WriteAsync(connection, transaction, action, isNew: true);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<(bool Stored, ActionPlan Action)> WriteAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, ActionPlan action, bool isNew)
    {
        if (isNew)
        {
            action = action with { Id = Guid.NewGuid().ToString("N") };
        }

        var fields = new
        {
            action.Id, action.Title, action.Element, action.Intervention, action.OwnerName, action.OwnerRole,
            StartsOn = Dates.Format(action.StartsOn), DueOn = Dates.Format(action.DueOn), action.Status, action.Notes, CreatedAt = clock.GetUtcNow().ToString("O"),
        };
        var stored = await connection.ExecuteAsync(
            isNew
                ? """
                  INSERT INTO actions (id, title, element, intervention, owner_name, owner_role, starts_on, due_on, status, notes, created_at)
                  VALUES (@Id, @Title, @Element, @Intervention, @OwnerName, @OwnerRole, @StartsOn, @DueOn, @Status, @Notes, @CreatedAt)
                  """
                : """
                  UPDATE actions SET title = @Title, element = @Element, intervention = @Intervention, owner_name = @OwnerName, owner_role = @OwnerRole,
                      starts_on = @StartsOn, due_on = @DueOn, status = @Status, notes = @Notes
                  WHERE id = @Id
                  """,
            fields, transaction);
        if (stored == 0)
        {
            return (false, action);
        }

        await connection.ExecuteAsync("DELETE FROM action_units WHERE action_id = @Id", new { action.Id }, transaction);
        await connection.ExecuteAsync("DELETE FROM action_measures WHERE action_id = @Id", new { action.Id }, transaction);
        await connection.ExecuteAsync("INSERT INTO action_units (action_id, unit_id) VALUES (@ActionId, @UnitId)",
            action.UnitIds.Distinct(StringComparer.Ordinal).Select(u => new { ActionId = action.Id, UnitId = u }), transaction);
        await connection.ExecuteAsync("INSERT INTO action_measures (action_id, kind, reference) VALUES (@ActionId, @Kind, @Reference)",
            action.Measures.Distinct().Select(m => new { ActionId = action.Id, m.Kind, m.Reference }), transaction);
        return (true, action);
    }

    private const string SelectActions = """
        SELECT id AS Id, title AS Title, element AS Element, intervention AS Intervention, owner_name AS OwnerName, owner_role AS OwnerRole,
               starts_on AS StartsOn, due_on AS DueOn, status AS Status, notes AS Notes
        FROM actions
        """;

    private sealed class ActionRow
    {
        public string Id { get; init; } = "";

        public string Title { get; init; } = "";

        public string Element { get; init; } = "";

        public string? Intervention { get; init; }

        public string OwnerName { get; init; } = "";

        public string? OwnerRole { get; init; }

        public string StartsOn { get; init; } = "";

        public string DueOn { get; init; } = "";

        public string Status { get; init; } = "";

        public string? Notes { get; init; }

        public ActionPlan ToAction(IReadOnlyList<string> units, IReadOnlyList<ActionMeasure> measures) =>
            new(Id, Title, Element, Intervention, OwnerName, OwnerRole, units, Dates.Parse(StartsOn), Dates.Parse(DueOn), Status, Notes, measures);
    }
}
