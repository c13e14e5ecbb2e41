using System.Diagnostics;
using CultureDiagnostics.Application;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>
/// Logs, traces and metrics through OpenTelemetry: ASP.NET Core's requests, Kestrel, the runtime and the
/// platform's own <see cref="Telemetry"/>. They leave the process over OTLP only when an endpoint is set
/// (the standard OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME...). No answer, comment, e-mail address or
/// access code is in any of them: spans keep the route's template instead of the path, the request lines
/// ASP.NET Core logs (which hold respondents' links) are not logged, and the platform logs counts and ids.
/// </summary>
public static class Observability
{
    public const string ServiceName = "CultureDiagnostics";

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        // "Request starting GET /s/{the code}": the platform's own logs say what happened without the link.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel.BadRequests", LogLevel.Warning);

        builder.Services.TryAddSingleton<Telemetry>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithLogging(_ => { }, logging => logging.IncludeFormattedMessage = true)
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(Telemetry.Name, "System.Runtime"))
            .WithTracing(tracing => tracing
                .AddSource(Telemetry.Name)
                .AddAspNetCoreInstrumentation(aspNetCore =>
                {
                    // A load balancer's probes every few seconds are not worth a span each.
                    aspNetCore.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
                    aspNetCore.EnrichWithHttpRequest = (activity, _) => RemovePath(activity);
                    aspNetCore.EnrichWithHttpResponse = (activity, response) => KeepOnlyTheRoute(activity, response.HttpContext);
                }));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    private static void RemovePath(Activity activity)
    {
        activity.SetTag("url.path", null);
        activity.SetTag("url.query", null);
    }

    // The path holds access codes (/s/{code}) and ids; the route's template says as much without them.
    private static void KeepOnlyTheRoute(Activity activity, HttpContext context)
    {
        RemovePath(activity);
        activity.SetTag("url.path", (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText);
    }
}
