using CultureDiagnostics.Api.Dashboard;
using CultureDiagnostics.Api.Diagnostics;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Data.Diagnostics;
using CultureDiagnostics.Data.Surveys;
using Microsoft.Extensions.Options;

namespace CultureDiagnostics.Api.Workspace;

public static class WorkspaceSetup
{
    /// <summary>Anti-forgery for the forms, the diagnostics store, the synthesis and the intervention catalogue.</summary>
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
        builder.Services.AddSingleton<DiagnosticsStore>();
        builder.Services.AddSingleton<SynthesisService>();
        builder.Services.AddSingleton<DashboardService>();
        builder.Services.AddSingleton(services =>
        {
            var directory = services.GetRequiredService<IOptions<PlatformOptions>>().Value.ResolveSurveysDirectory();
            var result = SurveyFolder.LoadInterventions(directory);
            return result.Catalogue ?? throw new InvalidOperationException(
                "The intervention catalogue is not valid: " + string.Join("; ", result.Errors.Select(e => e.ToString())));
        });
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
        routes.MapMetricsPages();
        routes.MapFindingsPages();
        routes.MapSynthesisPages();
        return routes;
    }
}
