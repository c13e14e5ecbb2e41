using CultureDiagnostics.Core;
using CultureDiagnostics.Core.Deliver;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Data.Deliver;
using CultureDiagnostics.Data.Diagnostics;
using CultureDiagnostics.Data.Organisation;

namespace CultureDiagnostics.Application.Deliver;

/// <summary>A measure as the JSON API receives it: a survey scale (<c>instrument</c> and <c>scale</c>, the construct) or a <c>metric</c>.</summary>
public sealed record ActionMeasureRequest(string? Kind, string? Instrument = null, string? Scale = null, string? Metric = null);

/// <summary>An action as the JSON API receives it (units by their codes).</summary>
public sealed record ActionRequest(
    string? Title, string? Element, string? Intervention, string? OwnerName, string? OwnerRole, IReadOnlyList<string>? Units,
    DateOnly? StartsOn, DateOnly? DueOn, string? Status, string? Notes, IReadOnlyList<ActionMeasureRequest>? Measures);

/// <summary>
/// Phase 3 action plans, once for the JSON API and the workspace pages: record an action (from a chosen intervention,
/// or a free one) and change it, every field checked (<see cref="ActionRules"/>) and nothing stored when one is wrong.
/// </summary>
public sealed class ActionService(
    ActionStore store, UnitStore units, DiagnosticsStore diagnostics, InstrumentCatalogue instruments, InterventionCatalogue interventions, TimeProvider clock)
{
    public DateOnly Today => clock.Today();

    public Task<IReadOnlyList<ActionPlan>> AllAsync(CancellationToken ct = default) => store.AllAsync(ct);

    public Task<ActionPlan?> FindAsync(string id, CancellationToken ct = default) => store.FindAsync(id, ct);

    public async Task<Outcome<ActionPlan>> AddAsync(ActionRequest request, IReadOnlyList<InputError>? reading = null, CancellationToken ct = default) =>
        await SaveAsync(null, request, reading, ct);

    /// <summary>Changes an action whole (its status as it moves on, its dates, its measures).</summary>
    public async Task<Outcome<ActionPlan>> UpdateAsync(string id, ActionRequest request, IReadOnlyList<InputError>? reading = null, CancellationToken ct = default) =>
        await store.FindAsync(id, ct) is null ? Outcome.NotFound<ActionPlan>($"No action has the id '{id}'.") : await SaveAsync(id, request, reading, ct);

    public InterventionCatalogue Interventions => interventions;

    /// <summary>The metrics an action can be measured by, by id, with their titles.</summary>
    public async Task<IReadOnlyList<(string Id, string Title)>> MetricsAsync(CancellationToken ct = default) =>
        [.. (await diagnostics.MetricsAsync(ct)).Select(m => (m.Id, m.Title))];

    /// <summary>Today's units an action can cover, in tree order, with their depth.</summary>
    public async Task<IReadOnlyList<(string Code, string Name, int Depth)>> UnitsAsync(CancellationToken ct = default) =>
        [.. new Core.Organisation.OrganisationTree(await units.AllAsync(ct)).InTreeOrder().Select(x => (x.Unit.Code, x.Unit.Name, x.Depth))];

    /// <summary>Every unit's code by its id (retired ones too: an action may cover a unit retired since).</summary>
    public async Task<IReadOnlyDictionary<string, string>> UnitCodesAsync(CancellationToken ct = default) =>
        (await units.HistoryAsync(ct)).Records.ToDictionary(r => r.Unit.Id, r => r.Unit.Code, StringComparer.Ordinal);

    /// <summary>Every survey scale an action can be measured by, as "instrument/construct", with its title.</summary>
    public IReadOnlyList<(string Reference, string Title)> Scales() =>
        [.. instruments.All.GroupBy(i => i.Id).Select(g => g.MaxBy(i => i.Version)!)
            .SelectMany(i => i.Constructs.Select(c => ($"{i.Id}/{c.Id}", $"{c.Title} ({i.Title})")))];

    /// <summary>What an action may name: the interventions, the survey scales, the metrics and today's units by code.</summary>
    public async Task<ActionVocabulary> VocabularyAsync(CancellationToken ct = default) =>
        new(interventions,
            Scales().Select(s => s.Reference).ToHashSet(StringComparer.Ordinal),
            (await diagnostics.MetricsAsync(ct)).Select(m => m.Id).ToHashSet(StringComparer.Ordinal),
            (await units.AllAsync(ct)).ToDictionary(u => u.Code, u => u.Id, StringComparer.OrdinalIgnoreCase));

    /// <summary>The largest actions file taken, by the API and the command line alike.</summary>
    public const int MaxCsvBytes = 2 * 1024 * 1024;

    /// <summary>
    /// Adds every action of a CSV file (<see cref="ActionsCsv"/>): each row is checked as one action is, every problem is
    /// reported with its row, and if there is any, nothing is stored. The value is how many were added.
    /// </summary>
    public async Task<Outcome<int>> ImportAsync(string csv, CancellationToken ct = default)
    {
        var (rows, reading) = ActionsCsv.Read(csv);
        var known = await VocabularyAsync(ct);
        var errors = reading.ToList();
        var actions = new List<ActionPlan>();
        foreach (var (row, request) in rows)
        {
            var (action, problems) = Build("", request, known);
            errors.AddRange(problems.Select(e => e with { Row = row }));
            if (action is not null)
            {
                actions.Add(action);
            }
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid<int>(errors.OrderBy(e => e.Row ?? int.MaxValue));
        }

        await store.AddAllAsync(actions, ct);
        return Outcome.Done(actions.Count);
    }

    private async Task<Outcome<ActionPlan>> SaveAsync(string? id, ActionRequest request, IReadOnlyList<InputError>? reading, CancellationToken ct)
    {
        var (action, problems) = Build(id ?? "", request, await VocabularyAsync(ct));
        var errors = InputErrors.Merge(reading, problems);
        if (errors.Count > 0 || action is null)
        {
            return Outcome.Invalid<ActionPlan>(errors);
        }

        var (stored, saved) = await store.SaveAsync(action, isNew: id is null, ct);
        return stored ? Outcome.Done(saved) : Outcome.NotFound<ActionPlan>($"No action has the id '{id}'.");
    }

    /// <summary>The action a request asks for, or every problem with it (<see cref="ActionRules"/>); a missing status is planned.</summary>
    private static (ActionPlan? Action, IReadOnlyList<InputError> Errors) Build(string id, ActionRequest request, ActionVocabulary known)
    {
        var measures = (request.Measures ?? []).Select(m => m.Kind?.Trim() == MeasureKinds.Scale
            ? new ActionMeasure(MeasureKinds.Scale, $"{m.Instrument?.Trim()}/{m.Scale?.Trim()}")
            : new ActionMeasure(m.Kind?.Trim() ?? "", m.Metric?.Trim() ?? "")).ToList();
        var codes = (request.Units ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).ToList();
        var status = string.IsNullOrWhiteSpace(request.Status) ? ActionStatuses.Planned : request.Status.Trim();
        var errors = ActionRules.Validate(
                request.Title, request.Element, request.Intervention, request.OwnerName, request.OwnerRole, codes,
                request.StartsOn, request.DueOn, status, request.Notes, measures, known)
            .Select(e => new InputError(e.Field, e.Message)).ToList();
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ActionPlan(
            id, request.Title!.Trim(), request.Element!, string.IsNullOrWhiteSpace(request.Intervention) ? null : request.Intervention.Trim(),
            request.OwnerName!.Trim(), string.IsNullOrWhiteSpace(request.OwnerRole) ? null : request.OwnerRole.Trim(),
            [.. codes.Select(c => known.UnitIdsByCode[c.Trim()])], request.StartsOn!.Value, request.DueOn!.Value, status,
            string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(), measures), []);
    }
}
