using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CultureDiagnostics.Api.Tests.Support;

/// <summary>A person as the identity provider knows them.</summary>
/// <param name="Roles">The values of their "roles" claim, as Entra ID sends app roles.</param>
public sealed record ProviderPerson(string Subject, string? Email, string Name, bool EmailVerified, params string[] Roles);

/// <summary>
/// A real OpenID Connect server (OpenIddict) on a loopback port in the test process: discovery, signing keys, the
/// authorization code flow with PKCE required, identity tokens signed with its own key. Who signs in is the person
/// the test names in <see cref="Next"/> (there is no login form: the provider's own sign-in is not under test).
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "culture-diagnostics";
    public const string ClientSecret = "a-client-secret-for-tests";

    private readonly WebApplication _app;

    private TestIdentityProvider(WebApplication app, string redirectUri)
    {
        _app = app;
        RedirectUri = redirectUri;
    }

    /// <summary>The provider's address, as the platform's settings name it.</summary>
    public string Authority { get; private set; } = "";

    public string RedirectUri { get; }

    /// <summary>Who signs in at the next authorization request.</summary>
    public ProviderPerson? Next { get; set; }

    /// <summary>When set, the next authorization request is answered with this error instead (access_denied: the person cancelled).</summary>
    public string? NextError { get; set; }

    /// <summary>Every code redeemed at the token endpoint (by the platform's back channel).</summary>
    public ConcurrentBag<string> TokenRequests { get; } = [];

    /// <param name="redirectUri">The one redirect URI registered for the platform.</param>
    public static async Task<TestIdentityProvider> StartAsync(string redirectUri)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
            options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            options.DisableAccessTokenEncryption();
            // No database: the one client is checked by the handlers below, codes are self-contained and encrypted.
            options.EnableDegradedMode();
            options.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .DisableTransportSecurityRequirement();
            options.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }
                else if (context.RedirectUri != redirectUri)
                {
                    context.Reject(Errors.InvalidRequest, "Unregistered redirect_uri.");
                }

                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Wrong client credentials.");
                }

                return default;
            }));
        });

        var app = builder.Build();
        var provider = new TestIdentityProvider(app, redirectUri);
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)provider.Authorize);
        app.MapPost("/connect/token", (Delegate)provider.TokenAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider.Authority = address.TrimEnd('/') + "/";
        return provider;
    }

    /// <summary>The settings that turn sign-in with this provider on, mapping two of its app roles.</summary>
    public Dictionary<string, string?> Settings(string displayName = "Sign in with your NHS account") => new()
    {
        ["CultureDiagnostics:OpenIdConnect:Authority"] = Authority,
        ["CultureDiagnostics:OpenIdConnect:ClientId"] = ClientId,
        ["CultureDiagnostics:OpenIdConnect:ClientSecret"] = ClientSecret,
        ["CultureDiagnostics:OpenIdConnect:DisplayName"] = displayName,
        ["CultureDiagnostics:OpenIdConnect:RoleMap:CultureDiagnostics.Board"] = "board",
        ["CultureDiagnostics:OpenIdConnect:RoleMap:CultureDiagnostics.Analyst"] = "analyst",
    };

    private IResult Authorize(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest()!;
        if (NextError is { } error)
        {
            return Microsoft.AspNetCore.Http.Results.Forbid(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The person did not sign in.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var person = Next ?? throw new InvalidOperationException("The test named nobody to sign in at the provider.");
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, "roles");
        identity.SetClaim(Claims.Subject, person.Subject).SetClaim(Claims.Name, person.Name);
        if (person.Email is not null)
        {
            identity.SetClaim(Claims.Email, person.Email);
            identity.AddClaim(new Claim(Claims.EmailVerified, person.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
        }

        identity.SetClaims("roles", [.. person.Roles]);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Microsoft.AspNetCore.Http.Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest()!;
        TokenRequests.Add(request.Code ?? "");
        // The code's own principal, checked by OpenIddict (PKCE verifier, redirect_uri, expiry, client), issued as tokens.
        var code = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        return Microsoft.AspNetCore.Http.Results.SignIn(code.Principal!, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
