using System.Diagnostics;
using CultureDiagnostics.Api.Components;
using CultureDiagnostics.Application;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>
/// Every error a person can meet in a browser (400, 403, 404, 405, 413, 429, 500...) is a page in words
/// (<see cref="ErrorPage"/>); the API and clients that ask for JSON get problem details, as before. An
/// exception's text never reaches either: a 500 carries only a reference (the trace id) to quote.
/// </summary>
public static class ErrorPages
{
    public static IServiceCollection AddErrorPages(this IServiceCollection services)
    {
        services.AddExceptionHandler<PageOrProblemExceptionHandler>();
        return services;
    }

    /// <summary>Exceptions, then statuses set without a body (no route, wrong method, a failed anti-forgery check).</summary>
    public static WebApplication UseErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(WriteStatusAsync);
        return app;
    }

    /// <summary>A page for a person: anything outside /api/ unless the client asks for JSON and not for HTML.</summary>
    public static bool WantsPage(HttpRequest request)
    {
        if (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var accept = request.GetTypedHeaders().Accept;
        var json = accept.Any(a => a.MediaType.Value is { } type && (type.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));
        var html = accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
        return html || !json;
    }

    /// <summary>The error page for a status (with the seconds to wait for a 429), never cached.</summary>
    public static IResult Page(HttpContext context, int status, int? retryAfterSeconds = null)
    {
        context.Response.Headers.CacheControl = "no-store";
        // After an exception the middleware has cleared the endpoint: the feature still names it.
        var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        return PageResults.Page<ErrorPage>(new
        {
            Status = status,
            RetryAfterSeconds = retryAfterSeconds,
            UploadLimitBytes = endpoint?.Metadata.GetMetadata<UploadLimit>()?.Bytes,
            Reference = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier,
        }, status);
    }

    private static async Task WriteStatusAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var code = context.Response.StatusCode;
        if (WantsPage(context.Request))
        {
            await Page(context, code).ExecuteAsync(context);
            return;
        }

        if (!await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = code },
            }))
        {
            // A client that takes neither HTML nor JSON: the status in plain words.
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"Status code: {code}; {ReasonPhrases.GetReasonPhrase(code)}");
        }
    }
}

/// <summary>
/// Answers an exception the endpoint did not handle, with the status <see cref="ErrorResponses"/> chose
/// for it: the error page for a person, problem details otherwise. A failure inside the platform (5xx)
/// is counted; the middleware logs it (see <see cref="ErrorResponses"/>).
/// </summary>
internal sealed class PageOrProblemExceptionHandler(IProblemDetailsService problems, Telemetry telemetry) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var status = context.Response.StatusCode;
        if (status >= StatusCodes.Status500InternalServerError)
        {
            telemetry.Failed(exception);
        }

        if (ErrorPages.WantsPage(context.Request))
        {
            await ErrorPages.Page(context, status).ExecuteAsync(context);
            return true;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            AdditionalMetadata = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata,
            ProblemDetails = { Status = status },
        });
    }
}
