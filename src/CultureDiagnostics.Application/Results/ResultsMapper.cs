using CultureDiagnostics.Core.Disclosure;
using CultureDiagnostics.Core.Results;
using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Application.Results;

/// <summary>
/// Turns an analysed campaign into what is published, applying its disclosure decisions: a suppressed group
/// gets only "suppressed" and, where that is true, "fewer than N". Internal: only the gate,
/// <see cref="ResultsPublisher"/>, maps analyses.
/// </summary>
public static class ResultsMapper
{
    /// <summary>rwg(j) at or above this is the usual evidence that a team agrees enough for its score to mean something.</summary>
    public const double AgreementCutOff = 0.70;

    internal static CampaignResultsResponse Campaign(AnalysedCampaign analysed)
    {
        var threshold = analysed.Campaign.Thresholds.Scores;
        var root = analysed.Tree.Roots.Count > 0 ? analysed.Tree.Roots[0] : null;
        var scales = analysed.Analysis.Scales;
        var summaries = scales.Select((scale, index) =>
        {
            var organisation = root is null ? Suppressed(scale, threshold, null) : Cell(analysed, index, root.Id);
            var shown = !organisation.Suppressed;
            return new ScaleSummaryResponse(
                scale.Instrument.Id, scale.Instrument.Version, scale.Construct.Id, scale.Construct.Title, scale.Construct.Element,
                scale.Construct.IsTeamConstruct, scale.ScaleMin, scale.ScaleMax, scale.Items.Select(i => i.Id).ToList(), organisation,
                shown ? Reliability(scale.Analysis.Alpha) : null,
                shown ? TeamLevel(analysed.AcrossGroups[index]) : null);
        }).ToList();

        var heatmap = analysed.Tree.InTreeOrder()
            .Select(x => new HeatmapRowResponse(
                x.Unit.Code, x.Unit.Name, analysed.Tree.LevelOf(x.Unit.Id), x.Depth,
                Respondents(analysed, x.Unit.Id),
                analysed.Disclosure.TryGetValue(x.Unit.Id, out var d) ? DisclosureRules.ResponseRatePercent(d, analysed.Tree.HeadcountOf(x.Unit.Id)) : null,
                scales.Select((_, index) => Cell(analysed, index, x.Unit.Id)).ToList()))
            .ToList();

        return new CampaignResultsResponse(
            analysed.Campaign.Id, analysed.Campaign.Title, threshold, ScaleScoreRule,
            root is null ? PublishedCount.Below(threshold) : Respondents(analysed, root.Id), summaries, heatmap);
    }

    internal static UnitResultsResponse Unit(AnalysedCampaign analysed, string unitId, PreviousWaves previousWaves)
    {
        var unit = analysed.Tree.Find(unitId)!;
        var threshold = analysed.Campaign.Thresholds.Scores;
        var withOrganisation = ComparisonFamily.WithOrganisation(analysed);
        var withPrevious = ComparisonFamily.WithPreviousWaves(analysed, previousWaves);
        var scales = analysed.Analysis.Scales.Select((scale, index) =>
        {
            var cell = Cell(analysed, index, unitId);
            if (cell.Suppressed)
            {
                return new UnitScaleResponse(scale.Instrument.Id, scale.Construct.Id, scale.Construct.Title, cell, null, null, null, []);
            }

            var figures = scale.ByUnit[unitId];
            var decisions = analysed.ScaleFigures(index, unitId)!;
            var labels = scale.Instrument.FindScale(scale.Items[0].Scale!)!.Points;
            var items = figures.Items.Select((item, i) => Item(scale.Items[i], item, labels, decisions.Items[i], threshold)).ToList();
            var agreement = figures.Agreement is { } a && decisions.Agreement
                ? new AgreementResponse(
                    a.RwgJ,
                    a.RwgJSlightSkew,
                    decisions.ListwiseAgreement ? a.RwgJListwise : null,
                    decisions.ListwiseAgreement ? a.AwgListwise : null,
                    decisions.ListwiseAgreement ? a.AdMJListwise : null,
                    a.RwgJChance95,
                    a.RwgJ >= AgreementCutOff,
                    a.BeyondChance,
                    a.Reading)
                : null;
            return new UnitScaleResponse(
                scale.Instrument.Id, scale.Construct.Id, scale.Construct.Title, cell, agreement, withOrganisation.Of(unitId, index), withPrevious.Of(unitId, index), items);
        }).ToList();

        return new UnitResultsResponse(analysed.Campaign.Id, unit.Code, unit.Name, analysed.Tree.LevelOf(unitId), Respondents(analysed, unitId), scales);
    }

