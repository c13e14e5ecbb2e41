using System.Globalization;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Core.Spc;
using CultureDiagnostics.Data.Diagnostics;

namespace CultureDiagnostics.Api.Demo;

/// <summary>A finding of the demo, dated so many days before the demo is loaded.</summary>
public sealed record DemoFinding(string Source, string Element, string Kind, int DaysAgo, string Evidence);

/// <summary>
/// The other diagnostics of the demo trust: two years of monthly culture and outcomes metrics (with real
/// SPC signals among common-cause noise), coded findings and a few of the change team's conclusions, so
/// the synthesis and the board's dashboard have something to say on first sight. Series come from a fixed
/// seed and end with the month before the demo was loaded.
/// </summary>
public static class DemoDiagnostics
{
    public const int Months = 24;
    private const int Seed = 20261124;

    public static readonly IReadOnlyList<Metric> Metrics =
    [
        new("sickness-absence", "Sickness absence rate", CulturalFramework.SupportAndCompassion, ImprovementDirection.Decrease, 4.5, "%"),
        new("staff-turnover", "Staff turnover (12-month rolling)", CulturalFramework.Teamwork, ImprovementDirection.Decrease, 12, "%"),
        new("vacancy-rate", "Registered nurse vacancy rate", CulturalFramework.GoalsAndPerformance, ImprovementDirection.Decrease, 8, "%"),
        new("staff-engagement", "Staff engagement score (quarterly pulse, 0–10)", CulturalFramework.VisionAndValues, ImprovementDirection.Increase, 7.2, ""),
        new("friends-and-family-test", "Friends and Family Test: patients who would recommend", CulturalFramework.SupportAndCompassion, ImprovementDirection.Increase, 93, "%"),
        new("incidents-reported", "Patient safety incidents reported per 1,000 bed days", CulturalFramework.LearningAndInnovation, ImprovementDirection.Increase, null, ""),
        new("senior-roles-ethnic-minority", "Ethnic minority staff in band 8a and above", CulturalFramework.EquityAndInclusion, ImprovementDirection.Increase, 18, "%"),
    ];

    /// <summary>
    /// Each metric's shape over <see cref="Months"/> months (index 0 is the oldest): a level, a winter
    /// bump, a change from a given month and noise. Sickness absence falls after a wellbeing programme
    /// (a run below the mean: improvement), vacancies climb in the last months (concern), incident
    /// reporting rises as the learning culture grows (improvement); the rest is common-cause variation.
    /// </summary>
    private static double Shape(string metric, int month, int calendarMonth, double noise) => metric switch
    {
        "sickness-absence" => 5.3 + (calendarMonth is 12 or 1 or 2 ? 0.3 : 0) - (month >= 15 ? 1.0 : 0) + (noise * 0.15),
        "staff-turnover" => 12.4 + (noise * 0.35),
        "vacancy-rate" => 8.6 + (month >= 19 ? 0.45 * (month - 18) : 0) + (noise * 0.3),
        "staff-engagement" => 6.75 + (noise * 0.08),
        "friends-and-family-test" => 95.8 + (noise * 0.6),
        "incidents-reported" => 38 + (month >= 14 ? 5.5 : 0) + (noise * 1.6),
        "senior-roles-ethnic-minority" => 13.8 + (noise * 0.3),
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Not a demo metric."),
    };

    /// <summary>Monthly values for every metric, ending with the month before <paramref name="today"/>.</summary>
    public static IReadOnlyList<MetricValue> Values(DateOnly today)
    {
        var random = new Random(Seed);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-Months);
        var values = new List<MetricValue>();
        foreach (var metric in Metrics)
        {
            for (var month = 0; month < Months; month++)
            {
                // Bounded noise keeps the demo's story the same on any day it is loaded.
                var noise = Math.Clamp(DemoData.Normal(random), -1.6, 1.6);
                var period = first.AddMonths(month);
                values.Add(new MetricValue(metric.Id, period.ToString("yyyy-MM", CultureInfo.InvariantCulture), Math.Round(Shape(metric.Id, month, period.Month, noise), 1)));
            }
        }

