using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Application;
using CultureDiagnostics.Data.Accounts;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CultureDiagnostics.Api.Tests.Edges;

/// <summary>
/// What the platform hands OpenTelemetry, read back with in-memory exporters: its own meter records what
/// happens, and no span, metric or log carries an answer, a comment, an e-mail address or an access code.
/// </summary>
/// <remarks>
/// Alone: OpenTelemetry listens to meters by name, and every app of the tests running beside these names its
/// meter "CultureDiagnostics", so another app's instruments could stand in for this one's in the exporter.
/// </remarks>
[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests : IDisposable
{
    private readonly TestApp _app = new(settings: new Dictionary<string, string?> { ["CultureDiagnostics:RateLimits:SurveyPagePostsPerMinute"] = "1" });
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private readonly ConcurrentQueue<string> _logs = new();

    public void Dispose() => _app.Dispose();

    /// <summary>The same platform (same database) with every signal exported into this test's lists.</summary>
    private WebApplicationFactory<Program> Instrumented() => _app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
        services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddProcessor(new SimpleLogRecordExportProcessor(new LogText(_logs))));
    }));

    private static void Flush(WebApplicationFactory<Program> app)
    {
        app.Services.GetRequiredService<TracerProvider>().ForceFlush();
        app.Services.GetRequiredService<MeterProvider>().ForceFlush();
    }

    [Fact]
    public async Task TheMeterRecordsResponsesAnalysisExportsAndFailures()
    {
        using var app = Instrumented();
        var telemetry = app.Services.GetRequiredService<Telemetry>();
        telemetry.ResponseTaken(ResponseOutcome.Stored);
        telemetry.ResponseTaken(ResponseOutcome.Stored);
        telemetry.ResponseTaken(ResponseOutcome.AlreadyStored);
        using (telemetry.Analysis(AnalysisKind.Campaign))
        {
            await Task.Delay(20);
        }

        telemetry.Exported(ExportFormat.Workbook);
        await Scenario.OpenCampaignAsync(_app);
        var admin = await SignedInAsync(app);
        await BreakTheDatabaseAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, (await admin.GetAsync("/api/campaigns")).StatusCode);
        Flush(app);

        Assert.True(Sum("culturediagnostics.responses", "culturediagnostics.response.outcome", "stored") >= 2);
        Assert.True(Sum("culturediagnostics.responses", "culturediagnostics.response.outcome", "already_stored") >= 1);
        Assert.True(Sum("culturediagnostics.exports", "culturediagnostics.export.format", "workbook") >= 1);
        Assert.True(Sum("culturediagnostics.errors", "error.type", DatabaseFailure) >= 1);
        var (count, seconds) = Histogram("culturediagnostics.analysis.duration", "culturediagnostics.analysis.kind", "campaign");
        Assert.True(count >= 1 && seconds >= 0.015, $"{count} analyses, {seconds} s");
        Assert.Contains(_spans, s => s.DisplayName == "analyse campaign" && s.Source.Name == Telemetry.Name);
    }

    [Fact]
    public async Task NoSpanMetricOrLogCarriesAnAnswerACommentAnEmailAddressOrAnAccessCode()
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        var email = await AccountAsync();
        using var app = Instrumented();
        var client = app.CreateClient();

        // A person signs in (and mistypes once), a respondent opens the survey, answers and comments, and pages through it too fast.
        await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password = "not-the-password" });
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password = TestApp.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/s/" + campaign.Code)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/survey/" + campaign.SecondCode)).StatusCode);
        var submission = Scenario.Submission(_app, campaign.Code, _ => 6);
        submission["comments"] = new JsonArray(new JsonObject { ["instrument"] = "psychological-safety", ["item"] = "ps-comment", ["text"] = "A remark about the rota quokka" });
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/responses", submission)).StatusCode);
        var start = () => new FormUrlEncodedContent(new Dictionary<string, string> { ["go"] = "start" });
        await client.PostAsync("/s/" + campaign.Code, start());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/s/" + campaign.Code, start())).StatusCode);
        // Then the platform fails on the survey page and in the API.
        await BreakTheDatabaseAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, (await client.GetAsync("/s/" + campaign.SecondCode)).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await client.GetAsync("/api/campaigns")).StatusCode);
        Flush(app);

        var spans = _spans.Select(Describe).ToList();
        var metrics = _metrics.Select(Describe).ToList();
        var logs = _logs.ToList();
        // What was sent is there, so its absence below means something.
        Assert.Contains(spans, s => s.Contains("http.route=/s/{code}", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Contains("http.route=/api/survey/{code}", StringComparison.Ordinal));
        Assert.Contains(metrics, m => m.StartsWith("culturediagnostics.errors", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("Refused by the survey-page-posts rate limit on /s/{code}", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains(_app.IsPostgres ? "does not exist" : "no such table", StringComparison.Ordinal));
        foreach (var secret in new[] { campaign.Code, campaign.SecondCode, email, "quokka", "\"value\"" })
        {
            Assert.DoesNotContain(spans, s => s.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(metrics, m => m.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(logs, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>The type of the exception a query on a missing table throws, on the database the tests run on.</summary>
    private string DatabaseFailure => _app.IsPostgres ? "Npgsql.PostgresException" : "Microsoft.Data.Sqlite.SqliteException";

    private async Task BreakTheDatabaseAsync()
    {
        using var db = _app.OpenDatabase();
        await db.ExecuteAsync("ALTER TABLE campaign_instruments RENAME TO campaign_instruments_gone");
    }

    private async Task<string> AccountAsync()
    {
        var email = $"someone-{Guid.NewGuid():N}@test.example";
        await _app.Services.GetRequiredService<AccountStore>().CreateAsync(email, "Someone", TestApp.Password, Roles.Administrator);
        return email;
    }

    private async Task<HttpClient> SignedInAsync(WebApplicationFactory<Program> app)
    {
        var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { email = await AccountAsync(), password = TestApp.Password })).EnsureSuccessStatusCode();
        return client;
    }

    private long Sum(string name, string tag, string value)
    {
        long sum = 0;
        foreach (var metric in _metrics.Where(m => m.Name == name).TakeLast(1))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                if (HasTag(point, tag, value))
                {
                    sum += point.GetSumLong();
                }
            }
        }

        return sum;
    }

    private (long Count, double Sum) Histogram(string name, string tag, string value)
    {
        foreach (var metric in _metrics.Where(m => m.Name == name).TakeLast(1))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                if (HasTag(point, tag, value))
                {
                    return (point.GetHistogramCount(), point.GetHistogramSum());
                }
            }
        }

        return (0, 0);
    }

    private static bool HasTag(in MetricPoint point, string tag, string value)
    {
        foreach (var pair in point.Tags)
        {
            if (pair.Key == tag && Equals(pair.Value, value))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(Activity span)
    {
        var text = new StringBuilder($"{span.DisplayName} {span.OperationName} {span.StatusDescription}");
        foreach (var (key, value) in span.TagObjects)
        {
            text.Append($" {key}={value}");
        }

        foreach (var e in span.Events)
        {
            text.Append($" event {e.Name}: {string.Join(", ", e.Tags.Select(t => $"{t.Key}={t.Value}"))}");
        }

        foreach (var (key, value) in span.Baggage)
        {
            text.Append($" baggage {key}={value}");
        }

        return text.ToString();
    }

    private static string Describe(Metric metric)
    {
        var text = new StringBuilder(metric.Name + " " + metric.Description);
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            foreach (var pair in point.Tags)
            {
                text.Append($" {pair.Key}={pair.Value}");
            }
        }

        return text.ToString();
    }

    /// <summary>Keeps each log record as text when it is exported (records are reused afterwards).</summary>
    private sealed class LogText(ConcurrentQueue<string> sink) : BaseExporter<LogRecord>
    {
        public override ExportResult Export(in Batch<LogRecord> batch)
        {
            foreach (var record in batch)
            {
                var attributes = string.Join(", ", (record.Attributes ?? []).Select(a => $"{a.Key}={a.Value}"));
                sink.Enqueue($"{record.CategoryName}: {record.FormattedMessage} | {record.Body} | {attributes} | {record.Exception}");
            }

            return ExportResult.Success;
        }
    }
}

/// <summary>Runs <see cref="TelemetryTests"/> with no other test beside them.</summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryTestsRunAlone;
