using CultureDiagnostics.Core;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Data.Organisation;

namespace CultureDiagnostics.Application.Organisation;

/// <summary>A unit to add, as the JSON API receives it.</summary>
public sealed record UnitRequest(string? Code, string? Name, string? ParentCode, int? Headcount);

/// <summary>A unit's new name and headcount (its code and place in the tree stay).</summary>
public sealed record UnitUpdateRequest(string? Name, int? Headcount);

/// <summary>A new unit a merger or a split makes.</summary>
public sealed record NewUnitRequest(string? Code, string? Name, int? Headcount);

/// <summary>
/// A change to the structure from a date on, as the JSON API receives it: <c>kind</c> is move, rename, retire, merge or
/// split; <c>unit</c> the unit changed (<c>units</c> those merged); <c>parentCode</c> where it moves (or where a merged unit
/// goes, when the merged units are in different places); <c>name</c> its new name; <c>into</c> the unit a merger makes;
/// <c>parts</c> the units a split makes.
/// </summary>
public sealed record StructureChangeRequest(
    string? Kind, DateOnly? EffectiveOn, string? Unit = null, IReadOnlyList<string>? Units = null, string? ParentCode = null, string? Name = null,
    NewUnitRequest? Into = null, IReadOnlyList<NewUnitRequest>? Parts = null);

/// <summary>
/// The organisation structure, once for the JSON API and the workspace pages: import units from a CSV file
/// (every bad row is reported and, if there is any, nothing is imported), add one unit, change a unit.
/// </summary>
public sealed class StructureService(UnitStore units, TimeProvider clock)
{
    /// <summary>The largest structure file taken, by the API and the page alike.</summary>
    public const int MaxCsvBytes = 2 * 1024 * 1024;

    public async Task<OrganisationTree> TreeAsync(CancellationToken ct = default) => new(await units.AllAsync(ct));

    /// <summary>The structure on a day: a past one as it was, a future one with the changes planned by then.</summary>
    public async Task<OrganisationTree> TreeAsync(DateOnly day, CancellationToken ct = default) => new(await units.AsOfAsync(day, ct));

    public DateOnly Today => clock.Today();

    public Task<IReadOnlyList<RecordedChange>> ChangesAsync(CancellationToken ct = default) => units.ChangesAsync(ct);

    /// <summary>
    /// Moves, renames, retires, merges or splits units from a date on (<see cref="Reorganisation"/>): checked against the
    /// structure on that day and every later day a change is planned for, then stored whole, or refused with every
    /// problem and nothing stored. Campaigns already opened keep the structure they ran with.
    /// </summary>
    public async Task<Outcome<RecordedChange>> ReorganiseAsync(StructureChangeRequest request, CancellationToken ct = default)
    {
        if (!Enum.TryParse<ChangeKind>(request.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(request.Kind, out _))
        {
            return Outcome.Invalid<RecordedChange>([new("kind", "The kind of change must be move, rename, retire, merge or split.")]);
        }

        var change = new StructureChange(
            kind, request.EffectiveOn,
            kind == ChangeKind.Merge ? request.Units ?? [] : [request.Unit ?? ""],
            request.ParentCode, request.Name,
            kind == ChangeKind.Merge ? (request.Into is { } into ? [Proposed(into)] : [])
            : kind == ChangeKind.Split ? [.. (request.Parts ?? []).Select(Proposed)]
            : null);
        var (plan, errors) = Reorganisation.Plan(await units.HistoryAsync(ct), change, () => Guid.NewGuid().ToString("N"));
        if (plan is null)
        {
            return Outcome.Invalid<RecordedChange>(errors.Select(e => new InputError(e.Field, e.Message)));
        }

        await units.RecordAsync(plan, ct);
        return Outcome.Done(new RecordedChange("", change.EffectiveOn!.Value, kind, plan.Summary));
    }

    private static ProposedUnit Proposed(NewUnitRequest unit) => new(unit.Code ?? "", unit.Name ?? "", null, unit.Headcount);

    /// <summary>Imports a CSV structure (columns code, name, parent_code, headcount); the value is how many units were added.</summary>
    public async Task<Outcome<int>> ImportAsync(string csv, CancellationToken ct = default)
    {
        var (proposed, rows, parseErrors) = StructureCsv.Read(csv);
        // Every problem, in the order of the file's rows (a stable sort keeps each row's own order).
        var (today, taken) = await TodayAndTakenCodesAsync(ct);
        var errors = parseErrors.Concat(StructureRules.ValidateImport(proposed, today, rows, taken)).OrderBy(e => e.Row ?? int.MaxValue).ToList();
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
        var (today, taken) = await TodayAndTakenCodesAsync(ct);
        var errors = StructureRules.ValidateImport([proposed], today, null, taken);
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

    /// <summary>Today's structure, and the codes of every other unit ever added (retired, or starting later): none is given again.</summary>
    private async Task<(IReadOnlyList<Unit> Today, IEnumerable<string> Taken)> TodayAndTakenCodesAsync(CancellationToken ct)
    {
        var history = await units.HistoryAsync(ct);
        var today = history.UnitsAsOf(clock.Today());
        var inToday = today.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        return (today, history.Records.Where(r => !inToday.Contains(r.Unit.Id)).Select(r => r.Unit.Code));
    }

    /// <summary>A unit's own fields, named as the JSON request names them (parentCode, not the file's parent_code).</summary>
    private static InputError ToFieldError(StructureError error) =>
        new(error.Field == "parent_code" ? "parentCode" : error.Field, error.Message);
}