        return values;
    }

    public static readonly IReadOnlyList<DemoFinding> Findings =
    [
        new("culture-focus-groups", CulturalFramework.SupportAndCompassion, FindingKinds.Strength, 24,
            "Across six focus groups staff described colleagues who cover for each other and check on each other after a difficult shift."),
        new("culture-focus-groups", CulturalFramework.SupportAndCompassion, FindingKinds.AreaToDevelop, 24,
            "Night staff in the Emergency Department and the Acute Medical Unit said that senior leaders are rarely seen and that pressures are not understood above ward level."),
        new("culture-focus-groups", CulturalFramework.LearningAndInnovation, FindingKinds.AreaToDevelop, 22,
            "Ideas raised in huddles rarely come back with an answer; several groups said they had stopped suggesting improvements."),
        new("culture-focus-groups", CulturalFramework.Teamwork, FindingKinds.AreaToDevelop, 22,
            "Porters, theatre staff and ward teams described handovers between professions as tense; each group felt the others did not understand their work."),
        new("culture-focus-groups", CulturalFramework.EquityAndInclusion, FindingKinds.AreaToDevelop, 20,
            "International nurses said that opportunities to act up are given informally and that they hear about them late."),
        new("board-interviews", CulturalFramework.VisionAndValues, FindingKinds.Strength, 30,
            "All eight board members described the trust's values in the same words and gave examples of decisions taken because of them."),
        new("board-interviews", CulturalFramework.GoalsAndPerformance, FindingKinds.AreaToDevelop, 30,
            "Board members agreed that the trust has too many priorities; few could say how a ward's goals connect to the trust's objectives."),
        new("board-interviews", CulturalFramework.LearningAndInnovation, FindingKinds.Strength, 28,
            "The board sees the quality improvement programme as its main lever and reviews one improvement story at every meeting."),
        new("leadership-workforce-analysis", CulturalFramework.EquityAndInclusion, FindingKinds.AreaToDevelop, 40,
            "Ethnic minority staff are 31% of the workforce but 14% of band 8a and above, and are less likely to be appointed after shortlisting."),
        new("leadership-workforce-analysis", CulturalFramework.GoalsAndPerformance, FindingKinds.AreaToDevelop, 40,
            "Four in ten first-line managers have had no leadership development in three years; appraisal completion for managers is 68%."),
        new("leadership-workforce-analysis", CulturalFramework.Teamwork, FindingKinds.Strength, 38,
            "Critical Care and the Neonatal Unit have stable leadership teams with low turnover and shared team objectives."),
        new("patient-experience", CulturalFramework.SupportAndCompassion, FindingKinds.Strength, 15,
            "Compliments in the last six months most often mention kindness and being kept informed, especially on the maternity and children's wards."),
        new("patient-experience", CulturalFramework.Teamwork, FindingKinds.AreaToDevelop, 15,
            "A third of complaints about discharge describe conflicting information from different professionals."),
        new("patient-experience", CulturalFramework.VisionAndValues, FindingKinds.Strength, 12,
            "The national inpatient survey places the trust in the top fifth for being treated with respect and dignity."),
    ];

    /// <summary>The change team's first conclusions, written after their synthesis workshop.</summary>
    public static readonly IReadOnlyList<(string Element, string Source, string Conclusion)> Conclusions =
    [
        (CulturalFramework.VisionAndValues, "culture-and-outcomes-dashboard",
            "Engagement is steady but below the 7.2 target; the values themselves are widely known and used, by the board and by patients' accounts."),
        (CulturalFramework.SupportAndCompassion, "culture-focus-groups",
            "Compassion between colleagues is strong; compassion from senior leaders is not felt on nights in urgent care. Leader visibility, not kindness, is the gap."),
        (CulturalFramework.SupportAndCompassion, "culture-and-outcomes-dashboard",
            "Sickness absence has fallen for nine months since the wellbeing programme began: a real improvement, not noise."),
        (CulturalFramework.Teamwork, "culture-focus-groups",
            "Teams work well inside themselves; the problems are at the boundaries between professions and departments."),
        (CulturalFramework.GoalsAndPerformance, "board-interviews",
            "The golden thread from trust objectives to team goals is missing. Linked to rising vacancies in the dashboard."),
        (CulturalFramework.EquityAndInclusion, "leadership-workforce-analysis",
            "The gap in senior roles is large and is not closing at the current rate. A priority for Phase 2."),
    ];

    /// <summary>
    /// Judgements the change team settled in its workshop (nearly every element has some evidence each way, so
    /// the evidence alone suggests "mixed"); learning and innovation is left to follow the evidence.
    /// </summary>
    public static readonly IReadOnlyList<(string Element, string Judgement)> Judgements =
    [
        (CulturalFramework.VisionAndValues, Core.Diagnostics.Judgements.Strength),
        (CulturalFramework.SupportAndCompassion, Core.Diagnostics.Judgements.Strength),
        (CulturalFramework.GoalsAndPerformance, Core.Diagnostics.Judgements.AreaToDevelop),
        (CulturalFramework.Teamwork, Core.Diagnostics.Judgements.AreaToDevelop),
        (CulturalFramework.EquityAndInclusion, Core.Diagnostics.Judgements.AreaToDevelop),
    ];

    public static async Task LoadAsync(DiagnosticsStore store, DateOnly today, CancellationToken cancellationToken = default)
    {
        foreach (var metric in Metrics)
        {
            await store.SaveMetricAsync(metric, cancellationToken);
        }

        await store.ImportValuesAsync(Values(today), cancellationToken);
        foreach (var finding in Findings)
        {
            await store.AddFindingAsync(finding.Source, finding.Element, finding.Kind, finding.Evidence, today.AddDays(-finding.DaysAgo), cancellationToken);
        }

        foreach (var (element, source, conclusion) in Conclusions)
        {
            await store.SaveConclusionAsync(element, source, conclusion, cancellationToken);
        }

        foreach (var (element, judgement) in Judgements)
        {
            await store.SaveJudgementAsync(element, judgement, cancellationToken);
        }
    }

}
