using System.Globalization;
using System.Security.Claims;
using CultureDiagnostics.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CultureDiagnostics.Api.Accounts;

/// <summary>
/// The session cookie both sign-in routes (JSON and the HTML form) issue, and its check on every request: a session
/// ends when its account is disabled, its role changes or its password is reset (the account's session version moves on).
/// </summary>
public static class Session
{
    public const string DisabledMessage = AccountRules.DisabledMessage;

    private const string VersionClaim = "cd:session";

    /// <summary>A unit lead's unit code: the top of the part of the tree whose results they read.</summary>
    public const string UnitClaim = "cd:unit";

    public static Task SignInAsync(HttpContext context, Account account)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id),
                new Claim(ClaimTypes.Email, account.Email),
                new Claim(ClaimTypes.Name, account.DisplayName),
                new Claim(ClaimTypes.Role, account.Role),
                new Claim(VersionClaim, account.SessionVersion.ToString(CultureInfo.InvariantCulture)),
                .. account.UnitCode is { } unit ? [new Claim(UnitClaim, unit)] : Array.Empty<Claim>(),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>Rejects a session whose account is gone, disabled, or changed (role or password) since it was issued.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var account = id is null ? null : await context.HttpContext.RequestServices.GetRequiredService<AccountStore>().FindAsync(id, context.HttpContext.RequestAborted);
        if (principal is not null && account is { Disabled: false } && account.Role == principal.FindFirstValue(ClaimTypes.Role)
            && account.UnitCode == principal.FindFirstValue(UnitClaim)
            && account.SessionVersion.ToString(CultureInfo.InvariantCulture) == principal.FindFirstValue(VersionClaim))
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
