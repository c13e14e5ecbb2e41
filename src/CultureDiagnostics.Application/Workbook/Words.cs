using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Disclosure;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Core.Spc;
using CultureDiagnostics.Application.Results;

namespace CultureDiagnostics.Application.Workbook;

/// <summary>How published figures and statuses read in the workbook's cells.</summary>
internal static class Words
{
    /// <summary>A statistic that a shown group has but that cannot be computed (an ICC with one team, for example).</summary>
    public const string NotDefined = "not defined";

    /// <summary>"Fewer than N responses" where that is true; a group hidden to protect a smaller one is only "withheld".</summary>
    public static string Hidden(int? fewerThan) => fewerThan is { } n ? $"fewer than {n} responses" : "withheld";

    public static Status HiddenStatus(int? fewerThan) => new(Hidden(fewerThan), StatusTone.Hidden);

    public static object Count(PublishedCount count) => count.Value is { } v ? v : HiddenStatus(count.FewerThan);

    public static object Number(double? value) => value is { } v && double.IsFinite(v) ? v : NotDefined;

    /// <summary>A shown group's % favourable or unfavourable: absent when its own population was withheld (see ResultsMapper.Cell).</summary>
    public static object Share(ProportionResponse? proportion) => proportion is null ? Hidden(null) : Number(proportion.Share);

    public static string Element(string? id) => id is null ? "–" : CulturalFramework.FindElement(id)?.Title ?? id;

    public static string Source(string id) => CulturalFramework.FindSource(id)?.Title ?? id;

    public static Status Judgement(string? judgement) => new(Judgements.Title(judgement), judgement switch
    {
        Judgements.Strength => StatusTone.Good,
        Judgements.AreaToDevelop => StatusTone.Concern,
        _ => StatusTone.Neutral,
    });

    public static Status Finding(string kind) =>
        new(FindingKinds.Title(kind), kind == FindingKinds.Strength ? StatusTone.Good : StatusTone.Concern);

    public static Status Variation(string? pointType) => new(SpcWording.Variation(pointType).Words, pointType switch
    {
        PointTypes.Improvement => StatusTone.Good,
        PointTypes.Concern => StatusTone.Concern,
        _ => StatusTone.Neutral,
    });

    public static Status Assurance(string? assurance) => new(SpcWording.Assurance(assurance).Words, assurance switch
    {
        AssuranceTypes.ConsistentPass => StatusTone.Good,
        AssuranceTypes.ConsistentFail => StatusTone.Concern,
        _ => StatusTone.Neutral,
    });

    /// <summary>A team's agreement: whether it is beyond chance, and whether it reaches the cut-off against each null.</summary>
    public static Status Agreement(AgreementResponse? agreement) => agreement switch
    {
        null or { RwgJ: null } => new("not defined for this group", StatusTone.Neutral),
        { BeyondChance: false } => new($"no more than chance (random teams of this size reach {agreement.RwgJChance95:0.00})", StatusTone.Concern),
        { Agrees: true, RwgJSlightSkew: >= ResultsMapper.AgreementCutOff } => new($"agrees (rwg(j) ≥ {ResultsMapper.AgreementCutOff:0.00}, beyond chance, even allowing for the lean towards agreeing)", StatusTone.Good),
        { Agrees: true } => new($"agrees (rwg(j) ≥ {ResultsMapper.AgreementCutOff:0.00}, beyond chance), but not once the lean towards agreeing is allowed for", StatusTone.Neutral),
        _ => new($"does not agree enough (rwg(j) < {ResultsMapper.AgreementCutOff:0.00})", StatusTone.Concern),
    };

    public static Status Difference(DifferenceResponse difference) => difference.Significant
        ? new(difference.Difference > 0 ? "real difference: higher" : "real difference: lower", difference.Difference > 0 ? StatusTone.Good : StatusTone.Concern)
        : new("within noise", StatusTone.Neutral);

    public static Status Change(DifferenceResponse change) => change.Significant
        ? new(change.Difference > 0 ? "real change: up" : "real change: down", change.Difference > 0 ? StatusTone.Good : StatusTone.Concern)
        : new("within noise", StatusTone.Neutral);

    public static string Direction(ImprovementDirection direction) => direction switch
    {
        ImprovementDirection.Increase => "higher is better",
        ImprovementDirection.Decrease => "lower is better",
        _ => "neither",
    };
}
