using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using CultureDiagnostics.Core.Spc;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Caching.Hybrid;
using ScottPlot;

namespace CultureDiagnostics.Api.Charts;

/// <summary>
/// Charts (drawn by ChartPlots with ScottPlot) as SVG, embedded inline with role="img", a title and a
/// description, so a screen reader gets the text alternative. Drawing is slow next to everything else on a
/// page, so each distinct chart is drawn once and kept in HybridCache, under a hash of everything drawn.
/// The SVG is ScottPlot's, with only the title and description (encoded here) added: it is the one markup
/// pages insert unencoded, as a <see cref="MarkupString"/>.
/// </summary>
public sealed partial class SvgCharts(HybridCache cache)
{
    private static readonly HybridCacheEntryOptions Kept = new() { Expiration = TimeSpan.FromHours(1), LocalCacheExpiration = TimeSpan.FromHours(1) };

    /// <summary>What the lines and marks of an SPC chart mean, for the text beside the charts.</summary>
    public const string LineKey =
        "Each point is a month. The solid line is the mean, the dashed lines are the process limits and the dotted line is the target; squares mark special cause improvement, triangles special cause concern.";

    public async ValueTask<MarkupString> SpcAsync(MetricChart metric, string id, int width = 640, int height = 300, CancellationToken ct = default)
    {
        var periods = ChartPlots.Periods(metric);
        var key = Key("spc", id, width, height, metric.Metric.ToString(),
            string.Join(";", metric.Chart.Points.Select((p, i) => $"{periods[i]}={p.Value.ToString("R", CultureInfo.InvariantCulture)}")),
            string.Join(";", metric.ChangePoints.Select(c => $"{c.Period}={c.Reason}")));
        return new(await cache.GetOrCreateAsync(
            key, (metric, id, width, height), static (s, _) => ValueTask.FromResult(Spc(s.metric, s.id, s.width, s.height)), Kept, cancellationToken: ct));
    }

    public async ValueTask<MarkupString> TrendAsync(
        string title, IReadOnlyList<WavePoint> waves, double min, double max, string id, int width = 640, int height = 260, CancellationToken ct = default)
    {
        var key = Key("trend", id, width, height, title, string.Join(";", waves), min.ToString("R", CultureInfo.InvariantCulture), max.ToString("R", CultureInfo.InvariantCulture));
        return new(await cache.GetOrCreateAsync(
            key, (title, waves, min, max, id, width, height),
            static (s, _) => ValueTask.FromResult(Trend(s.title, s.waves, s.min, s.max, s.id, s.width, s.height)), Kept, cancellationToken: ct));
    }

    /// <summary>An SPC chart drawn afresh (<see cref="SpcAsync"/> keeps each one drawn).</summary>
    private static string Spc(MetricChart metric, string id, int width = 640, int height = 300)
    {
        var periods = ChartPlots.Periods(metric);
        return Svg(ChartPlots.Spc(metric), id, width, height, $"SPC chart of {metric.Metric.Title}", Describe(metric, periods));
    }

    /// <summary>A survey scale over waves, drawn afresh (<see cref="TrendAsync"/> keeps each one drawn).</summary>
    private static string Trend(string title, IReadOnlyList<WavePoint> waves, double min, double max, string id, int width = 640, int height = 260) =>
        Svg(ChartPlots.Trend(waves, min, max), id, width, height, $"Trend of {title} over waves",
            string.Join("; ", waves.Select(w => $"{w.Label}: {F(w.Mean)}{(w.Low is { } l && w.High is { } h ? $" (95% CI {F(l)} to {F(h)})" : "")}")) + ".");

    public static string Month(string period) => ChartPlots.Month(period);

    /// <summary>Everything drawn, hashed: the key stays short however long the series.</summary>
    private static string Key(string kind, string id, int width, int height, params string[] data)
    {
        string[] parts = [kind, id, width.ToString(CultureInfo.InvariantCulture), height.ToString(CultureInfo.InvariantCulture), .. data];
        return "svg/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))));
    }

    private static string Svg(Plot plot, string id, int width, int height, string title, string description)
    {
        var raw = plot.GetSvgXml(width, height);
        var start = raw.IndexOf("<svg", StringComparison.Ordinal);
        // The browser draws the text: give it a sans-serif stack rather than the one font Skia measured with.
        var body = FontFamily().Replace(raw[start..], "font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\"");
        var close = body.IndexOf('>', StringComparison.Ordinal);
        var open = body[..close]
            .Replace($"width=\"{width}\"", $"viewBox=\"0 0 {width} {height}\" width=\"{width}\"", StringComparison.Ordinal);
        return $"{open} role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" focusable=\"false\"><title id=\"{id}-title\">{WebUtility.HtmlEncode(title)}</title><desc id=\"{id}-desc\">{WebUtility.HtmlEncode(description)}</desc>{body[(close + 1)..]}";
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
            + (signals.Count > 0 ? $". Special cause points: {string.Join(", ", signals)}." : ". No special cause points.")
            + string.Concat(metric.ChangePoints.Select(c => $" The process changed from {Month(c.Period)}: {c.Reason}"));
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    [System.Text.RegularExpressions.GeneratedRegex("font-family=\"[^\"]*\"")]
    private static partial System.Text.RegularExpressions.Regex FontFamily();
}
