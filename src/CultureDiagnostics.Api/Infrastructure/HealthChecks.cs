using System.Data.Common;
using CultureDiagnostics.Data;
using Dapper;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>
/// Health for load balancers and orchestrators: /health/live answers while the process runs; /health/ready
/// also reads the database, so an instance that lost it is taken out of rotation. Both are anonymous,
/// outside the API description and rate limits, and say only "Healthy" or "Unhealthy".
/// </summary>
public static class HealthChecks
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    private const string Live = "live";
    private const string Ready = "ready";

    public static IServiceCollection AddPlatformHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy(), tags: [Live])
            // A database that does not answer in time is as good as gone for a load balancer.
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready], timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        foreach (var (path, tag) in new[] { (LivePath, Live), (ReadyPath, Ready) })
        {
            routes.MapHealthChecks(path, new HealthCheckOptions { Predicate = check => check.Tags.Contains(tag) })
                .AllowAnonymous()
                .DisableRateLimiting()
                .ExcludeFromDescription();
        }

        return routes;
    }
}

/// <summary>
/// Ready when the database answers a query on the platform's schema. A SQLite file that is gone counts as
/// unreachable (opening it would only create an empty one).
/// </summary>
public sealed class DatabaseHealthCheck(Database database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (database.Provider == DatabaseProvider.Sqlite && !File.Exists(database.Path))
        {
            return HealthCheckResult.Unhealthy("The database file is missing.");
        }

        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT 1 FROM campaigns LIMIT 1", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.", ex);
        }
    }
}
