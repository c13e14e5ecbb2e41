using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CultureDiagnostics.Api.Tests.Anonymity;

public sealed class LoggingTests : IDisposable
{
    private readonly TestApp _app = new();
    private readonly CapturingLoggerProvider _logs = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task LogsNeverContainAnswersOrComments()
    {
        using var app = _app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs))));
        var campaign = await Scenario.OpenCampaignAsync(_app);
        var client = app.CreateClient();
        var submission = Scenario.Submission(_app, campaign.Code, _ => 6);
        submission["comments"] = new JsonArray(new JsonObject { ["instrument"] = "psychological-safety", ["item"] = "ps-comment", ["text"] = "Secret remark about the rota zebra" });
        (await client.PostAsJsonAsync("/api/responses", submission)).EnsureSuccessStatusCode();
        var bad = Scenario.Submission(_app, campaign.Code, _ => 6);
        bad["comments"] = new JsonArray(new JsonObject { ["instrument"] = "psychological-safety", ["item"] = "ps-comment", ["text"] = "Another zebra remark" });
        bad["answers"]![0]!["value"] = 99;
        await client.PostAsJsonAsync("/api/responses", bad);

        Assert.NotEmpty(_logs.Messages);
        Assert.DoesNotContain(_logs.Messages, m => m.Contains("zebra", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(_logs.Messages, m => m.Contains("\"value\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DatabaseIsInWalModeWithForeignKeysOn()
    {
        await using var connection = await _app.Services.GetRequiredService<Database>().OpenAsync();
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("PRAGMA synchronous"));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentBag<string> Messages { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                provider.Messages.Add($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
