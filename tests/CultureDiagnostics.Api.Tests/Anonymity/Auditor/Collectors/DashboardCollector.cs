using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using CultureDiagnostics.Api.Tests.Anonymity.Auditor.Model;
using CultureDiagnostics.Api.Tests.Workspace;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Collectors;

/// <summary>
/// The board's dashboard page, read as a person reads it: the headline, each element's headline scales, the
/// verdicts (survey evidence, metrics, or the change team's own words), the changes and the trends, all rounded to
/// two places. Each part is mapped and then removed; a digit left anywhere on the page is an unmapped number. The
/// charts are drawings of the figures in their captions and in the API (axis ticks are not figures), so they are
/// not read.
/// </summary>
public static partial class DashboardCollector
{
    public static async Task CollectAsync(Publication publication, Wave wave)
    {
        var url = $"/dashboard/{wave.Id}";
        if (await publication.ReadAsync(url) is not { } response)
        {
            return;
        }

        var main = WorkspaceClient.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("main")!;
        foreach (var svg in main.QuerySelectorAll("svg").ToList())
        {
            svg.Remove();
        }

        var reader = new Reader(publication, wave, $"GET {url}");
        reader.Headline(main);
        foreach (var line in main.QuerySelectorAll("ul.evidence li").ToList())
        {
            reader.Card(line);
            line.Remove();
        }

        foreach (var line in main.QuerySelectorAll("ul.verdicts li").ToList())
        {
            // "Element (mixed): what the evidence or the change team says (the change team's conclusion) Evidence: …"
            var element = line.QuerySelector("strong")!.TextContent;
            var text = line.TextContent.Trim()[element.Length..];
            reader.Statement(text[(text.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
            line.Remove();
        }

        foreach (var line in main.QuerySelectorAll("ul.changes li").ToList())
        {
            reader.Statement(line.TextContent.Trim());
            line.Remove();
        }

        foreach (var caption in main.QuerySelectorAll(".trends figcaption").ToList())
        {
            reader.Trend(caption.TextContent);
            caption.Remove();
        }

        foreach (var caption in main.QuerySelectorAll("figure.chart figcaption").ToList())
        {
            reader.Words(caption.TextContent);
            caption.Remove();
        }

        reader.Words(main.TextContent);
    }

    /// <summary>The synthesis as JSON: its evidence is worded from the same figures (survey, metrics) or by the change team.</summary>
    public static async Task SynthesisAsync(Publication publication, Wave wave)
    {
        var json = await publication.JsonAsync($"/api/synthesis?campaign={wave.Id}");
        if (json is null)
        {
            return;
        }

        var reader = new Reader(publication, wave, json.Source);
        foreach (var cell in json.Root["elements"]!.AsArray().SelectMany(e => e!["cells"]!.AsArray()))
        {
            foreach (var evidence in cell!["evidence"]!.AsArray())
            {
                reader.Statement(evidence!["text"]!.GetValue<string>());
            }

            if (cell["conclusion"]?.GetValue<string>() is { } conclusion)
            {
                reader.Statement(conclusion);
            }
        }

        publication.Finish(json);
    }

    /// <summary>The metrics as JSON: organisational figures nobody answered, checked against the stored values.</summary>
    public static async Task MetricsAsync(Publication publication)
    {
        var json = await publication.JsonAsync("/api/metrics");
        if (json is null)
        {
            return;
        }

        foreach (var metric in json.Root.AsArray())
        {
            var truth = publication.Model.Truth.Metrics.Single(m => m.Metric.Id == metric!["id"]!.GetValue<string>());
            var where = $"[{truth.Metric.Id}]";
            if (metric!["target"] is { } target)
            {
                publication.Add(json.One(target, $"{where}.target", new Fixed($"{truth.Metric.Title}: target", truth.Metric.Target!.Value)));
            }

            var points = metric["points"]!.AsArray();
            for (var i = 0; i < points.Count; i++)
            {
                var point = truth.Chart.Points[i];
                foreach (var (name, value) in new[] { ("value", (double?)point.Value), ("mean", point.Mean), ("lpl", point.Lpl), ("upl", point.Upl) })
                {
                    if (points[i]![name] is { } node)
                    {
                        publication.Add(json.One(node, $"{where}.points[{i}].{name}", new Fixed($"{truth.Metric.Title}: {name} of point {i}", value ?? double.NaN)));
                    }
                }
            }
        }

        publication.Finish(json);
    }

    private sealed partial class Reader(Publication publication, Wave wave, string source)
    {
        private readonly TrueAnswers _truth = publication.Model.Truth;

        public void Headline(IElement main)
        {
            var figures = main.QuerySelectorAll(".headline .figure").Select(f => f.TextContent.Trim()).ToList();
            if (int.TryParse(figures[0], CultureInfo.InvariantCulture, out var respondents))
            {
                publication.Add(new Figure($"{source} headline respondents", respondents, new Count(Population.Unit(wave.Id, _truth.Root.Id))));
            }

            if (figures[1].EndsWith('%'))
            {
                publication.Add(new Figure($"{source} headline response rate", Number(figures[1].TrimEnd('%')),
                    new RatePercent(Population.Unit(wave.Id, _truth.Root.Id), _truth.HeadcountOf(wave.Id, _truth.Root.Id) ?? 0)));
            }

            Assert.Equal(wave.ClosesOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), figures[2]);
            main.QuerySelector(".headline")!.Remove();
        }

        /// <summary>"Title: 5.23 on a 1–7 scale (95% CI 5.10 to 5.36) ▲ up 0.25 since the last wave (a real change)", or "Title: not shown".</summary>
        public void Card(IElement line)
        {
            var text = line.TextContent.Trim();
            var scale = WorkbookCollector.ScaleByTitle(publication, wave, text[..text.IndexOf(':', StringComparison.Ordinal)]);
            if (text.EndsWith(": not shown", StringComparison.Ordinal))
            {
                return;
            }

            var match = CardLine().Match(text);
            Assert.True(match.Success, $"{source}: a headline scale reads '{text}'.");
            var cell = Shapes.Cell(wave.Id, _truth.Root.Id, scale).ToDictionary(f => f.Path, f => f.Meaning);
            Rounded($"{scale.Construct} mean", match.Groups["mean"].Value, cell["scaleScore.mean"]);
            if (match.Groups["low"].Success)
            {
                Rounded($"{scale.Construct} 95% CI low", match.Groups["low"].Value, cell["scaleScore.ci95.low"]);
                Rounded($"{scale.Construct} 95% CI high", match.Groups["high"].Value, cell["scaleScore.ci95.high"]);
            }

            Scale(scale, match.Groups["min"].Value, match.Groups["max"].Value);
            if (match.Groups["change"].Success)
            {
                var change = WorkbookCollector.Change(_truth, wave, scale, publication.Model)!;
                Rounded($"{scale.Construct} change", Signed(match.Groups["direction"].Value, match.Groups["change"].Value), change["difference"]);
            }
        }

        /// <summary>A verdict or a change: survey evidence, a metric's reading, or the change team's own words.</summary>
        public void Statement(string text)
        {
            var evidence = EvidenceCount().Match(text);
            if (evidence.Success)
            {
                // How many pieces of evidence point each way: counts of the synthesis's own statements.
                text = text[..evidence.Index].Trim();
            }

            text = text.Replace(" (the change team's conclusion)", "", StringComparison.Ordinal).Trim();
            if (SurveyLevel().Match(text) is { Success: true } level)
            {
                var scale = WorkbookCollector.ScaleByTitle(publication, wave, level.Groups["title"].Value);
                var cell = Shapes.Cell(wave.Id, _truth.Root.Id, scale).ToDictionary(f => f.Path, f => f.Meaning);
                Rounded($"{scale.Construct} mean", level.Groups["mean"].Value, cell["scaleScore.mean"]);
                Rounded($"{scale.Construct} 95% CI low", level.Groups["low"].Value, cell["scaleScore.ci95.low"]);
                Rounded($"{scale.Construct} 95% CI high", level.Groups["high"].Value, cell["scaleScore.ci95.high"]);
                Scale(scale, level.Groups["min"].Value, level.Groups["max"].Value);
            }
            else if (SurveyChange().Match(text) is { Success: true } change)
            {
                var scale = WorkbookCollector.ScaleByTitle(publication, wave, change.Groups["title"].Value);
                var difference = WorkbookCollector.Change(_truth, wave, scale, publication.Model)!;
                Assert.Equal(_truth.PreviousWave(wave, scale.Instrument)!.Title, change.Groups["against"].Value);
                Rounded($"{scale.Construct} change", Signed(change.Groups["direction"].Value, change.Groups["size"].Value), difference["difference"]);
                Rounded($"{scale.Construct} change 95% CI low", change.Groups["low"].Value, difference["ci95.low"]);
                Rounded($"{scale.Construct} change 95% CI high", change.Groups["high"].Value, difference["ci95.high"]);
            }
            else if (_truth.Metrics.FirstOrDefault(m => text.StartsWith(m.Metric.Title + ": ", StringComparison.Ordinal)) is { } metric
                && MetricReading().Match(text[(metric.Metric.Title.Length + 2)..]) is { Success: true } reading)
            {
                var expected = reading.Groups["what"].Value == "latest" ? metric.Chart.Points[^1].Value : metric.Metric.Target!.Value;
                publication.Add(new Figure($"{source} '{text}'", Number(reading.Groups["value"].Value), new Fixed($"{metric.Metric.Title}: {reading.Groups["what"].Value}", expected), 2));
            }
            else if (!_truth.ChangeTeamTexts.Contains(text))
            {
                Words(text);
            }
        }

        /// <summary>"Title: Nov 2026 5.23; May 2026 5.01. Bars show 95% intervals."</summary>
        public void Trend(string caption)
        {
            var title = caption[..caption.IndexOf(':', StringComparison.Ordinal)];
            var scale = WorkbookCollector.ScaleByTitle(publication, wave, title);
            foreach (Match point in TrendPoint().Matches(caption))
            {
                var label = point.Groups["label"].Value;
                var at = _truth.Waves.Values.Single(w => w.ClosesOn.ToString("MMM yyyy", CultureInfo.InvariantCulture) == label && w.Instruments.Any(i => i.Id == scale.Instrument));
                var atScale = publication.Model.Scale(at.Id, scale.Instrument, scale.Construct);
                Rounded($"{scale.Construct} trend {label}", point.Groups["mean"].Value,
                    Shapes.Cell(at.Id, _truth.Root.Id, atScale).Single(f => f.Path == "scaleScore.mean").Meaning);
            }
        }

        /// <summary>Words that must hold no number, once the titles of the waves and the fixed phrases are taken out.</summary>
        public void Words(string text)
        {
            foreach (var title in _truth.Waves.Values.Select(w => w.Title).Concat(_truth.Metrics.Select(m => m.Metric.Title)).OrderByDescending(t => t.Length))
            {
                text = text.Replace(title, "", StringComparison.Ordinal);
            }

            text = FixedPhrases().Replace(text, "");
            if (Digits().IsMatch(text))
            {
                publication.Unmapped.Add($"{source}: a number in '{Regex.Replace(text.Trim(), @"\s+", " ")}'");
            }
        }

        private void Rounded(string what, string text, Meaning meaning) =>
            publication.Add(new Figure($"{source} {what}", Number(text), meaning, 2));

        private void Scale(ScaleInfo scale, string min, string max)
        {
            publication.Add(new Figure($"{source} {scale.Construct} scale minimum", Number(min), new Fixed("the scale's lowest point", scale.Min)));
            publication.Add(new Figure($"{source} {scale.Construct} scale maximum", Number(max), new Fixed("the scale's highest point", scale.Max)));
        }

        private static string Signed(string direction, string size) => direction is "▼ down" or "down" or "−" ? "-" + size : size;

        private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^.+?: (?<mean>-?\d+\.\d\d) on a (?<min>\d+)–(?<max>\d+) scale\s*(\(95% CI (?<low>-?\d+\.\d\d) to (?<high>-?\d+\.\d\d)\))?\s*((?<direction>▲ up|▼ down) (?<change>\d+\.\d\d) since the last wave \(a real change\))?$")]
    private static partial Regex CardLine();

    [GeneratedRegex(@"\s*Evidence: \d+ pieces? for, \d+ pieces? against\.$")]
    private static partial Regex EvidenceCount();

    [GeneratedRegex(@"^(?<title>.+?): (?<mean>-?\d+\.\d\d) \(95% CI (?<low>-?\d+\.\d\d) to (?<high>-?\d+\.\d\d)\) on a (?<min>\d+)–(?<max>\d+) scale, (above|below|not clearly different from) the middle of the scale\.$")]
    private static partial Regex SurveyLevel();

    [GeneratedRegex(@"^(?<title>.+?): (?<direction>▲ up|▼ down|up|down|\+|−) ?(?<size>\d+\.\d\d) since (?<against>.+) \(95% CI (?<low>-?\d+\.\d\d) to (?<high>-?\d+\.\d\d)(, excludes 0\)\.|\): a real change\.|\): within noise\.)$")]
    private static partial Regex SurveyChange();

    [GeneratedRegex(@"^[^()]+ \((?<what>latest|target) (?<value>-?\d+\.\d\d)[^)]*\)\.$")]
    private static partial Regex MetricReading();

    [GeneratedRegex(@"(?<label>[A-Z][a-z]{2} \d{4}) (?<mean>-?\d+\.\d\d)")]
    private static partial Regex TrendPoint();

    [GeneratedRegex(@"95% (CI|interval)|A4 landscape|\d{1,2} [A-Z][a-z]+ \d{4}")]
    private static partial Regex FixedPhrases();

    [GeneratedRegex(@"\d")]
    private static partial Regex Digits();
}
