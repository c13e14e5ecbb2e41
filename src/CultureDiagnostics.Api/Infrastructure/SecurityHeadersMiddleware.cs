using Microsoft.Net.Http.Headers;

namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>
/// Security headers on every response, errors included (they are added as the response starts, after an
/// exception handler has cleared the headers). A header an endpoint set itself is kept: the survey pages
/// set their own, at least as strict.
/// </summary>
public static class SecurityHeadersMiddleware
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                var headers = response.Headers;
                headers.TryAdd(HeaderNames.ContentSecurityPolicy, ContentSecurityPolicy);
                headers.TryAdd(HeaderNames.XFrameOptions, "DENY");
                headers.TryAdd(HeaderNames.XContentTypeOptions, "nosniff");
                headers.TryAdd("Referrer-Policy", "no-referrer");
                return Task.CompletedTask;
            });
            return next(context);
        });
}
