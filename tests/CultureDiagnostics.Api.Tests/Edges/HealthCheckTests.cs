using System.Net;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CultureDiagnostics.Api.Tests.Edges;

/// <summary>/health/live and /health/ready, for load balancers: anonymous, never rate limited, not in the API description.</summary>
public sealed class HealthCheckTests
{
    [Fact]
    public async Task BothAnswerAnonymouslyWhileTheDatabaseIsUp()
    {
        using var app = new TestApp(kestrelPort: 0);
        var client = Requests.Client(app);

        foreach (var path in new[] { HealthChecks.LivePath, HealthChecks.ReadyPath })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
            Assert.True(response.Headers.CacheControl?.NoStore, "A health answer must not be cached");
        }
    }

    [Fact]
    public async Task ALoadBalancerProbingOftenIsNeverRateLimited()
    {
        using var app = new TestApp(kestrelPort: 0, shippedRateLimits: true, settings: new Dictionary<string, string?>
        {
            ["CultureDiagnostics:RateLimits:SubmissionsPerMinute"] = "1",
            ["CultureDiagnostics:RateLimits:SurveyPagePostsPerMinute"] = "1",
            ["CultureDiagnostics:RateLimits:SignInsPerMinute"] = "1",
        });
        var client = Requests.Client(app);

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(HealthChecks.ReadyPath)).StatusCode);
        }
    }

    [Fact]
    public async Task TheHealthEndpointsAreNotInTheApiDescription()
    {
        using var app = new TestApp();
        var document = await TestApp.ReadObjectAsync(await app.CreateClient().GetAsync("/openapi/v1.json"));

        Assert.DoesNotContain(document["paths"]!.AsObject(), path => path.Key.StartsWith("/health", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Database", "SQLiteOnly")]
    public async Task ReadyFailsWhileTheSqliteFileIsGoneAndLiveDoesNot()
    {
        using var app = new TestApp(kestrelPort: 0);
        if (app.IsPostgres)
        {
            return;
        }

        var client = Requests.Client(app);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(HealthChecks.ReadyPath)).StatusCode);

        // The file is moved away while the platform holds it open (a lost volume, a mistaken clean-up).
        File.Move(app.DatabasePath, app.DatabasePath + ".away");
        var gone = await client.GetAsync(HealthChecks.ReadyPath);
        var live = await client.GetAsync(HealthChecks.LivePath);
        File.Move(app.DatabasePath + ".away", app.DatabasePath, overwrite: true);
        var back = await client.GetAsync(HealthChecks.ReadyPath);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);
        Assert.Equal("Unhealthy", await gone.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.False(File.Exists(app.DatabasePath + ".away"));
    }

    [Fact]
    public async Task ReadyFailsWhenThePostgresServerCannotBeReached()
    {
        // Nothing listens on a port just freed: the connection is refused at once.
        var check = new DatabaseHealthCheck(Database.Postgres(
            $"Host=127.0.0.1;Port={ServerProcess.FreePort()};Database=culture;Username=culture;Password=unused;Timeout=3;Pooling=false"));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.NotNull(result.Exception);
    }

    [Fact]
    public async Task ReadyPassesOnTheDatabaseTheTestsUse()
    {
        using var app = new TestApp();
        app.CreateClient();
        var database = app.IsPostgres ? Database.Postgres(app.Postgres!) : new Database(app.DatabasePath);

        var result = await new DatabaseHealthCheck(database).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }
}
