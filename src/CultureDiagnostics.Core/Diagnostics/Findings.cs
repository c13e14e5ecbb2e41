using CultureDiagnostics.Core.Framework;

namespace CultureDiagnostics.Core.Diagnostics;

/// <summary>Whether a finding speaks of a strength or of an area to develop.</summary>
public static class FindingKinds
{
    public const string Strength = "strength";
    public const string AreaToDevelop = "area-to-develop";

    public static readonly IReadOnlyList<string> All = [Strength, AreaToDevelop];

    public static string Title(string kind) => kind == Strength ? "Strength" : "Area to develop";
}

/// <summary>A coded finding from a focus group, board interview, the leadership workforce analysis or patient experience.</summary>
public sealed record Finding(string Id, string Source, string Element, string Kind, string Evidence, DateOnly FoundOn);

public static class FindingRules
{
    public const int MaxEvidenceLength = 4000;

    /// <summary>The sources that are recorded as findings (the surveys and the dashboard have their own data).</summary>
    public static readonly IReadOnlyList<string> Sources =
        ["culture-focus-groups", "board-interviews", "leadership-workforce-analysis", "patient-experience"];

    public static IReadOnlyList<DiagnosticError> Validate(string? source, string? element, string? kind, string? evidence, DateOnly? foundOn, DateOnly today)
    {
        var errors = new List<DiagnosticError>();
        if (source is null || !Sources.Contains(source))
        {
            errors.Add(new(null, "source", $"The source must be one of {string.Join(", ", Sources)}."));
        }

        if (element is null || CulturalFramework.FindElement(element) is null)
        {
            errors.Add(new(null, "element", $"The element must be one of {string.Join(", ", CulturalFramework.Elements.Select(e => e.Id))}."));
        }

        if (kind is null || !FindingKinds.All.Contains(kind))
        {
            errors.Add(new(null, "kind", "The kind must be strength or area-to-develop."));
        }

        if (string.IsNullOrWhiteSpace(evidence) || evidence.Length > MaxEvidenceLength)
        {
            errors.Add(new(null, "evidence", $"The evidence is required and must be at most {MaxEvidenceLength} characters."));
        }

        if (foundOn is null)
        {
            errors.Add(new(null, "date", "The date is required (yyyy-MM-dd)."));
        }
        else if (foundOn > today)
        {
            errors.Add(new(null, "date", "The date cannot be in the future."));
        }

        return errors;
    }
}
