using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace CultureDiagnostics.Application;

/// <summary>
/// The platform's own metrics and traces (the "CultureDiagnostics" meter and activity source): responses
/// taken, time spent analysing, exports and errors. Every tag comes from an enum or an exception's type,
/// so no answer, comment, e-mail address or access code can reach a metric or a span through here.
/// An export is also logged, with the campaign it came from.
/// </summary>
public sealed partial class Telemetry : IDisposable
{
    public const string Name = "CultureDiagnostics";

    /// <summary>Spans of the platform's own work (an analysis, an export), beside ASP.NET Core's request spans.</summary>
    public static readonly ActivitySource Activities = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _responses;
    private readonly Histogram<double> _analysis;
    private readonly Counter<long> _exports;
    private readonly Counter<long> _errors;
    private readonly ILogger<Telemetry> _logger;

    public Telemetry(IMeterFactory meters, ILogger<Telemetry> logger)
    {
        _logger = logger;
        _meter = meters.Create(Name);
        _responses = _meter.CreateCounter<long>("culturediagnostics.responses", "{response}",
            "Survey submissions handled, by outcome.");
        _analysis = _meter.CreateHistogram<double>("culturediagnostics.analysis.duration", "s",
            "Time taken to analyse a campaign, build a dashboard or a synthesis.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        _exports = _meter.CreateCounter<long>("culturediagnostics.exports", "{export}",
            "Files exported (workbooks, CSV), by format.");
        _errors = _meter.CreateCounter<long>("culturediagnostics.errors", "{error}",
            "Requests that failed inside the platform (answered 500), by exception type.");
    }

    /// <summary>One submission handled (through the API or the survey's last page).</summary>
    public void ResponseTaken(ResponseOutcome outcome) =>
        _responses.Add(1, new KeyValuePair<string, object?>("culturediagnostics.response.outcome", Tag(outcome)));

    /// <summary>
    /// Starts timing an analysis: dispose the result when it ends. It records the duration and, when
    /// traces are collected, a span named for the kind of analysis.
    /// </summary>
    public AnalysisTiming Analysis(AnalysisKind kind) =>
        new(this, kind, Activities.StartActivity("analyse " + Tag(kind)), Stopwatch.GetTimestamp());

    /// <summary>One file exported, from a campaign's figures when it has one.</summary>
    public void Exported(ExportFormat format, string? campaignId = null)
    {
        _exports.Add(1, new KeyValuePair<string, object?>("culturediagnostics.export.format", Tag(format)));
        Log.Exported(_logger, format, campaignId);
    }

    /// <summary>A failure inside the platform: only the exception's type is kept, never its message.</summary>
    public void Failed(Exception exception) =>
        _errors.Add(1, new KeyValuePair<string, object?>("error.type", exception.GetType().FullName));

    public void Dispose() => _meter.Dispose();

    private void AnalysisEnded(AnalysisKind kind, TimeSpan elapsed) =>
        _analysis.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("culturediagnostics.analysis.kind", Tag(kind)));

    // Tag values in the snake case OpenTelemetry uses (AlreadyStored becomes "already_stored").
    private static string Tag<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Exported a {Format} of campaign {CampaignId}.")]
        public static partial void Exported(ILogger logger, ExportFormat format, string? campaignId);
    }

    /// <summary>An analysis being timed; disposing it records the duration and ends its span.</summary>
    public readonly struct AnalysisTiming : IDisposable
    {
        private readonly Telemetry? _telemetry;
        private readonly AnalysisKind _kind;
        private readonly Activity? _activity;
        private readonly long _started;

        internal AnalysisTiming(Telemetry telemetry, AnalysisKind kind, Activity? activity, long started)
        {
            _telemetry = telemetry;
            _kind = kind;
            _activity = activity;
            _started = started;
        }

        public void Dispose()
        {
            _telemetry?.AnalysisEnded(_kind, Stopwatch.GetElapsedTime(_started));
            _activity?.Dispose();
        }
    }
}

/// <summary>How a submission ended, as counted by <see cref="Telemetry.ResponseTaken"/>.</summary>
public enum ResponseOutcome
{
    /// <summary>Stored: a new response.</summary>
    Stored,

    /// <summary>A retry of a response already stored (same idempotency key).</summary>
    AlreadyStored,

    /// <summary>Answers that break the instrument's rules (nothing stored).</summary>
    Invalid,

    /// <summary>Refused before its answers were read: unknown code, campaign not open, invitation missing or used.</summary>
    Refused,
}

/// <summary>What was analysed, as timed by <see cref="Telemetry.Analysis"/>.</summary>
public enum AnalysisKind
{
    /// <summary>A campaign's results (scales, items, agreement, comparisons).</summary>
    Campaign,

    /// <summary>The board's culture dashboard.</summary>
    Dashboard,

    /// <summary>The synthesis of every diagnostic source.</summary>
    Synthesis,
}

/// <summary>What was exported, as counted by <see cref="Telemetry.Exported"/>.</summary>
public enum ExportFormat
{
    /// <summary>The synthesis workbook (.xlsx), from the web or the command line.</summary>
    Workbook,

    /// <summary>A CSV file of published figures.</summary>
    Csv,

    /// <summary>A JSON file of published figures (the command line's analyse output).</summary>
    Json,
}
