using Microsoft.Net.Http.Headers;

namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>
/// The security headers, in one place. Every response gets the strict defaults (added as the response
/// starts, so error responses written after an exception handler cleared the headers carry them too);
/// endpoints marked <see cref="NoStore"/> are never cached; page groups may tighten the policy (the workspace
/// has no script at all).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Script, style and images only from this site (survey.js is the only script), nothing inline, never framed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>For pages that run no script at all (the workspace, the board's dashboard, sign-in).</summary>
    public const string NoScriptContentSecurityPolicy =
        "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), interest-cohort=()";

    /// <summary>No referrer by default: a respondent's link holds the unit's access code.</summary>
    public const string ReferrerPolicy = "no-referrer";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var response = context.Response;
            // Read now: an exception handler clears the endpoint before the error response starts.
            var noStore = NoStore.AppliesTo(context.GetEndpoint());
            response.OnStarting(() =>
            {
                // TryAdd: a value a page group set (a stricter policy) is kept.
                var headers = response.Headers;
                headers.TryAdd(HeaderNames.ContentSecurityPolicy, ContentSecurityPolicy);
                // Always DENY: anti-forgery would otherwise send SAMEORIGIN on pages with a form.
                headers.XFrameOptions = "DENY";
                headers.TryAdd(HeaderNames.XContentTypeOptions, "nosniff");
                headers.TryAdd("Referrer-Policy", ReferrerPolicy);
                headers.TryAdd("Permissions-Policy", PermissionsPolicy);
                if (noStore)
                {
                    NoStore.Apply(headers);
                }

                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>For a group of HTML pages: never cached (they may hold answers or results), with the given policy.</summary>
    public static TBuilder WithPageSecurityHeaders<TBuilder>(
        this TBuilder builder, string contentSecurityPolicy = ContentSecurityPolicy, string referrerPolicy = ReferrerPolicy, string cacheControl = "no-store")
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.ContentSecurityPolicy = contentSecurityPolicy;
            headers["Referrer-Policy"] = referrerPolicy;
            headers.CacheControl = cacheControl;
            return await next(context);
        });
}
