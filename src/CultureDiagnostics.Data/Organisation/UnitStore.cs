using CultureDiagnostics.Core.Organisation;
using Dapper;

namespace CultureDiagnostics.Data.Organisation;

public sealed class UnitStore(Database database, TimeProvider clock)
{
    private const string SelectUnits = """
        SELECT id AS Id, code AS Code, name AS Name, parent_id AS ParentId, headcount AS Headcount
        FROM units
        """;

    public async Task<IReadOnlyList<Unit>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UnitRow>(new CommandDefinition(SelectUnits, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToUnit()).ToList();
    }

    /// <summary>Adds a batch of already-validated units in one transaction: all or nothing.</summary>
    public async Task<IReadOnlyList<Unit>> AddAsync(IReadOnlyList<ProposedUnit> proposed, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = (await connection.QueryAsync<UnitRow>(SelectUnits, transaction: transaction))
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

    /// <summary>Renames a unit or changes its headcount. Returns false when no unit has the code.</summary>
    public async Task<bool> UpdateAsync(string code, string name, int? headcount, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE units SET name = @Name, headcount = @Headcount WHERE code = @Code",
            new { Code = code, Name = name, Headcount = headcount }, cancellationToken: cancellationToken));
        return changed > 0;
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

    private sealed record UnitRow(string Id, string Code, string Name, string? ParentId, long? Headcount)
    {
        public Unit ToUnit() => new(Id, Code, Name, ParentId, Headcount is null ? null : (int)Headcount);
    }
}
