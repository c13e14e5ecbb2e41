using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Core.Spc;

namespace CultureDiagnostics.Core.Tests.Diagnostics;

public sealed class SynthesisRulesTests
{
    private static Evidence E(Signal signal) => new("teamwork", "board-interviews", signal, "x");

    [Fact]
    public void SuggestionFollowsTheDirectionOfTheEvidence()
    {
        Assert.Null(SynthesisRules.Suggest([]));
        Assert.Null(SynthesisRules.Suggest([E(Signal.Neutral)]));
        Assert.Equal(Judgements.Strength, SynthesisRules.Suggest([E(Signal.Positive), E(Signal.Neutral)]));
        Assert.Equal(Judgements.AreaToDevelop, SynthesisRules.Suggest([E(Signal.Negative)]));
        Assert.Equal(Judgements.Mixed, SynthesisRules.Suggest([E(Signal.Positive), E(Signal.Negative)]));
    }

    [Fact]
    public void TheChangeTeamsJudgementStandsOverTheSuggestion()
    {
        var rows = SynthesisRules.Build(CulturalFramework.Elements, [E(Signal.Negative)],
            new Dictionary<(string, string), string> { [("teamwork", "board-interviews")] = "Silos." },
            new Dictionary<string, string> { ["teamwork"] = Judgements.Mixed });
        var teamwork = rows.Single(r => r.Element.Id == "teamwork");
        Assert.Equal(Judgements.AreaToDevelop, teamwork.Suggested);
        Assert.Equal(Judgements.Mixed, teamwork.Judgement);
        Assert.Equal(CulturalFramework.Sources.Count, teamwork.Cells.Count);
        Assert.Equal("Silos.", teamwork.Cells.Single(c => c.Source == "board-interviews").Conclusion);
        Assert.Null(rows.Single(r => r.Element.Id == "vision-and-values").Judgement);
    }

    [Fact]
    public void ASurveyScaleCountsOnlyWhenItsIntervalIsClearOfTheMiddleAndAChangeOnlyWhenItExcludesZero()
    {
        var above = SynthesisRules.FromSurveyScale("teamwork", "s", "Teamwork", 3.6, 3.5, 3.7, 1, 5, "Spring", 0.05, -0.05, 0.15);
        Assert.Equal([Signal.Positive, Signal.Neutral], above.Select(e => e.Signal));
        Assert.Contains("within noise", above[1].Text, StringComparison.Ordinal);
        var straddling = SynthesisRules.FromSurveyScale("teamwork", "s", "Teamwork", 3.05, 2.9, 3.2, 1, 5, "Spring", -0.3, -0.4, -0.2);
        Assert.Equal([Signal.Neutral, Signal.Negative], straddling.Select(e => e.Signal));
        Assert.Contains("real change", straddling[1].Text, StringComparison.Ordinal);
        Assert.Empty(SynthesisRules.FromSurveyScale("teamwork", "s", "Teamwork", null, null, null, 1, 5, null, null, null, null));
    }

    [Fact]
    public void AMetricsSpecialCauseAndAssuranceBecomeEvidence()
    {
        var metric = new Metric("sickness", "Sickness absence", "support-and-compassion", ImprovementDirection.Decrease, 2.0, "%");
        var values = Enumerable.Range(0, 15).Select(i => new MetricValue("sickness", $"2026-{(i % 12) + 1:00}-{i}", i < 12 ? 5 + (0.1 * (i % 3)) : 9)).ToList();
        var chart = XmrChart.Analyse(values.Select(v => v.Value).ToList(), new SpcOptions(metric.Direction, metric.Target));
        var evidence = SynthesisRules.FromMetric(metric, chart);
        Assert.Equal(Signal.Negative, evidence[0].Signal);
        Assert.Equal(SynthesisRules.DashboardSource, evidence[0].Source);
        Assert.Contains("concern", evidence[0].Text, StringComparison.Ordinal);
        Assert.Equal(2, evidence.Count);
    }

    [Fact]
    public void ImportedRowsAreCheckedOneByOne()
    {
        var (values, errors) = MetricRules.ValidateImport(
            [(2, "a", "2026-01", "1.5"), (3, "b", "2026-01", "1"), (4, "a", "2026-1", "1"), (5, "a", "2026-02", "1e400"), (6, "a", "2026-01-15", "2")],
            new HashSet<string> { "a" });
        Assert.Single(values);
        Assert.Equal(["3:metric", "4:period", "5:value", "6:period"], errors.Select(e => $"{e.Row}:{e.Field}"));
    }
}
