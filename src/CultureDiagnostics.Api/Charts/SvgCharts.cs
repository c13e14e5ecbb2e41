using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using CultureDiagnostics.Api.Diagnostics;
using CultureDiagnostics.Core.Spc;
using ScottPlot;

namespace CultureDiagnostics.Api.Charts;

/// <summary>One wave of a trend: its label, mean and 95% interval.</summary>
public sealed record WavePoint(string Label, double Mean, double? Low, double? High);

/// <summary>
/// Charts drawn by ScottPlot as SVG and embedded inline with role="img", a title and a description, so a
/// screen reader gets the text alternative. Drawing is slow next to everything else on a page, so each
/// distinct chart is drawn once and kept (the key holds all the data drawn).
/// </summary>
public static partial class SvgCharts
{
    private const int MaxCached = 512;
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    private static readonly Color Ink = Color.FromHex("#0b0c0c");
    private static readonly Color Grey = Color.FromHex("#505a5f");
    private static readonly Color Improvement = Color.FromHex("#005eb8");
    private static readonly Color Concern = Color.FromHex("#c05600");
    private static readonly Color Target = Color.FromHex("#942514");

    public static string Spc(MetricChart metric, string id, int width = 640, int height = 300)
    {
        var periods = metric.Values.OrderBy(v => v.Period, StringComparer.Ordinal).Select(v => v.Period).ToList();
        var points = metric.Chart.Points;
        var key = "spc|" + id + "|" + width + "|" + height + "|" + metric.Metric + "|" + string.Join(";", points.Select((p, i) => $"{periods[i]}={p.Value.ToString("R", CultureInfo.InvariantCulture)}"));
        return Cached(key, () =>
        {
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

            if (metric.Metric.Target is { } target)
            {
                var t = plot.Add.HorizontalLine(target, 1.5f, Target, LinePattern.Dotted);
                t.LegendText = "Target";
            }

            // Special-cause points differ in shape as well as colour: squares for improvement, triangles for concern.
            AddMarkers(plot, points, xs, PointTypes.Improvement, MarkerShape.FilledSquare, Improvement);
            AddMarkers(plot, points, xs, PointTypes.Concern, MarkerShape.FilledTriangleUp, Concern);
            AddMarkers(plot, points, xs, PointTypes.NeutralHigh, MarkerShape.FilledDiamond, Ink);
            AddMarkers(plot, points, xs, PointTypes.NeutralLow, MarkerShape.FilledDiamond, Ink);
            Ticks(plot, periods.Select(Month).ToList());
            plot.YLabel(metric.Metric.Unit.Length > 0 ? $"{metric.Metric.Title} ({metric.Metric.Unit})" : metric.Metric.Title);
            return plot;
        }, id, width, height, $"SPC chart of {metric.Metric.Title}", Describe(metric, periods));
    }

    public static string Trend(string title, IReadOnlyList<WavePoint> waves, double min, double max, string id, int width = 640, int height = 260)
    {
        var key = "trend|" + id + "|" + width + "|" + height + "|" + title + "|" + string.Join(";", waves);
        return Cached(key, () =>
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
        }, id, width, height, $"Trend of {title} over waves",
        string.Join("; ", waves.Select(w => $"{w.Label}: {F(w.Mean)}{(w.Low is { } l && w.High is { } h ? $" (95% CI {F(l)} to {F(h)})" : "")}")) + ".");
    }

    private static void AddMarkers(Plot plot, IReadOnlyList<SpcPoint> points, double[] xs, string type, MarkerShape shape, Color color)
    {
        var chosen = points.Select((p, i) => (p, i)).Where(x => x.p.PointType == type).ToList();
        if (chosen.Count == 0)
        {
            return;
        }

        var markers = plot.Add.Markers(chosen.Select(x => xs[x.i]).ToArray(), chosen.Select(x => x.p.Value).ToArray(), shape, 10, color);
        _ = markers;
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

    private static string Cached(string key, Func<Plot> draw, string id, int width, int height, string title, string description)
    {
        if (Cache.TryGetValue(key, out var svg))
        {
            return svg;
        }

        var raw = draw().GetSvgXml(width, height);
        var start = raw.IndexOf("<svg", StringComparison.Ordinal);
        // The browser draws the text: give it a sans-serif stack rather than the one font Skia measured with.
        var body = FontFamily().Replace(raw[start..], "font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\"");
        var close = body.IndexOf('>', StringComparison.Ordinal);
        var open = body[..close]
            .Replace($"width=\"{width}\"", $"viewBox=\"0 0 {width} {height}\" width=\"{width}\"", StringComparison.Ordinal);
        svg = $"{open} role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" focusable=\"false\"><title id=\"{id}-title\">{WebUtility.HtmlEncode(title)}</title><desc id=\"{id}-desc\">{WebUtility.HtmlEncode(description)}</desc>{body[(close + 1)..]}";
        if (Cache.Count >= MaxCached)
        {
            Cache.Clear();
        }

        Cache[key] = svg;
        return svg;
    }

    private static string Describe(MetricChart metric, List<string> periods)
    {
        var points = metric.Chart.Points;
        if (points.Count == 0)
        {
            return "No values yet.";
        }

        var last = points[^1];
        var signals = points.Select((p, i) => (p, i)).Where(x => x.p.PointType is PointTypes.Improvement or PointTypes.Concern)
            .Select(x => $"{Month(periods[x.i])} {(x.p.PointType == PointTypes.Improvement ? "improvement" : "concern")}").ToList();
        return $"{points.Count} months from {Month(periods[0])} to {Month(periods[^1])}; latest {F(last.Value)}{metric.Metric.Unit}, mean {F(last.Mean)}"
            + (last.Lpl is { } lpl && last.Upl is { } upl ? $", process limits {F(lpl)} to {F(upl)}" : "")
            + (metric.Metric.Target is { } t ? $", target {F(t)}" : "")
            + (signals.Count > 0 ? $". Special cause points: {string.Join(", ", signals)}." : ". No special cause points.");
    }

    public static string Month(string period) =>
        DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("MMM yy", CultureInfo.InvariantCulture) : period;

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    [System.Text.RegularExpressions.GeneratedRegex("font-family=\"[^\"]*\"")]
    private static partial System.Text.RegularExpressions.Regex FontFamily();
}
