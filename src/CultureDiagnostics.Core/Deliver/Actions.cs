using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Framework;

namespace CultureDiagnostics.Core.Deliver;

/// <summary>Where an action stands.</summary>
public static class ActionStatuses
{
    public const string Planned = "planned";
    public const string InProgress = "in-progress";
    public const string Done = "done";
    public const string Stopped = "stopped";

    public static readonly IReadOnlyList<string> All = [Planned, InProgress, Done, Stopped];

    public static string Title(string status) => status switch
    {
        Planned => "Planned",
        InProgress => "In progress",
        Done => "Done",
        _ => "Stopped",
    };
}

/// <summary>How an action's effect is to be seen: a survey scale in later waves, or a culture-and-outcomes metric.</summary>
public static class MeasureKinds
{
    public const string Scale = "scale";
    public const string Metric = "metric";
}

/// <param name="Kind">A <see cref="MeasureKinds"/> value.</param>
/// <param name="Reference">A scale as "instrument/construct", or a metric's id.</param>
public sealed record ActionMeasure(string Kind, string Reference);

/// <summary>
/// A Phase 3 action: what is done for an element of the culture (often a catalogue intervention chosen in the
/// synthesis), who owns it (a name and role, not necessarily an account), which units it covers, when it starts and is
/// due, where it stands, and the measures that will show whether it works.
/// </summary>
public sealed record ActionPlan(
    string Id, string Title, string Element, string? Intervention, string OwnerName, string? OwnerRole, IReadOnlyList<string> UnitIds,
    DateOnly StartsOn, DateOnly DueOn, string Status, string? Notes, IReadOnlyList<ActionMeasure> Measures)
{
    /// <summary>Due before today and neither done nor stopped.</summary>
    public bool OverdueOn(DateOnly today) => DueOn < today && Status is ActionStatuses.Planned or ActionStatuses.InProgress;
}

/// <summary>What is known that an action may name: the catalogues, today's units and the metrics, for <see cref="ActionRules"/>.</summary>
public sealed record ActionVocabulary(InterventionCatalogue Interventions, IReadOnlySet<string> Scales, IReadOnlySet<string> Metrics, IReadOnlyDictionary<string, string> UnitIdsByCode);

/// <summary>The rules every action meets, from the API, the pages or a file.</summary>
public static class ActionRules
{
    public const int MaxTitleLength = 200;
    public const int MaxNameLength = 100;
    public const int MaxNotesLength = 4000;

    /// <summary>Every problem, by field (title, element, intervention, ownerName, ownerRole, units, startsOn, dueOn, status, notes, measures).</summary>
    public static IReadOnlyList<DiagnosticError> Validate(
        string? title, string? element, string? intervention, string? ownerName, string? ownerRole, IReadOnlyList<string> unitCodes,
        DateOnly? startsOn, DateOnly? dueOn, string? status, string? notes, IReadOnlyList<ActionMeasure> measures, ActionVocabulary known)
    {
        var errors = new List<DiagnosticError>();
        void Add(string field, string message) => errors.Add(new(null, field, message));
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > MaxTitleLength)
        {
            Add("title", $"Give the action a title of at most {MaxTitleLength} characters.");
        }

        if (element is null || CulturalFramework.FindElement(element) is null)
        {
            Add("element", $"The element must be one of {string.Join(", ", CulturalFramework.Elements.Select(e => e.Id))}.");
        }

        if (!string.IsNullOrWhiteSpace(intervention))
        {
            var chosen = known.Interventions.Find(intervention.Trim());
            if (chosen is null)
            {
                Add("intervention", $"No intervention in the catalogue has the id '{intervention.Trim()}'.");
            }
            else if (element is not null && chosen.Element != element)
            {
                Add("intervention", $"{chosen.Name} develops {CulturalFramework.FindElement(chosen.Element)?.Title ?? chosen.Element}, not this element.");
            }
        }

        if (string.IsNullOrWhiteSpace(ownerName) || ownerName.Trim().Length > MaxNameLength)
        {
            Add("ownerName", $"Name the action's owner (at most {MaxNameLength} characters).");
        }

        if (ownerRole is { Length: > MaxNameLength })
        {
            Add("ownerRole", $"The owner's role must be at most {MaxNameLength} characters.");
        }

        var unknown = unitCodes.Where(c => !known.UnitIdsByCode.ContainsKey(c.Trim())).ToList();
        if (unitCodes.Count == 0)
        {
            Add("units", "Choose the units the action covers (the organisation itself for all of it).");
        }
        else if (unknown.Count > 0)
        {
            Add("units", $"No unit in today's structure has the code {string.Join(", ", unknown.Select(c => $"'{c.Trim()}'"))}.");
        }

        if (startsOn is null)
        {
            Add("startsOn", "Give the date the action starts.");
        }

        if (dueOn is null)
        {
            Add("dueOn", "Give the date the action is due.");
        }
        else if (startsOn is { } start && dueOn < start)
        {
            Add("dueOn", "The due date must be on or after the start.");
        }

        if (status is null || !ActionStatuses.All.Contains(status))
        {
            Add("status", $"The status must be one of {string.Join(", ", ActionStatuses.All)}.");
        }

        if (notes is { Length: > MaxNotesLength })
        {
            Add("notes", $"The notes must be at most {MaxNotesLength} characters.");
        }

        if (measures.Count == 0)
        {
            Add("measures", "Choose at least one measure that will show whether the action works: a survey scale or a metric.");
        }

        foreach (var measure in measures)
        {
            var ok = measure.Kind switch
            {
                MeasureKinds.Scale => known.Scales.Contains(measure.Reference),
                MeasureKinds.Metric => known.Metrics.Contains(measure.Reference),
                _ => false,
            };
            if (!ok)
            {
                Add("measures", measure.Kind is MeasureKinds.Scale or MeasureKinds.Metric
                    ? $"No {measure.Kind} is called '{measure.Reference}'."
                    : $"A measure is a scale (\"instrument/construct\") or a metric (its id), not '{measure.Kind}'.");
            }
        }

        return errors;
    }
}
