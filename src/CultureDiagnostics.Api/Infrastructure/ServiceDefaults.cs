
namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>
/// The platform at its edges, in one place: trusted proxies, health checks, logs, traces and metrics,
/// static files, error pages, and the loops that run beside the requests.
/// </summary>
public static class ServiceDefaults
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.AddTrustedProxies();
        builder.AddObservability();
        builder.AddPlatformStaticAssets();
        builder.Services.AddPlatformHealthChecks();
        builder.Services.AddErrorPages();
        return builder;
    }
}
