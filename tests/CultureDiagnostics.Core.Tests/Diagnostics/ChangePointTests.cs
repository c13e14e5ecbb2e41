using System.Globalization;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Spc;

namespace CultureDiagnostics.Core.Tests.Diagnostics;

/// <summary>
/// Change points of a metric's chart: the mean and limits are calculated again from the month marked (as
/// XmrChart's rebase, checked against NHSRplotthedots in the SPC reference tests), a sustained shift up to the latest
/// month is suggested as one, and a change point must name a later month of the metric with a reason.
/// </summary>
public sealed class ChangePointTests
{
    private static readonly Metric Sickness = new("sickness-absence", "Sickness absence rate", "support-and-compassion", ImprovementDirection.Decrease, 4.5, "%");

    /// <summary>Fifteen months around 5.2, then nine around 4.2: a process that changed, all below the old mean since.</summary>
    private static List<MetricValue> Shifted()
    {
        double[] before = [5.3, 5.1, 5.4, 5.2, 5.0, 5.3, 5.2, 5.1, 5.4, 5.2, 5.3, 5.0, 5.2, 5.1, 5.3];
        double[] after = [4.2, 4.1, 4.2, 4.15, 4.1, 4.2, 4.15, 4.1, 4.2];
        return [.. before.Concat(after).Select((v, i) => new MetricValue(Sickness.Id, new DateOnly(2024, 1, 1).AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture), v))];
    }

    [Fact]
    public void ASustainedShiftIsSuggestedAtItsFirstMonthAndMarkingItRecalculatesTheLimitsAndTheAssurance()
    {
        var values = Shifted();
        var before = MetricRules.Chart(Sickness, values);
        Assert.Equal(values[15].Period, MetricRules.SuggestedChangePoint(values, before));
        // On one mean for all two years, the target sits inside the limits: hit and miss.
        Assert.Equal(AssuranceTypes.Inconsistent, before.Assurance);

        var after = MetricRules.Chart(Sickness, values, [new ChangePoint(Sickness.Id, values[15].Period, "The wellbeing programme began.")]);
        Assert.Equal(values.Skip(15).Average(v => v.Value), after.Points[^1].Mean, 12);
        Assert.Equal(values.Take(15).Average(v => v.Value), after.Points[0].Mean, 12);
        // The new process stays below the 4.5 target within its limits: it passes consistently.
        Assert.Equal(AssuranceTypes.ConsistentPass, after.Assurance);
        Assert.True(after.Points[^1].Upl < 4.5, $"{after.Points[^1].Upl}");
        Assert.Null(MetricRules.SuggestedChangePoint(values, after));
    }

    [Fact]
    public void NoShiftNoSuggestion()
    {
        var values = Shifted().Take(15).ToList();
        Assert.Null(MetricRules.SuggestedChangePoint(values, MetricRules.Chart(Sickness, values)));
        // Six months on one side are not yet a sustained shift.
        var six = Shifted().Take(21).ToList();
        Assert.Null(MetricRules.SuggestedChangePoint(six, MetricRules.Chart(Sickness, six)));
    }

    [Fact]
    public void AChangePointNamesALaterMonthOfTheMetricAndSaysWhatChanged()
    {
        var values = Shifted();
        Assert.Empty(MetricRules.ValidateChangePoint(values[15].Period, "New rota.", values));
        Assert.Equal(["period"], MetricRules.ValidateChangePoint("2031-01", "New rota.", values).Select(e => e.Field));
        Assert.Equal(["period"], MetricRules.ValidateChangePoint(values[0].Period, "New rota.", values).Select(e => e.Field));
        Assert.Equal(["period", "reason"], MetricRules.ValidateChangePoint(null, " ", values).Select(e => e.Field));
        Assert.Equal(["reason"], MetricRules.ValidateChangePoint(values[3].Period, new string('x', MetricRules.MaxReasonLength + 1), values).Select(e => e.Field));
    }
}
