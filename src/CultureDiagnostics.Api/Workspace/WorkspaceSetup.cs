using CultureDiagnostics.Api.Charts;
using CultureDiagnostics.Api.Diagnostics;
using CultureDiagnostics.Api.Infrastructure;

namespace CultureDiagnostics.Api.Workspace;

public static class WorkspaceSetup
{
    /// <summary>Razor pages, anti-forgery for the forms, and the charts they draw.</summary>
    public static WebApplicationBuilder AddWorkspace(this WebApplicationBuilder builder)
    {
        // Pages are Razor components rendered on the server (see Components/PageResults). Razor encodes every
        // text; this encoder escapes only what HTML needs, so Welsh or any other language is not inflated.
        builder.Services.AddRazorComponents();
        builder.Services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "cd_antiforgery";
            options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            // Secure whenever the request came over HTTPS, including through a trusted TLS proxy (see ForwardedHeaders).
            options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            options.FormFieldName = "__RequestVerificationToken";
        });
        // A form without a valid token is a bad request (400) in every environment, never an exception turned into 500.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        builder.Services.AddSingleton<SvgCharts>();
        return builder;
    }

    /// <summary>Anti-forgery validation (after authentication, as it must be).</summary>
    public static WebApplication UseWorkspace(this WebApplication app)
    {
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Every change-team page, each feature in its own folder.</summary>
    public static IEndpointRouteBuilder MapWorkspace(this IEndpointRouteBuilder routes)
    {
        routes.MapSignInPages();
        routes.MapWorkspaceHome();
        routes.MapStructurePages();
        routes.MapCampaignPages();
        routes.MapResultsPages();
        routes.MapCommentReviewPages();
        routes.MapMetricsPages();
        routes.MapFindingsPages();
        routes.MapActionsPages();
        routes.MapAccountsPages();
        routes.MapSynthesisPages();
        return routes;
    }
}
