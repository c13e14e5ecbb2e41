namespace CultureDiagnostics.Core.Organisation;

/// <summary>
/// A unit's state from a date on: its name, parent and headcount, or retired. A unit's first state is the one it was
/// added with (<see cref="UnitRecord"/>); each later change of structure adds one of these.
/// </summary>
public sealed record UnitVersion(string UnitId, DateOnly EffectiveOn, string Name, string? ParentId, int? Headcount, bool Retired);

/// <summary>A unit as added: its permanent id and code, its first state, and the day it starts (null: it always existed).</summary>
public sealed record UnitRecord(Unit Unit, DateOnly? StartsOn);

/// <summary>
/// The organisation's structure through time: every unit ever added, and every dated change to one. The structure
/// on a day is each unit that has started and is not retired, in its latest state up to that day. A unit's code
/// never changes and is never reused, so a code names the same unit in every wave.
/// </summary>
public sealed class OrganisationHistory
{
    private readonly Dictionary<string, UnitRecord> _records;
    private readonly Dictionary<string, List<UnitVersion>> _versions;

    public OrganisationHistory(IEnumerable<UnitRecord> records, IEnumerable<UnitVersion> versions)
    {
        _records = records.ToDictionary(r => r.Unit.Id, StringComparer.Ordinal);
        _versions = versions.GroupBy(v => v.UnitId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(v => v.EffectiveOn).ToList(), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<UnitRecord> Records => _records.Values;

    public IEnumerable<UnitVersion> Versions => _versions.Values.SelectMany(v => v);

    /// <summary>Every unit ever added, by code (retired and planned ones too): codes are never reused.</summary>
    public UnitRecord? FindByCode(string code) =>
        _records.Values.FirstOrDefault(r => string.Equals(r.Unit.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The structure on a day.</summary>
    public OrganisationTree AsOf(DateOnly day) => new(UnitsAsOf(day));

    public IReadOnlyList<Unit> UnitsAsOf(DateOnly day)
    {
        var units = new List<Unit>();
        foreach (var record in _records.Values)
        {
            if (record.StartsOn is { } starts && starts > day)
            {
                continue;
            }

            var version = _versions.TryGetValue(record.Unit.Id, out var list) ? list.LastOrDefault(v => v.EffectiveOn <= day) : null;
            if (version is null)
            {
                units.Add(record.Unit);
            }
            else if (!version.Retired)
            {
                units.Add(record.Unit with { Name = version.Name, ParentId = version.ParentId, Headcount = version.Headcount });
            }
        }

        return units;
    }

    /// <summary>This history with more units and changes (a reorganisation not yet stored).</summary>
    public OrganisationHistory With(IEnumerable<UnitRecord> records, IEnumerable<UnitVersion> versions) =>
        new(_records.Values.Concat(records), Versions.Concat(versions));

    /// <summary>The days on which the structure changes, from <paramref name="from"/> on (that day first).</summary>
    public IEnumerable<DateOnly> ChangeDaysFrom(DateOnly from) =>
        Versions.Select(v => v.EffectiveOn).Concat(_records.Values.Where(r => r.StartsOn is not null).Select(r => r.StartsOn!.Value))
            .Where(d => d > from).Append(from).Distinct().Order();

    /// <summary>
    /// What is wrong with the structure on a day, in words: a unit whose parent is not in the structure that day
    /// (retired, or not started), a loop, or other than one organisation at the top.
    /// </summary>
    public static IEnumerable<string> ProblemsOf(IReadOnlyList<Unit> units, DateOnly day)
    {
        var byId = units.ToDictionary(u => u.Id, StringComparer.Ordinal);
        var roots = units.Count(u => u.ParentId is null);
        if (units.Count > 0 && roots != 1)
        {
            yield return $"On {Reorganisation.Day(day)} the structure would have {roots} units at the top: only the organisation itself has no parent.";
        }

        foreach (var unit in units.Where(u => u.ParentId is not null).OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            if (!byId.TryGetValue(unit.ParentId!, out var parent))
            {
                yield return $"On {Reorganisation.Day(day)} {unit.Name} ({unit.Code}) would be under a unit that is retired or not yet started: move or retire it first.";
                continue;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal) { unit.Id };
            for (var at = parent; at.ParentId is not null && byId.TryGetValue(at.ParentId, out var above); at = above)
            {
                if (!seen.Add(at.Id))
                {
                    yield return $"On {Reorganisation.Day(day)} {unit.Name} ({unit.Code}) would be below itself.";
                    break;
                }
            }
        }
    }
}
