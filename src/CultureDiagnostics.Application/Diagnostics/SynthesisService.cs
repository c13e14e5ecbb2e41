using CultureDiagnostics.Application.Results;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Core.Spc;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Diagnostics;

namespace CultureDiagnostics.Application.Diagnostics;

/// <summary>
/// A metric with its months, its SPC chart (calculated again from each change point), its change points, and the
/// month to suggest as a change point where a sustained shift is signalled.
/// </summary>
public sealed record MetricChart(Metric Metric, IReadOnlyList<MetricValue> Values, SpcResult Chart)
{
    public IReadOnlyList<ChangePoint> ChangePoints { get; init; } = [];

    public string? SuggestedChangePoint { get; init; }
}

/// <summary>The synthesis with what it was built from: the survey campaign used (if any) and the metrics' charts.</summary>
public sealed record SynthesisView(Campaign? Campaign, CampaignResultsResponse? Results, UnitResultsResponse? Organisation, IReadOnlyList<ElementSynthesis> Elements, IReadOnlyList<MetricChart> Metrics);

/// <summary>
/// The synthesis: gathers its evidence (the published survey results of a closed campaign, through the
/// disclosure gate; the metrics' SPC charts; the coded findings), judged by the pure SynthesisRules, and
/// records the change team's conclusions and judgements once checked.
/// </summary>
public sealed class SynthesisService(ResultsPublisher publisher, CampaignStore campaigns, DiagnosticsStore store, TimeProvider clock, Telemetry telemetry)
{
    /// <summary>
    /// The synthesis with the survey evidence of the named campaign, or of the board's current diagnostic when none
    /// is named (none at all while there is none). A named campaign must exist and be published.
    /// </summary>
    public async Task<Published<SynthesisView>> ForCampaignAsync(string? campaignId, CancellationToken ct = default)
    {
        if (campaignId is null)
        {
            return await BuildAsync((await publisher.CurrentDiagnosticAsync(ct))?.Campaign, ct);
        }

        var campaign = await campaigns.FindAsync(campaignId, ct);
        if (campaign is null)
        {
            return Refusal.NoSuchCampaign(campaignId);
        }

        return Publication.IsPublished(campaign, clock.Today()) ? await BuildAsync(campaign, ct) : Refusal.NotPublished(campaign, clock.Today());
    }

    public async Task<IReadOnlyList<MetricChart>> MetricChartsAsync(CancellationToken ct = default)
    {
        var values = (await store.ValuesAsync(ct)).ToLookup(v => v.MetricId);
        var changes = (await store.ChangePointsAsync(ct)).ToLookup(c => c.MetricId);
        return (await store.MetricsAsync(ct)).Select(m =>
        {
            var months = values[m.Id].ToList();
            var chart = MetricRules.Chart(m, months, changes[m.Id].ToList());
            return new MetricChart(m, months, chart) { ChangePoints = changes[m.Id].ToList(), SuggestedChangePoint = MetricRules.SuggestedChangePoint(months, chart) };
        }).ToList();
    }

    /// <summary>The synthesis from a closed campaign's survey results, or from the other sources only when <paramref name="campaign"/> is null.</summary>
    public async Task<SynthesisView> BuildAsync(Campaign? campaign, CancellationToken ct = default)
    {
        using var timing = telemetry.Analysis(AnalysisKind.Synthesis);
        var evidence = new List<Evidence>();
        CampaignResultsResponse? summary = null;
        UnitResultsResponse? organisation = null;
        if (campaign is not null && (await publisher.OrganisationAsync(campaign, ct)).Value is { } published)
        {
            (summary, organisation) = (published.Results, published.WholeOrganisation);
            foreach (var scale in summary.Scales.Where(s => s.Element is not null))
            {
                var source = CulturalFramework.Sources.FirstOrDefault(s => s.InstrumentId == scale.Instrument)?.Id;
                if (source is null)
                {
                    continue;
                }

                var score = scale.Organisation.Suppressed ? null : scale.Organisation.ScaleScore;
                var change = organisation.Scales.FirstOrDefault(s => s.Instrument == scale.Instrument && s.Construct == scale.Construct)?.VersusPreviousWave;
                evidence.AddRange(SynthesisRules.FromSurveyScale(scale.Element!, source, scale.Title, score?.Mean, score?.Ci95?.Low, score?.Ci95?.High,
                    scale.ScaleMin, scale.ScaleMax, change?.Against, change?.Difference, change?.Ci95.Low, change?.Ci95.High));
            }
        }

        var metrics = await MetricChartsAsync(ct);
        evidence.AddRange(metrics.SelectMany(m => SynthesisRules.FromMetric(m.Metric, m.Chart)));
        evidence.AddRange((await store.FindingsAsync(ct)).Select(SynthesisRules.FromFinding));
        var elements = SynthesisRules.Build(CulturalFramework.Elements, evidence, await store.ConclusionsAsync(ct), await store.JudgementsAsync(ct));
        return new SynthesisView(campaign, summary, organisation, elements, metrics);
    }

    /// <summary>Records the change team's conclusion for one element from one source (empty removes it); nothing is stored when there are errors.</summary>
    public async Task<IReadOnlyList<DiagnosticError>> SaveConclusionAsync(string? element, string? source, string? conclusion, CancellationToken ct = default)
    {
        var errors = ValidateConclusion(element, source, conclusion);
        if (errors.Count == 0)
        {
            await store.SaveConclusionAsync(element!, source!, conclusion!, ct);
        }

        return errors;
    }

