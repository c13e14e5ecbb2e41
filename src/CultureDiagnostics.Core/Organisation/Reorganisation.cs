namespace CultureDiagnostics.Core.Organisation;

public enum ChangeKind
{
    Move,
    Rename,
    Retire,
    Merge,
    Split,
}

/// <summary>
/// A change to the structure from a day on, as asked: <see cref="Units"/> are the codes it changes (one, or those merged);
/// <see cref="ParentCode"/> is where a unit moves (or where a merged unit goes); <see cref="Name"/> a new name;
/// <see cref="NewUnits"/> the unit a merger makes or the parts of a split.
/// </summary>
public sealed record StructureChange(
    ChangeKind Kind, DateOnly? EffectiveOn, IReadOnlyList<string> Units, string? ParentCode = null, string? Name = null, IReadOnlyList<ProposedUnit>? NewUnits = null);

/// <summary>What a valid change adds to the history, and what it did in words (for the list of changes).</summary>
public sealed record PlannedChange(StructureChange Change, IReadOnlyList<UnitRecord> NewUnits, IReadOnlyList<UnitVersion> Versions, string Summary);

/// <summary>
/// Moving, renaming, retiring, merging and splitting units, each from a day on. A retired unit keeps its code and its
/// past (campaigns keep the structure they ran with); units made by a merger or a split are new units with new codes,
/// so no earlier wave is compared with them as if they were the same people. Every change is checked against the
/// structure on its day and on every later day a change is already planned for: it is refused if any of those days
/// would have a unit under a retired one, a loop, or more than one organisation at the top.
/// </summary>
public static class Reorganisation
{
    public static (PlannedChange? Plan, IReadOnlyList<StructureError> Errors) Plan(OrganisationHistory history, StructureChange change, Func<string> newId)
    {
        var errors = new List<StructureError>();
        if (change.EffectiveOn is not { } day)
        {
            return (null, [new(null, "effectiveOn", "Give the date the change takes effect.")]);
        }

        var main = change.Kind == ChangeKind.Merge ? "units" : "unit";
        var tree = history.AsOf(day);
        var units = new List<Unit>();
        foreach (var code in change.Units.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var unit = tree.Units.FirstOrDefault(u => string.Equals(u.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));
            if (unit is null)
            {
                errors.Add(new(null, main, history.FindByCode(code.Trim()) is null
                    ? $"No unit has the code '{code.Trim()}'."
                    : $"'{code.Trim()}' is not in the structure on {Day(day)}: it is retired by then, or starts later."));
            }
            else if (unit.ParentId is null && change.Kind != ChangeKind.Rename)
            {
                errors.Add(new(null, main, "The organisation itself cannot be moved, merged, split or retired; rename it if its name changes."));
            }
            else
            {
                units.Add(unit);
            }
        }

        var wanted = change.Kind == ChangeKind.Merge ? "Choose at least two units to merge." : "Choose the unit to change.";
        if (errors.Count == 0 && (change.Kind == ChangeKind.Merge ? units.Count < 2 : units.Count != 1))
        {
            errors.Add(new(null, main, wanted));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var versions = new List<UnitVersion>();
        var records = new List<UnitRecord>();
        string summary;
        UnitVersion From(Unit u) => new(u.Id, day, u.Name, u.ParentId, u.Headcount, false);
        switch (change.Kind)
        {
            case ChangeKind.Move:
                var parent = Parent(tree, change.ParentCode, errors);
                if (parent is not null && parent.Id == units[0].ParentId)
                {
                    errors.Add(new(null, "parentCode", $"{units[0].Name} is already under {parent.Name} on {Day(day)}."));
                }

                versions.Add(From(units[0]) with { ParentId = parent?.Id });
                summary = $"{Named(units[0])} moves to {(parent is null ? "" : Named(parent))}";
                break;
            case ChangeKind.Rename:
                var name = change.Name?.Trim() ?? "";
                errors.AddRange(StructureRules.ValidateUnit(new ProposedUnit(units[0].Code, name, null, null), null).Where(e => e.Field == "name"));
                if (name == units[0].Name)
                {
                    errors.Add(new(null, "name", $"The unit is already called {name}."));
                }

                versions.Add(From(units[0]) with { Name = name });
                summary = $"{Named(units[0])} is renamed {name}";
                break;
            case ChangeKind.Retire:
                versions.Add(From(units[0]) with { Retired = true });
                summary = $"{Named(units[0])} is retired";
                break;
            case ChangeKind.Merge:
                var commonParent = units.Select(u => u.ParentId).Distinct(StringComparer.Ordinal).Count() == 1 ? tree.Find(units[0].ParentId!) : null;
                var mergedInto = string.IsNullOrWhiteSpace(change.ParentCode) ? commonParent : Parent(tree, change.ParentCode, errors);
                if (mergedInto is null && string.IsNullOrWhiteSpace(change.ParentCode))
                {
                    errors.Add(new(null, "parentCode", "The units are in different places: choose where the merged unit goes."));
                }

                var made = NewUnits(history, change.NewUnits, 1, "into", errors);
                versions.AddRange(units.Select(u => From(u) with { Retired = true }));
                records.AddRange(made.Select(p => new UnitRecord(new Unit(newId(), p.Code, p.Name, mergedInto?.Id, p.Headcount), day)));
                summary = $"{string.Join(" and ", units.Select(Named))} merge into {string.Join("", made.Select(p => $"{p.Name} ({p.Code})"))}";
                break;
            default:
                var parts = NewUnits(history, change.NewUnits, 2, "parts", errors);
                versions.Add(From(units[0]) with { Retired = true });
                records.AddRange(parts.Select(p => new UnitRecord(new Unit(newId(), p.Code, p.Name, units[0].ParentId, p.Headcount), day)));
                summary = $"{Named(units[0])} splits into {string.Join(" and ", parts.Select(p => $"{p.Name} ({p.Code})"))}";
                break;
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // The structure must hold together on the day and on every later day something else is already planned for.
        var after = history.With(records, versions);
        foreach (var on in after.ChangeDaysFrom(day))
        {
            errors.AddRange(OrganisationHistory.ProblemsOf(after.UnitsAsOf(on), on).Select(p => new StructureError(null, main, p)));
        }

        return errors.Count > 0 ? (null, errors.DistinctBy(e => e.Message).ToList()) : (new PlannedChange(change, records, versions, $"{summary} from {Day(day)}."), []);
    }

    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static string Named(Unit unit) => $"{unit.Name} ({unit.Code})";

    private static Unit? Parent(OrganisationTree tree, string? code, List<StructureError> errors)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add(new(null, "parentCode", "Choose the unit it goes under."));
            return null;
        }

        var parent = tree.Units.FirstOrDefault(u => string.Equals(u.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));
        if (parent is null)
        {
            errors.Add(new(null, "parentCode", $"'{code.Trim()}' is not a unit in the structure on that day."));
        }

        return parent;
    }

