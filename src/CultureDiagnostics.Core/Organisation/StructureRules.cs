using System.Text.RegularExpressions;

namespace CultureDiagnostics.Core.Organisation;

/// <summary>A unit as proposed by a user (API or CSV row), before it is stored.</summary>
public sealed record ProposedUnit(string Code, string Name, string? ParentCode, int? Headcount);

/// <summary>One problem with a proposed unit. <see cref="Row"/> is the CSV line number (header = 1), or null for API input.</summary>
public sealed record StructureError(int? Row, string Field, string Message);

/// <summary>Rules for organisation structures, applied to a whole proposed import at once.</summary>
public static partial class StructureRules
{
    public const int MaxCodeLength = 40;
    public const int MaxNameLength = 200;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex CodePattern();

    public static IEnumerable<StructureError> ValidateUnit(ProposedUnit unit, int? row)
    {
        if (string.IsNullOrWhiteSpace(unit.Code))
        {
            yield return new(row, "code", "The code is required.");
        }
        else if (unit.Code.Length > MaxCodeLength || !CodePattern().IsMatch(unit.Code))
        {
            yield return new(row, "code", $"The code '{unit.Code}' must be 1 to {MaxCodeLength} letters, digits, dots, hyphens or underscores, starting with a letter or digit.");
        }

        if (string.IsNullOrWhiteSpace(unit.Name))
        {
            yield return new(row, "name", "The name is required.");
        }
        else if (unit.Name.Length > MaxNameLength)
        {
            yield return new(row, "name", $"The name must be at most {MaxNameLength} characters.");
        }

        if (unit.Headcount is < 0)
        {
            yield return new(row, "headcount", "The headcount cannot be negative.");
        }

        if (unit.ParentCode is not null && unit.ParentCode == unit.Code)
        {
            yield return new(row, "parent_code", "A unit cannot be its own parent.");
        }
    }

    /// <summary>
    /// Validates a batch of new units against the existing structure: every code unique, every parent
    /// known (existing or in the batch), no cycles, and exactly one organisation root overall.
    /// <paramref name="rows"/> gives each unit's CSV line number (null for API input).
    /// </summary>
    /// <param name="takenCodes">Codes of units no longer (or not yet) in the structure: never given to another unit.</param>
    public static IReadOnlyList<StructureError> ValidateImport(
        IReadOnlyList<ProposedUnit> proposed, IReadOnlyCollection<Unit> existing, IReadOnlyList<int>? rows, IEnumerable<string>? takenCodes = null)
    {
        var errors = new List<StructureError>();
        var existingCodes = existing.Select(u => u.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var taken = (takenCodes ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var batchCodes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var parentOf = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

        for (var i = 0; i < proposed.Count; i++)
        {
            var unit = proposed[i];
            int? row = rows?[i];
            errors.AddRange(ValidateUnit(unit, row));
            if (string.IsNullOrWhiteSpace(unit.Code))
            {
                continue;
            }

            if (existingCodes.Contains(unit.Code))
            {
                errors.Add(new(row, "code", $"A unit with code '{unit.Code}' already exists."));
            }
            else if (taken.Contains(unit.Code))
            {
                errors.Add(new(row, "code", $"The code '{unit.Code}' was another unit's (retired, or planned to start later): a new unit needs a new code."));
            }
            else if (!batchCodes.TryAdd(unit.Code, i))
            {
                var other = rows is null ? "" : $" (also on row {rows[batchCodes[unit.Code]]})";
                errors.Add(new(row, "code", $"The code '{unit.Code}' appears more than once{other}."));
            }
            else
            {
                parentOf[unit.Code] = string.IsNullOrWhiteSpace(unit.ParentCode) ? null : unit.ParentCode;
            }
        }

        var roots = existing.Count(u => u.ParentId is null);
        for (var i = 0; i < proposed.Count; i++)
        {
            var unit = proposed[i];
            int? row = rows?[i];
            if (string.IsNullOrWhiteSpace(unit.ParentCode))
            {
                roots++;
                if (roots > 1)
                {
                    errors.Add(new(row, "parent_code", "Only the organisation itself has no parent: give this unit a parent code."));
                }

                continue;
            }

            if (!existingCodes.Contains(unit.ParentCode) && !batchCodes.ContainsKey(unit.ParentCode))
            {
                errors.Add(new(row, "parent_code", $"The parent code '{unit.ParentCode}' is not a known unit."));
            }
            else if (HasCycle(unit.Code, parentOf))
            {
                errors.Add(new(row, "parent_code", $"The parent code '{unit.ParentCode}' makes a loop in the structure."));
            }
        }

        return errors;
    }

    private static bool HasCycle(string code, Dictionary<string, string?> parentOf)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { code };
        var current = parentOf.GetValueOrDefault(code);
        while (current is not null && parentOf.TryGetValue(current, out var next))
        {
            if (!seen.Add(current))
            {
                return true;
            }

            current = next;
        }

        return current is not null && seen.Contains(current);
    }
}
