using Microsoft.AspNetCore.Diagnostics;

namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>
/// Errors are problem details in every environment, and a failure inside the platform says nothing
/// about its insides: no exception text, stack trace, SQL or table names, only a trace id to quote.
/// </summary>
public static class ErrorResponses
{
    public const string UnexpectedTitle = "Something went wrong on the server.";

    public const string UnexpectedDetail =
        "The request could not be completed. Try again; if it keeps happening, tell the platform's administrator and quote the trace id.";

    public static IServiceCollection AddPlatformProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            // Development adds the exception (message, stack, headers) as an extension: never send it.
            problem.Extensions.Remove("exception");
            if (problem.Status is >= 500)
            {
                problem.Title = UnexpectedTitle;
                problem.Detail = UnexpectedDetail;
                foreach (var key in problem.Extensions.Keys.Where(k => k != "traceId").ToList())
                {
                    problem.Extensions.Remove(key);
                }
            }
        });
        services.Configure<ExceptionHandlerOptions>(options =>
        {
            // A malformed or too large request (a binder's refusal, a body over the server's limit) is the client's error, not a 500.
            options.StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            // The exception is answered by ErrorPages; the middleware still logs and measures failures inside
            // the platform (never a client's mistake) as it does for unhandled ones.
            options.SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException;
        });
        return services;
    }
}
