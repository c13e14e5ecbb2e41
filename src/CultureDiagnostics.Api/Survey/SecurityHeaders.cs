using Microsoft.Net.Http.Headers;

namespace CultureDiagnostics.Api.Survey;

/// <summary>
/// Headers for the respondent's pages and the posters: a strict Content Security Policy (no inline
/// script or style, nothing from another host), no referrer (the link holds the unit's access code),
/// and no caching of pages that may hold answers.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static TBuilder WithPageSecurityHeaders<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers[HeaderNames.CacheControl] = "no-store";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            return await next(context);
        });
}
