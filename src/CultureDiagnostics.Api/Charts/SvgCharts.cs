using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using CultureDiagnostics.Core.Spc;
using CultureDiagnostics.Application.Charts;
using ScottPlot;

namespace CultureDiagnostics.Api.Charts;

/// <summary>
/// Charts (drawn by ChartPlots with ScottPlot) as SVG, embedded inline with role="img", a title and a
/// description, so a screen reader gets the text alternative. Drawing is slow next to everything else on a page, so each
/// distinct chart is drawn once and kept (the key holds all the data drawn).
/// </summary>
public static partial class SvgCharts
{
    private const int MaxCached = 512;
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string Spc(MetricChart metric, string id, int width = 640, int height = 300)
    {
        var periods = ChartPlots.Periods(metric);
        var points = metric.Chart.Points;
        var key = "spc|" + id + "|" + width + "|" + height + "|" + metric.Metric + "|" + string.Join(";", points.Select((p, i) => $"{periods[i]}={p.Value.ToString("R", CultureInfo.InvariantCulture)}"));
        return Cached(key, () => ChartPlots.Spc(metric), id, width, height, $"SPC chart of {metric.Metric.Title}", Describe(metric, periods));
    }

    /// <summary>What the lines and marks of an SPC chart mean, for the text beside the charts.</summary>
    public const string LineKey =
        "Each point is a month. The solid line is the mean, the dashed lines are the process limits and the dotted line is the target; squares mark special cause improvement, triangles special cause concern.";

    public static string Trend(string title, IReadOnlyList<WavePoint> waves, double min, double max, string id, int width = 640, int height = 260)
    {
        var key = "trend|" + id + "|" + width + "|" + height + "|" + title + "|" + string.Join(";", waves);
        return Cached(key, () => ChartPlots.Trend(waves, min, max), id, width, height, $"Trend of {title} over waves",
            string.Join("; ", waves.Select(w => $"{w.Label}: {F(w.Mean)}{(w.Low is { } l && w.High is { } h ? $" (95% CI {F(l)} to {F(h)})" : "")}")) + ".");
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

    public static string Month(string period) => ChartPlots.Month(period);

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    [System.Text.RegularExpressions.GeneratedRegex("font-family=\"[^\"]*\"")]
    private static partial System.Text.RegularExpressions.Regex FontFamily();
}
