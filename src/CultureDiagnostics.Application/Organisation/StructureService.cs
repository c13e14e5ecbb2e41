using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Data.Organisation;

namespace CultureDiagnostics.Application.Organisation;

/// <summary>A unit to add, as the JSON API receives it.</summary>
public sealed record UnitRequest(string? Code, string? Name, string? ParentCode, int? Headcount);

/// <summary>A unit's new name and headcount (its code and place in the tree stay).</summary>
public sealed record UnitUpdateRequest(string? Name, int? Headcount);

/// <summary>
/// The organisation structure, once for the JSON API and the workspace pages: import units from a CSV file
/// (every bad row is reported and, if there is any, nothing is imported), add one unit, change a unit.
/// </summary>
public sealed class StructureService(UnitStore units)
{
    /// <summary>The largest structure file taken, by the API and the page alike.</summary>
    public const int MaxCsvBytes = 2 * 1024 * 1024;

    public async Task<OrganisationTree> TreeAsync(CancellationToken ct = default) => new(await units.AllAsync(ct));

    /// <summary>Imports a CSV structure (columns code, name, parent_code, headcount); the value is how many units were added.</summary>
    public async Task<Outcome<int>> ImportAsync(string csv, CancellationToken ct = default)
    {
        var (proposed, rows, parseErrors) = StructureCsv.Read(csv);
        // Every problem, in the order of the file's rows (a stable sort keeps each row's own order).
        var errors = parseErrors.Concat(StructureRules.ValidateImport(proposed, await units.AllAsync(ct), rows)).OrderBy(e => e.Row ?? int.MaxValue).ToList();
        if (proposed.Count == 0 && errors.Count == 0)
        {
            errors.Add(new StructureError(2, "row", "The file has a header but no units."));
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid<int>(errors.Select(e => new InputError(e.Field, e.Message, e.Row)));
        }

        return Outcome.Done((await units.AddAsync(proposed, ct)).Count);
    }

    /// <summary>Adds one unit under an existing parent; the value is the structure with it.</summary>
    public async Task<Outcome<OrganisationTree>> AddUnitAsync(UnitRequest request, CancellationToken ct = default)
    {
        var proposed = new ProposedUnit(request.Code ?? "", request.Name?.Trim() ?? "",
            string.IsNullOrWhiteSpace(request.ParentCode) ? null : request.ParentCode, request.Headcount);
        var errors = StructureRules.ValidateImport([proposed], await units.AllAsync(ct), null);
        if (errors.Count > 0)
        {
            return Outcome.Invalid<OrganisationTree>(errors.Select(ToFieldError));
        }

        await units.AddAsync([proposed], ct);
        return Outcome.Done(await TreeAsync(ct));
    }

    /// <summary>Renames a unit or changes its headcount; the value is the structure after the change.</summary>
    /// <param name="reading">Problems the caller found reading its input, reported with the rest.</param>
    public async Task<Outcome<OrganisationTree>> ChangeUnitAsync(
        string code, UnitUpdateRequest request, IReadOnlyList<InputError>? reading = null, CancellationToken ct = default)
    {
        var name = request.Name?.Trim() ?? "";
        var errors = InputErrors.Merge(reading, StructureRules.ValidateUnit(new ProposedUnit(code, name, null, request.Headcount), null)
            .Where(e => e.Field != "code")
            .Select(ToFieldError));
        if (errors.Count > 0)
        {
            return Outcome.Invalid<OrganisationTree>(errors);
        }

        return await units.UpdateAsync(code, name, request.Headcount, ct)
            ? Outcome.Done(await TreeAsync(ct))
            : Outcome.NotFound<OrganisationTree>($"No unit has the code '{code}'.");
    }

    /// <summary>A unit's own fields, named as the JSON request names them (parentCode, not the file's parent_code).</summary>
    private static InputError ToFieldError(StructureError error) =>
        new(error.Field == "parent_code" ? "parentCode" : error.Field, error.Message);
}
