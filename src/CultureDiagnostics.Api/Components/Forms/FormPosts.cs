using Microsoft.AspNetCore.Antiforgery;

namespace CultureDiagnostics.Api.Components.Forms;

/// <summary>
/// Anti-forgery for a group of pages, asked for deliberately rather than as a side effect of binding a form:
/// the metadata makes the anti-forgery middleware check the token of every post, and the filter refuses a
/// post whose check failed (400), also for forms such as "Open the campaign" whose handler reads no field.
/// </summary>
public static class FormPosts
{
    public static TBuilder RequireAntiforgeryToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new RequireAntiforgeryTokenAttribute());
        builder.AddEndpointFilter(async (context, next) =>
        {
            var method = context.HttpContext.Request.Method;
            var reads = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
            return reads || context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: true }
                ? await next(context)
                : TypedResults.BadRequest();
        });
        return builder;
    }
}
