using System.Diagnostics;
using CultureDiagnostics.Api.Components;
using CultureDiagnostics.Api.Workspace;
using CultureDiagnostics.Application;
using CultureDiagnostics.Application.Accounts;
using CultureDiagnostics.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CultureDiagnostics.Api.Accounts;

/// <summary>
/// Sign-in with the organisation's identity provider by OpenID Connect: the authorization code flow with PKCE, with
/// the library's own state, correlation and nonce checks. The provider's checked identity never becomes a session
/// itself: <see cref="ExternalSignIn"/> finds the account, and the session is the one a password sign-in issues
/// (<see cref="Session"/>), so every request still checks the account (disabled, role changed).
/// </summary>
public static class IdentityProvider
{
    public const string Scheme = "oidc";

    /// <summary>The address the provider sends people back to (the redirect URI registered there).</summary>
    public const string CallbackPath = "/signin-oidc";

    /// <summary>The sign-in page's button leads here; it sends the person to the provider.</summary>
    public const string StartPath = "/sign-in/identity-provider";

    /// <summary>
    /// Whether the settings name an authority. Only then are the scheme and the button's route there: otherwise
    /// sign-in is as before, local accounts only.
    /// </summary>
    public static bool IsOn(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[IdentityProviderOptions.Section + ":Authority"]);

    public static AuthenticationBuilder AddIdentityProvider(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        if (!IsOn(configuration))
        {
            return authentication;
        }

        authentication.AddOpenIdConnect(Scheme, _ => { });
        // From the checked settings (the host refuses to start with bad ones), not from the raw configuration.
        authentication.Services.AddOptions<OpenIdConnectOptions>(Scheme)
            .Configure<IOptions<CultureDiagnosticsOptions>>((options, platform) => Configure(options, platform.Value.OpenIdConnect));
        return authentication;
    }

    /// <summary>The provider's settings when sign-in with it is on; null otherwise.</summary>
    public static IdentityProviderOptions? Settings(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<CultureDiagnosticsOptions>>().Value.OpenIdConnect is { IsConfigured: true } settings ? settings : null;

    private static void Configure(OpenIdConnectOptions options, IdentityProviderOptions settings)
    {
        options.Authority = settings.Authority.Trim();
        // Plain http only for a provider on this machine (the settings refuse it elsewhere).
        options.RequireHttpsMetadata = options.Authority.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
        options.ClientId = settings.ClientId.Trim();
        options.ClientSecret = settings.ClientSecret;
        options.CallbackPath = CallbackPath;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        options.Scope.Clear();
        foreach (var scope in new[] { "openid", "profile", "email" })
        {
            options.Scope.Add(scope);
        }

        // The token's own claim names (sub, email, roles), as the settings name them, without Microsoft's renaming.
        options.MapInboundClaims = false;
        options.TokenValidationParameters.NameClaimType = "name";
        options.TokenValidationParameters.RoleClaimType = settings.RoleClaim;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.SaveTokens = false;
        options.DisableTelemetry = true;
        options.Events.OnTicketReceived = SignInAsync;
        options.Events.OnRemoteFailure = FailedAsync;
    }

    private static async Task SignInAsync(TicketReceivedContext context)
    {
        var http = context.HttpContext;
        var settings = Settings(http)!;
        context.HandleResponse();
        if (ExternalIdentity.From(context.Principal!, settings.RoleClaim) is not { } identity)
        {
            await ShowAsync(http, StatusCodes.Status400BadRequest, "Sign-in did not complete", "The identity provider did not say who signed in. Try again from the sign-in page.");
            return;
        }

        var outcome = await http.RequestServices.GetRequiredService<ExternalSignIn>().SignInAsync(identity, http.RequestAborted);
        if (outcome.Status != OutcomeStatus.Done)
        {
            await ShowAsync(http, StatusCodes.Status403Forbidden, outcome.Title!.TrimEnd('.'), outcome.Detail!);
            return;
        }

        var account = outcome.Value!;
        await Session.SignInAsync(http, account);
        var target = SignInPages.LocalOrDefault(context.ReturnUri);
        // A page, not a redirect: the provider's answer arrives as a request from its site, and a browser sends the
        // session cookie (SameSite=Strict) only on a request that starts from this site, which the page's link and refresh do.
        http.Response.Headers.CacheControl = "no-store";
        await PageResults.Page<SignedInPage>(new { Target = target == "/" ? SignInPages.Landing(account.Role) : target }).ExecuteAsync(http);
    }

    private static async Task FailedAsync(RemoteFailureContext context)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        var error = context.Failure?.Data["error"] as string;
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IdentityProvider))
            .LogWarning(context.Failure, "Sign-in with the identity provider failed ({Error}).", error ?? "no error from the provider");
        if (error is "access_denied" or "consent_required" or "interaction_required" or "login_required")
        {
            await ShowAsync(http, StatusCodes.Status403Forbidden, "Sign-in cancelled",
                "The identity provider did not sign you in: you may have cancelled, or your organisation may not have given you access to this platform there. "
                + "Try again, or ask an administrator of the platform.");
            return;
        }

        await ShowAsync(http, StatusCodes.Status400BadRequest, "Sign-in did not complete",
            "The answer from the identity provider could not be checked: it may have come from an old or repeated sign-in, or taken too long. "
            + $"Start again from the sign-in page. If it keeps happening, tell whoever runs the platform, quoting reference {Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier}.");
    }

    private static Task ShowAsync(HttpContext http, int status, string title, string message)
    {
        http.Response.Headers.CacheControl = "no-store";
        return PageResults.Page<MessagePage>(new { Title = title, Message = message, LinkHref = "/sign-in", LinkText = "Back to signing in" }, status).ExecuteAsync(http);
    }
}