    public const string ScaleScoreRule =
        "A respondent's scale score is the mean of the scale's items they answered (negatively worded items reversed), counted only when they answered at least half of the scale's items.";

    private static PublishedCount Respondents(AnalysedCampaign analysed, string unitId) =>
        analysed.Disclosure.TryGetValue(unitId, out var d) ? d.Published : PublishedCount.Below(analysed.Campaign.Thresholds.Scores);

    private static ScaleCellResponse Cell(AnalysedCampaign analysed, int scaleIndex, string unitId)
    {
        var scale = analysed.Analysis.Scales[scaleIndex];
        var threshold = analysed.Campaign.Thresholds.Scores;
        var decisions = analysed.ScaleFigures(scaleIndex, unitId);
        return decisions is null
            ? Suppressed(scale, threshold, analysed.ScaleShown(scaleIndex, unitId))
            : Cell(scale, scale.Instrument.Id, scale.Construct.Id, unitId,
                decisions.Score.Shown, decisions.Pooled.Shown, threshold);
    }

    /// <summary>
    /// A scale's figures for a unit (or a unit's category) after disclosure control: the score on its scored
    /// respondents, the pooled % favourable and unfavourable on everyone who answered an item, each only if its
    /// own population passed. A hidden score reads "fewer than N" only when its population is that small; one hidden
    /// to protect another is simply withheld.
    /// </summary>
    internal static ScaleCellResponse Cell(
        ScaleResults? scale, string instrumentId, string constructId, string unitId, bool scoreShown, bool pooledShown, int threshold)
    {
        var figures = scale?.ByUnit.GetValueOrDefault(unitId);
        if (!scoreShown || figures is null || figures.ScaleScore.N < threshold)
        {
            var fewer = figures is null || figures.ScaleScore.N < threshold;
            return new ScaleCellResponse(instrumentId, constructId, true, fewer ? threshold : null, null, null, null);
        }

        pooledShown &= figures.Pooled.N > 0;
        return new ScaleCellResponse(instrumentId, constructId, false, null, Score(figures.ScaleScore),
            pooledShown ? Proportion(figures.Pooled.Favourable) : null, pooledShown ? Proportion(figures.Pooled.Unfavourable) : null);
    }

    /// <summary>"Fewer than N" only when it is true; a group hidden to protect another is simply withheld.</summary>
    private static ScaleCellResponse Suppressed(ScaleResults scale, int threshold, GroupDisclosure? disclosure) =>
        new(scale.Instrument.Id, scale.Construct.Id, true,
            disclosure is null or { Reason: HiddenReason.BelowThreshold } or { Shown: true } ? threshold : null,
            null, null, null);

    private static ItemResponse Item(
        Core.Instruments.Item definition, ItemSummary item, IReadOnlyList<Core.Instruments.ScalePoint> labels, GroupDisclosure decision, int threshold)
    {
        // The summary is after reverse-scoring (index 0 the least favourable point); people answered on the labels.
        var (low, high) = (labels[0].Value, labels[^1].Value);
        double? AsAnswered(double? scored) => definition.Reverse && scored is { } x ? low + high - x : scored;
        var favourable = Enumerable.Range(0, Math.Min(ItemSummary.TopBoxPoints, labels.Count))
            .Select(p => definition.Reverse ? low + p : high - p).Order().ToList();
        if (!decision.Shown || item.N < threshold)
        {
            return new ItemResponse(item.Item, definition.Text, definition.Reverse, favourable, true, decision.Reason is HiddenReason.BelowThreshold ? threshold : null,
                null, null, null, null, null, null, null, null);
        }

        var distribution = labels
            .Select((label, p) => new PointCount(label.Value, label.Label, item.Distribution[definition.Reverse ? labels.Count - 1 - p : p]))
            .ToList();
        var interval = definition.Reverse && item.MeanCi95 is { } ci
            ? new IntervalResponse(low + high - ci.High, low + high - ci.Low)
            : Interval(item.MeanCi95);
        return new ItemResponse(item.Item, definition.Text, definition.Reverse, favourable, false, null, item.N, AsAnswered(item.Mean), interval, item.Sd,
            AsAnswered(item.Median), distribution, Proportion(item.Favourable), Proportion(item.Unfavourable));
    }

    /// <summary>A comparison before it is judged: the difference, its 95% interval and its two-sided p-value.</summary>
    internal sealed record Compared(string Against, double Difference, IntervalResponse Ci95, double P);

