using System.Security.Claims;
using CultureDiagnostics.Application.Results;
using CultureDiagnostics.Data.Accounts;
using CultureDiagnostics.Api.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>Who may do what. Respondents never sign in: survey endpoints need no account.</summary>
public static class Policies
{
    public const string Administrator = "administrator";

    /// <summary>Administrators and change-team analysts: set up structure and campaigns, explore results.</summary>
    public const string ChangeTeam = "change-team";

    /// <summary>Whoever reads the whole organisation's published results and synthesis: the change team and the board.</summary>
    public const string Reader = "reader";

    /// <summary>Everyone with an account: read published results within their reach (<see cref="ReachOf"/>), unit leads included.</summary>
    public const string Results = "results";

    /// <summary>A unit lead's unit and the units below it; the whole organisation for every other role.</summary>
    public static ResultsReach ReachOf(ClaimsPrincipal user) =>
        user.IsInRole(Roles.UnitLead) ? new ResultsReach(user.FindFirstValue(Accounts.Session.UnitClaim) ?? "") : ResultsReach.Organisation;

    /// <summary>Whether the user is in the change team (administrator or analyst): the workspace beyond results is theirs.</summary>
    public static bool IsChangeTeam(ClaimsPrincipal? user) => user is not null && (user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Analyst));

    /// <param name="configuration">Says whether sign-in with the organisation's identity provider is on (see <see cref="Accounts.IdentityProvider"/>).</param>
    public static IServiceCollection AddPlatformAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "cd_session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.LoginPath = "/sign-in";
                options.Events.OnValidatePrincipal = Accounts.Session.ValidateAsync;
                options.ReturnUrlParameter = "returnUrl";
                // The API answers 401/403 with problem details; pages send people to the sign-in page, or say in words what is not allowed.
                options.Events.OnRedirectToLogin = context => IsApi(context.Request)
                    ? WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Sign-in required.", "Sign in with POST /api/auth/sign-in first.")
                    : RedirectToSignIn(context.HttpContext);
                options.Events.OnRedirectToAccessDenied = context => ErrorPages.WantsPage(context.Request)
                    ? ErrorPages.Page(context.HttpContext, StatusCodes.Status403Forbidden).ExecuteAsync(context.HttpContext)
                    : WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Not allowed.", "Your role does not allow this.");
            })
            .AddIdentityProvider(configuration);
        services.AddAuthorizationBuilder()
            .AddPolicy(Administrator, policy => policy.RequireRole(Roles.Administrator))
            .AddPolicy(ChangeTeam, policy => policy.RequireRole(Roles.Administrator, Roles.Analyst))
            .AddPolicy(Reader, policy => policy.RequireRole(Roles.WholeOrganisation.ToArray()))
            .AddPolicy(Results, policy => policy.RequireRole(Roles.All.ToArray()));
        return services;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static Task RedirectToSignIn(HttpContext context)
    {
        var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        context.Response.Redirect("/sign-in?returnUrl=" + Uri.EscapeDataString(back));
        return Task.CompletedTask;
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
