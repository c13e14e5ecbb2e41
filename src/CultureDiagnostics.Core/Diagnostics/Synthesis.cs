using System.Globalization;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Core.Spc;

namespace CultureDiagnostics.Core.Diagnostics;

/// <summary>Which way a piece of evidence points for its element.</summary>
public enum Signal
{
    Positive,
    Negative,
    Neutral,
}

/// <summary>One piece of evidence in a cell of the synthesis (an element seen through a diagnostic source).</summary>
public sealed record Evidence(string Element, string Source, Signal Signal, string Text);

public static class Judgements
{
    public const string Strength = "strength";
    public const string AreaToDevelop = "area-to-develop";
    public const string Mixed = "mixed";

    public static readonly IReadOnlyList<string> All = [Strength, AreaToDevelop, Mixed];

    public static string Title(string? judgement) => judgement switch
    {
        Strength => "Strength",
        AreaToDevelop => "Area to develop",
        Mixed => "Mixed",
        _ => "Not yet judged",
    };
}

public sealed record SynthesisCell(string Source, IReadOnlyList<Evidence> Evidence, string? Conclusion);

/// <summary>
/// An element's row: its cells, the judgement the evidence suggests, the change team's own (if saved),
/// and the one that stands (the team's, else the suggestion).
/// </summary>
public sealed record ElementSynthesis(CulturalElement Element, IReadOnlyList<SynthesisCell> Cells, string? Suggested, string? Chosen)
{
    public string? Judgement => Chosen ?? Suggested;

    public IEnumerable<Evidence> AllEvidence => Cells.SelectMany(c => c.Evidence);
}

/// <summary>
/// The synthesis as pure functions: evidence from survey figures, SPC charts and coded findings,
/// placed in the elements × sources matrix, and a suggested judgement per element.
/// </summary>
public static class SynthesisRules
{
    public const string DashboardSource = "culture-and-outcomes-dashboard";

    /// <summary>
    /// Strength when the evidence points only one way and that way is positive, area to develop when only
    /// negative, mixed when both; null without any positive or negative evidence (nothing to suggest).
    /// </summary>
    public static string? Suggest(IEnumerable<Evidence> evidence)
    {
        var list = evidence.ToList();
        var positive = list.Any(e => e.Signal == Signal.Positive);
        var negative = list.Any(e => e.Signal == Signal.Negative);
        return (positive, negative) switch
        {
            (true, false) => Judgements.Strength,
            (false, true) => Judgements.AreaToDevelop,
            (true, true) => Judgements.Mixed,
            _ => null,
        };
    }

    public static IReadOnlyList<ElementSynthesis> Build(
        IReadOnlyList<CulturalElement> elements,
        IReadOnlyList<Evidence> evidence,
        IReadOnlyDictionary<(string Element, string Source), string> conclusions,
        IReadOnlyDictionary<string, string> chosen) =>
        elements.Select(element =>
        {
            var cells = CulturalFramework.Sources
                .Select(source => new SynthesisCell(
                    source.Id,
                    evidence.Where(e => e.Element == element.Id && e.Source == source.Id).ToList(),
                    conclusions.GetValueOrDefault((element.Id, source.Id))))
                .ToList();
            return new ElementSynthesis(element, cells, Suggest(cells.SelectMany(c => c.Evidence)), chosen.GetValueOrDefault(element.Id));
        }).ToList();

    /// <summary>
    /// A survey scale at organisation level: its mean against the middle of the scale (the interval wholly above
    /// is positive, wholly below negative), and its change since the previous wave when the interval of the
    /// change excludes zero.
    /// </summary>
    public static IReadOnlyList<Evidence> FromSurveyScale(
        string element, string source, string title, double? mean, double? low, double? high, int scaleMin, int scaleMax,
        string? previousWave, double? change, double? changeLow, double? changeHigh)
    {
        var list = new List<Evidence>();
        if (mean is { } m && low is { } l && high is { } h)
        {
            var middle = (scaleMin + scaleMax) / 2.0;
            var signal = l > middle ? Signal.Positive : h < middle ? Signal.Negative : Signal.Neutral;
            var where = signal switch
            {
                Signal.Positive => "above",
                Signal.Negative => "below",
                _ => "not clearly different from",
            };
            list.Add(new Evidence(element, source, signal,
                $"{title}: {F(m)} (95% CI {F(l)} to {F(h)}) on a {scaleMin}–{scaleMax} scale, {where} the middle of the scale."));
        }

        if (previousWave is not null && change is { } c && changeLow is { } cl && changeHigh is { } ch)
        {
            var real = cl > 0 || ch < 0;
            var signal = !real ? Signal.Neutral : c > 0 ? Signal.Positive : Signal.Negative;
            list.Add(new Evidence(element, source, signal, real
                ? $"{title}: {(c > 0 ? "up" : "down")} {F(Math.Abs(c))} since {previousWave} (95% CI {F(cl)} to {F(ch)}): a real change."
                : $"{title}: {(c >= 0 ? "+" : "−")}{F(Math.Abs(c))} since {previousWave} (95% CI {F(cl)} to {F(ch)}): within noise."));
        }

        return list;
    }

    /// <summary>A metric's SPC chart: its last point's variation and its assurance against the target.</summary>
    public static IReadOnlyList<Evidence> FromMetric(Metric metric, SpcResult chart)
    {
        if (chart.Points.Count == 0)
        {
            return [];
        }

        var list = new List<Evidence>();
        var variation = SpcWording.Variation(chart.LastPointVariation);
        var signal = chart.LastPointVariation switch
        {
            PointTypes.Improvement => Signal.Positive,
            PointTypes.Concern => Signal.Negative,
            _ => Signal.Neutral,
        };
        list.Add(new Evidence(metric.Element, DashboardSource, signal, $"{metric.Title}: {variation.Words.ToLowerInvariant()} (latest {F(chart.Points[^1].Value)}{metric.Unit})."));
        if (chart.Assurance is { } assurance)
        {
            var assuranceSignal = assurance switch
            {
                AssuranceTypes.ConsistentPass => Signal.Positive,
                AssuranceTypes.ConsistentFail => Signal.Negative,
                _ => Signal.Neutral,
            };
            list.Add(new Evidence(metric.Element, DashboardSource, assuranceSignal,
                $"{metric.Title}: {SpcWording.Assurance(assurance).Words.ToLowerInvariant()} (target {F(metric.Target!.Value)}{metric.Unit})."));
        }

        return list;
    }

    public static Evidence FromFinding(Finding finding) => new(
        finding.Element, finding.Source, finding.Kind == FindingKinds.Strength ? Signal.Positive : Signal.Negative,
        $"{FindingKinds.Title(finding.Kind)} ({finding.FoundOn:d MMM yyyy}): {finding.Evidence}");

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