    /// <summary>The new units a merger or a split makes: each a valid unit whose code no unit has ever had.</summary>
    private static List<ProposedUnit> NewUnits(OrganisationHistory history, IReadOnlyList<ProposedUnit>? proposed, int atLeast, string field, List<StructureError> errors)
    {
        var given = (proposed ?? []).Where(p => !string.IsNullOrWhiteSpace(p.Code) || !string.IsNullOrWhiteSpace(p.Name))
            .Select(p => p with { Code = p.Code?.Trim() ?? "", Name = p.Name?.Trim() ?? "", ParentCode = null })
            .ToList();
        if (given.Count < atLeast || (field == "into" && given.Count != 1))
        {
            errors.Add(new(null, field, field == "into" ? "Give the merged unit's code and name." : "Give the code and name of each of at least two parts."));
            return given;
        }

        foreach (var unit in given)
        {
            errors.AddRange(StructureRules.ValidateUnit(unit, null).Select(e => new StructureError(null, field, e.Message)));
            if (history.FindByCode(unit.Code) is not null)
            {
                errors.Add(new(null, field, $"The code '{unit.Code}' is, or was, another unit's: a new unit needs a new code."));
            }
        }

        errors.AddRange(given.GroupBy(u => u.Code, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => new StructureError(null, field, $"The code '{g.Key}' is given to more than one part.")));
        return given;
    }
}