    /// <summary>
    /// The unit's mean minus the organisation's, with a 95% interval. The unit is part of the
    /// organisation, so the interval comes from the Welch interval of the unit against the rest of the
    /// organisation: unit − organisation = (rest's share of the organisation) × (unit − rest); the p-value is
    /// that of the unit against the rest. Null where the unit's or the organisation's score is not shown.
    /// </summary>
    internal static Compared? CompareWithOrganisation(AnalysedCampaign analysed, int scaleIndex, string unitId)
    {
        var rootId = analysed.Tree.Roots[0].Id;
        if (unitId == rootId || Cell(analysed, scaleIndex, rootId).Suppressed || Cell(analysed, scaleIndex, unitId).Suppressed)
        {
            return null;
        }

        var organisation = analysed.Analysis.Scales[scaleIndex].ByUnit[rootId].ScaleScore;
        var unit = analysed.Analysis.Scales[scaleIndex].ByUnit[unitId].ScaleScore;
        if (Rest(organisation, unit) is not { } rest || MeanComparison.Welch(unit, rest) is not { } welch)
        {
            return null;
        }

        var share = (double)rest.N / organisation.N;
        return new Compared("organisation", unit.Mean!.Value - organisation.Mean!.Value, new IntervalResponse(welch.Ci95.Low * share, welch.Ci95.High * share), welch.P);
    }

    /// <summary>The unit's mean now minus in its previous wave (<see cref="PreviousWaves"/>); null where there is none or either score is not shown.</summary>
    internal static Compared? CompareWithPrevious(AnalysedCampaign analysed, AnalysedCampaign? previous, int scaleIndex, string unitId)
    {
        var scale = analysed.Analysis.Scales[scaleIndex];
        if (previous is null || Cell(analysed, scaleIndex, unitId).Suppressed)
        {
            return null;
        }

        var index = previous.Analysis.Scales.ToList().FindIndex(s => s.Instrument.Id == scale.Instrument.Id && s.Construct.Id == scale.Construct.Id);
        if (index < 0 || !previous.Analysis.Scales[index].ByUnit.ContainsKey(unitId) || Cell(previous, index, unitId).Suppressed
            || MeanComparison.Welch(scale.ByUnit[unitId].ScaleScore, previous.Analysis.Scales[index].ByUnit[unitId].ScaleScore) is not { } welch)
        {
            return null;
        }

        return new Compared(previous.Campaign.Title, welch.Difference, Interval(welch.Ci95)!, welch.P);
    }

    /// <summary>The organisation without the unit, from the two groups' n, mean and SD.</summary>
    private static ContinuousSummary? Rest(ContinuousSummary whole, ContinuousSummary part)
    {
        var n = whole.N - part.N;
        if (n < 2 || whole.Mean is not { } mw || part.Mean is not { } mp || whole.Sd is not { } sw || part.Sd is not { } sp)
        {
            return null;
        }

        var sumSquaresWhole = ((whole.N - 1) * sw * sw) + (whole.N * mw * mw);
        var sumSquaresPart = ((part.N - 1) * sp * sp) + (part.N * mp * mp);
        var mean = ((whole.N * mw) - (part.N * mp)) / n;
        var variance = Math.Max(0, (sumSquaresWhole - sumSquaresPart - (n * mean * mean)) / (n - 1));
        return new ContinuousSummary(n, mean, null, Math.Sqrt(variance), null);
    }

    private static ScoreResponse Score(ContinuousSummary s) => new(s.N, s.Mean, Interval(s.MeanCi95), s.Sd, s.Median);

    private static ProportionResponse Proportion(ProportionSummary p) => new(p.Count, p.Share, Interval(p.Ci95), p.Respondents);

    private static IntervalResponse? Interval(Interval? interval) => interval is { } i ? new IntervalResponse(i.Low, i.High) : null;

    private static ReliabilityResponse Reliability(ReliabilityResult alpha) => new(
        alpha.Raw, alpha.Standardised, alpha.AverageR, alpha.Items.Select(i => new ReliabilityItemResponse(i.Item, i.RDrop, i.AlphaIfDeleted)).ToList(), alpha.SpearmanBrown);

    private static TeamLevelResponse TeamLevel(AcrossGroupsResult across) => new(
        across.Icc?.Icc1, across.Icc?.Icc2, across.Icc?.Msb, across.Icc?.Msw, across.Icc?.K,
        across.GroupsWithRwgJ, across.ShareOfGroupsAgreeing,
        across.KruskalWallis.H, across.KruskalWallis.Df, across.KruskalWallis.P, across.KruskalWallis.EpsilonSquared);
}
