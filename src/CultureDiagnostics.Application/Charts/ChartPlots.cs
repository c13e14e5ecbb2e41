using CultureDiagnostics.Core.Spc;
using CultureDiagnostics.Application.Diagnostics;
using ScottPlot;

namespace CultureDiagnostics.Application.Charts;

/// <summary>One wave of a trend: its label, mean and 95% interval.</summary>
public sealed record WavePoint(string Label, double Mean, double? Low, double? High);

/// <summary>
/// The platform's charts as ScottPlot plots, drawn once here and rendered as SVG for pages and as PNG for
/// the workbook, so the board sees the same chart on screen and on paper.
/// </summary>
public static class ChartPlots
{
    private static readonly Color Ink = Color.FromHex("#0b0c0c");
    private static readonly Color Grey = Color.FromHex("#505a5f");
    private static readonly Color Improvement = Color.FromHex("#005eb8");
    private static readonly Color Concern = Color.FromHex("#c05600");
    private static readonly Color Target = Color.FromHex("#942514");

    /// <summary>An XmR chart: values, centre line, process limits, target, and special-cause points by shape as well as colour.</summary>
    public static Plot Spc(MetricChart metric)
    {
        var periods = Periods(metric);
        var points = metric.Chart.Points;
        var plot = NewPlot();
        var xs = Enumerable.Range(0, points.Count).Select(i => (double)i).ToArray();
        var line = plot.Add.Scatter(xs, points.Select(p => p.Value).ToArray(), Grey);
        line.MarkerShape = MarkerShape.FilledCircle;
        line.MarkerSize = 6;
        line.LineWidth = 1.5f;
        var mean = plot.Add.Scatter(xs, points.Select(p => p.Mean).ToArray(), Ink);
        mean.MarkerSize = 0;
        mean.LineWidth = 1.5f;
        foreach (var limit in new Func<SpcPoint, double?>[] { p => p.Lpl, p => p.Upl })
        {
            if (points.Any(p => limit(p) is not null))
            {
                var l = plot.Add.Scatter(xs, points.Select(p => limit(p) ?? double.NaN).ToArray(), Grey);
                l.MarkerSize = 0;
                l.LinePattern = LinePattern.Dashed;
            }
        }

        // Each change point as a dotted upright line before its month: the process the mean and limits describe starts there.
        foreach (var change in metric.ChangePoints)
        {
            if (periods.IndexOf(change.Period) is > 0 and var at)
            {
                plot.Add.VerticalLine(at - 0.5, 1.5f, Ink, LinePattern.Dotted);
            }
        }

        if (metric.Metric.Target is { } target)
        {
            // No legend box: it hid the latest months. The pages say in words what each line is (SvgCharts.LineKey).
            plot.Add.HorizontalLine(target, 1.5f, Target, LinePattern.Dotted);
        }

        // Special-cause points differ in shape as well as colour: squares for improvement, triangles for concern.
        AddMarkers(plot, points, xs, PointTypes.Improvement, MarkerShape.FilledSquare, Improvement);
        AddMarkers(plot, points, xs, PointTypes.Concern, MarkerShape.FilledTriangleUp, Concern);
        AddMarkers(plot, points, xs, PointTypes.NeutralHigh, MarkerShape.FilledDiamond, Ink);
        AddMarkers(plot, points, xs, PointTypes.NeutralLow, MarkerShape.FilledDiamond, Ink);
        Ticks(plot, periods.Select(Month).ToList());
        // The title is the chart's caption; a long one cut off along the axis helps nobody.
        if (metric.Metric.Unit.Length > 0)
        {
            plot.YLabel(metric.Metric.Unit);
        }

        return plot;
    }

    /// <summary>A scale's organisation mean over waves, each with its 95% interval.</summary>
    public static Plot Trend(IReadOnlyList<WavePoint> waves, double min, double max)
    {
        var plot = NewPlot();
        var xs = Enumerable.Range(0, waves.Count).Select(i => (double)i).ToArray();
        for (var i = 0; i < waves.Count; i++)
        {
            if (waves[i].Low is { } low && waves[i].High is { } high)
            {
                var bar = plot.Add.Line(i, low, i, high);
                bar.Color = Grey;
                bar.LineWidth = 2;
            }
        }

        var line = plot.Add.Scatter(xs, waves.Select(w => w.Mean).ToArray(), Improvement);
        line.MarkerShape = MarkerShape.FilledCircle;
        line.MarkerSize = 8;
        Ticks(plot, waves.Select(w => w.Label).ToList());
        plot.Axes.SetLimitsY(min, max);
        plot.Axes.SetLimitsX(-0.5, Math.Max(0.5, waves.Count - 0.5));
        plot.YLabel("Mean score");
        return plot;
    }

    /// <summary>The metric's periods in chart order (the chart's points follow the same order).</summary>
    public static List<string> Periods(MetricChart metric) =>
        metric.Values.OrderBy(v => v.Period, StringComparer.Ordinal).Select(v => v.Period).ToList();

    public static string Month(string period) =>
        DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? d.ToString("MMM yy", System.Globalization.CultureInfo.InvariantCulture) : period;

    private static void AddMarkers(Plot plot, IReadOnlyList<SpcPoint> points, double[] xs, string type, MarkerShape shape, Color color)
    {
        var chosen = points.Select((p, i) => (p, i)).Where(x => x.p.PointType == type).ToList();
        if (chosen.Count > 0)
        {
            plot.Add.Markers(chosen.Select(x => xs[x.i]).ToArray(), chosen.Select(x => x.p.Value).ToArray(), shape, 10, color);
        }
    }

    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.FigureBackground.Color = Colors.White;
        plot.Axes.Color(Ink);
        plot.Grid.MajorLineColor = Color.FromHex("#e0e0e0");
        plot.Font.Set("DejaVu Sans");
        // Large enough to read on a projector and on A4.
        plot.Axes.Bottom.TickLabelStyle.FontSize = 15;
        plot.Axes.Left.TickLabelStyle.FontSize = 15;
        plot.Axes.Left.Label.FontSize = 15;
        plot.Axes.Left.Label.Bold = false;
        return plot;
    }

    private static void Ticks(Plot plot, List<string> labels)
    {
        var step = Math.Max(1, (int)Math.Ceiling(labels.Count / 6.0));
        var ticks = labels.Select((l, i) => (l, i)).Where(x => x.i % step == 0).ToList();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.Select(t => (double)t.i).ToArray(), ticks.Select(t => t.l).ToArray());
    }
}