    /// <summary>Records the change team's judgement of one element (null follows the evidence); nothing is stored when there are errors.</summary>
    public async Task<IReadOnlyList<DiagnosticError>> SaveJudgementAsync(string? element, string? judgement, CancellationToken ct = default)
    {
        var errors = ValidateJudgement(element, judgement);
        if (errors.Count == 0)
        {
            await store.SaveJudgementAsync(element!, judgement, ct);
        }

        return errors;
    }

    /// <summary>
    /// Saves every change made on the synthesis page at once: each conclusion and judgement whose text differs from what
    /// the page showed (<see cref="SynthesisChange.Before"/>). All or nothing: a change that breaks a rule, or one to a
    /// box someone else has saved differently since the page was shown, stores nothing and is returned as a problem;
    /// unchanged boxes are left as they are, so two people editing different boxes never undo each other.
    /// </summary>
    public async Task<SynthesisSaved> SaveAllAsync(IReadOnlyList<SynthesisChange> edits, CancellationToken ct = default)
    {
        var changes = edits.Where(e => SynthesisText.OrNull(e.Before) != SynthesisText.OrNull(e.After)).ToList();
        var problems = new List<SynthesisProblem>();
        foreach (var change in changes)
        {
            var errors = change.Source is null
                ? ValidateJudgement(change.Element, SynthesisText.OrNull(change.After))
                : ValidateConclusion(change.Element, change.Source, change.After ?? "");
            problems.AddRange(errors.Select(e => new SynthesisProblem(change, e.Field, e.Field == "judgement" ? ChooseFromTheList(change.Element) : e.Message)));
        }

        if (problems.Count > 0)
        {
            return new SynthesisSaved(0, problems);
        }

        var conflicts = await store.SaveSynthesisAsync(changes, ct);
        return new SynthesisSaved(conflicts.Count == 0 ? changes.Count : 0, [.. conflicts.Select(Conflict)]);
    }

    private static string ChooseFromTheList(string element) =>
        $"Choose a judgement of {CulturalFramework.FindElement(element)!.Title} from the list: {string.Join(", ", Judgements.All.Select(Judgements.Title))}, or follow the evidence.";

    private static SynthesisProblem Conflict(SynthesisConflict conflict)
    {
        var change = conflict.Change;
        var element = CulturalFramework.FindElement(change.Element)!.Title;
        if (change.Source is null)
        {
            var now = conflict.Stored is null ? "following the evidence" : Judgements.Title(conflict.Stored);
            return new(change, "judgement",
                $"Someone else changed the judgement of {element} while you were editing: it is now {now}. Your choice is still selected; save again to replace theirs.")
            { Conflict = true };
        }

        var source = CulturalFramework.FindSource(change.Source)!.Title;
        var stored = conflict.Stored is null ? "They removed it." : $"It now reads: “{conflict.Stored}”.";
        return new(change, "conclusion",
            $"Someone else saved the conclusion for {element} from {source} while you were editing. {stored} Your text is still in the box; save again to replace theirs.")
        { Conflict = true };
    }

    private static List<DiagnosticError> ValidateConclusion(string? element, string? source, string? conclusion)
    {
        var errors = ValidateElement(element);
        var sourceTitle = source is null ? null : CulturalFramework.FindSource(source)?.Title;
        if (sourceTitle is null)
        {
            errors.Add(new(null, "source", $"The source must be one of {string.Join(", ", CulturalFramework.Sources.Select(s => s.Id))}."));
        }

        if (conclusion is null)
        {
            errors.Add(new(null, "conclusion", "The conclusion is required (empty to remove it)."));
        }
        else if (conclusion.Length > FindingRules.MaxEvidenceLength)
        {
            var cell = element is not null && CulturalFramework.FindElement(element) is { } e && sourceTitle is not null ? $" for {e.Title} from {sourceTitle}" : "";
            errors.Add(new(null, "conclusion",
                $"The conclusion{cell} must be at most {FindingRules.MaxEvidenceLength:N0} characters; it has {conclusion.Length:N0}."));
        }

        return errors;
    }

    private static List<DiagnosticError> ValidateJudgement(string? element, string? judgement)
    {
        var errors = ValidateElement(element);
        if (judgement is not null && !Judgements.All.Contains(judgement))
        {
            errors.Add(new(null, "judgement", "The judgement must be strength, area-to-develop, mixed, or null to follow the evidence."));
        }

        return errors;
    }

    private static List<DiagnosticError> ValidateElement(string? element) =>
        element is null || CulturalFramework.FindElement(element) is null
            ? [new(null, "element", $"The element must be one of {string.Join(", ", CulturalFramework.Elements.Select(e => e.Id))}.")]
            : [];
}

/// <summary>A change to the synthesis that could not be saved: which box, which field of it, and why in words.</summary>
public sealed record SynthesisProblem(SynthesisChange Change, string Field, string Message)
{
    /// <summary>Whether the box was saved differently by someone else while this change was made.</summary>
    public bool Conflict { get; init; }
}

/// <summary>What saving the synthesis page did: how many changes were stored, or (with none stored) the problems.</summary>
public sealed record SynthesisSaved(int Changes, IReadOnlyList<SynthesisProblem> Problems);
