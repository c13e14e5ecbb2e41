using CultureDiagnostics.Api.Accounts;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using CultureDiagnostics.Api.Components.Forms;
using static CultureDiagnostics.Api.Components.PageResults;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>The sign-in page (an HTML form with an anti-forgery token) and sign-out.</summary>
public static class SignInPages
{
    public static IEndpointRouteBuilder MapSignInPages(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").AllowAnonymous().ExcludeFromDescription().WithPageHeaders();
        group.MapGet("/", Start);
        group.MapGet("/sign-in", (HttpContext context, string? returnUrl) => Show(context, returnUrl, null, null, StatusCodes.Status200OK));
        group.MapPost("/sign-in", SignInAsync).RequireRateLimiting(Infrastructure.RequestLimits.SignIn)
            .WithMetadata(new Infrastructure.TooManyRequestsPage((context, seconds) => Show(context, null, null,
                $"Too many sign-in attempts from this network. Wait {seconds} seconds and try again.", StatusCodes.Status429TooManyRequests)));
        group.MapPost("/sign-out", SignOutAsync);
        if (IdentityProvider.IsOn(routes.ServiceProvider.GetRequiredService<IConfiguration>()))
        {
            // A link, not a form: the provider's address is another site, where a form's redirect may not go (form-action 'self').
            group.MapGet(IdentityProvider.StartPath, (string? returnUrl) =>
                TypedResults.Challenge(new AuthenticationProperties { RedirectUri = LocalOrDefault(returnUrl) }, [IdentityProvider.Scheme]));
        }

        return routes;
    }

    /// <summary>Only a path on this site: never another host (//evil.example, /\evil.example) or an absolute URL.</summary>
    public static string LocalOrDefault(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl)
            ? url
            : "/";

    /// <summary>Where a role starts when no page was asked for: the workspace for the change team, else the dashboard (a unit lead's own).</summary>
    public static string Landing(string role) => role is Roles.Administrator or Roles.Analyst ? "/workspace" : "/dashboard/latest";

    private static RedirectHttpResult Start(HttpContext context) =>
        context.User.Identity?.IsAuthenticated != true ? TypedResults.Redirect("/sign-in")
        : TypedResults.Redirect(Policies.IsChangeTeam(context.User) ? Landing(Roles.Analyst) : Landing(Roles.Board));

    private static RazorComponentResult<SignInPage> Show(HttpContext context, string? returnUrl, string? email, string? error, int status)
    {
        var errors = error is null ? FormErrors.None : new FormErrors().Add(email is { Length: > 0 } ? "password" : "email", error);
        return Page<SignInPage>(new { ReturnUrl = returnUrl, Email = email, Errors = errors, IdentityProvider = IdentityProvider.Settings(context)?.DisplayName }, status);
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IFormCollection form, AccountStore accounts, CancellationToken cancellationToken)
    {
        var email = form["email"].ToString().Trim();
        var password = form["password"].ToString();
        var returnUrl = form["returnUrl"].ToString();
        if (email.Length == 0 || password.Length == 0)
        {
            return Show(context, returnUrl, email, "Enter your e-mail address and your password.", StatusCodes.Status400BadRequest);
        }

        var (outcome, account) = await accounts.SignInAsync(email, password, cancellationToken);
        switch (outcome)
        {
            case SignInOutcome.LockedOut:
                return Show(context, returnUrl, email,
                    $"This account is locked after too many failed attempts. Try again in {AccountStore.LockoutDuration.TotalMinutes:0} minutes.",
                    StatusCodes.Status429TooManyRequests);
            case SignInOutcome.WrongCredentials:
                return Show(context, returnUrl, email, "The e-mail address or the password is wrong.", StatusCodes.Status401Unauthorized);
            case SignInOutcome.Disabled:
                return Show(context, returnUrl, email, Session.DisabledMessage, StatusCodes.Status403Forbidden);
        }

        await Session.SignInAsync(context, account!);
        var target = LocalOrDefault(returnUrl);
        return TypedResults.LocalRedirect(target == "/" ? Landing(account!.Role) : target);
    }

    private static async Task<RedirectHttpResult> SignOutAsync(HttpContext context, IFormCollection form)
    {
        _ = form; // Bound so that the anti-forgery token is checked.
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/sign-in");
    }
}
