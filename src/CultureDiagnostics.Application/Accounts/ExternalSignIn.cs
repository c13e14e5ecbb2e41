using System.Security.Claims;
using CultureDiagnostics.Data.Accounts;
using Microsoft.Extensions.Options;

namespace CultureDiagnostics.Application.Accounts;

/// <summary>Who the identity provider says signed in, read from the claims of its checked identity token.</summary>
/// <param name="EmailVerified">The provider vouches for the address (email_verified, or Entra ID's xms_edov).</param>
/// <param name="Roles">The values of the role claim the settings name.</param>
public sealed record ExternalIdentity(string Issuer, string Subject, string? Email, bool EmailVerified, string? Name, IReadOnlyList<string> Roles)
{
    /// <summary>The identity in a principal whose claims keep the token's own names (sub, email, roles...); null without a subject.</summary>
    public static ExternalIdentity? From(ClaimsPrincipal principal, string roleClaim)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var subject = principal.FindFirst("sub");
        if (string.IsNullOrWhiteSpace(subject?.Value))
        {
            return null;
        }

        var issuer = principal.FindFirst("iss")?.Value ?? subject.Issuer;
        return new ExternalIdentity(
            issuer,
            subject.Value,
            principal.FindFirst("email")?.Value.Trim() is { Length: > 0 } email ? email : null,
            IsTrue(principal.FindFirst("email_verified")?.Value) || IsTrue(principal.FindFirst("xms_edov")?.Value),
            principal.FindFirst("name")?.Value.Trim(),
            principal.FindAll(roleClaim).Select(c => c.Value).ToList());
    }

    private static bool IsTrue(string? value) => value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");
}

/// <summary>
/// Sign-in with the organisation's identity provider: which account the provider's identity is, and with which role.
/// The identity is the provider's issuer and subject, linked to an account once: at its first sign-in to the account
/// with the same address when the provider vouches for the address, or to an account made then when the provider's
/// role claim maps to a platform role. The mapped role replaces the account's at every sign-in (the provider decides);
/// without one the role is the one an administrator gave. Nobody gets an account without a role, and a disabled
/// account stays refused.
/// </summary>
public sealed class ExternalSignIn(AccountStore store, IOptions<CultureDiagnosticsOptions> options)
{
    /// <summary>The account to sign in, or why not (a conflict whose title and detail are said on the page).</summary>
    public async Task<Outcome<Account>> SignInAsync(ExternalIdentity identity, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var settings = options.Value.OpenIdConnect;
        if (!settings.Accepts(identity.Email))
        {
            return Refused("Address not accepted.",
                $"This platform takes sign-ins from its own organisation's addresses only, and {identity.Email ?? "your account at the identity provider"} is not one. "
                + "Sign in with the account your organisation gave you.");
        }

        var role = settings.MapRole(identity.Roles);
        var account = await store.FindByExternalIdentityAsync(identity.Issuer, identity.Subject, ct);
        if (account is null)
        {
            var linked = await LinkOrCreateAsync(identity, role, ct);
            if (linked.Status != OutcomeStatus.Done)
            {
                return linked;
            }

            account = linked.Value!;
        }

        if (account.Disabled)
        {
            return Refused("Account disabled.", AccountRules.DisabledMessage);
        }

        if (role is not null && role != account.Role)
        {
            // Ends the account's other sessions, as any change of role does.
            // A mapped role is one that reads the whole organisation (a unit lead's unit is assigned in the workspace).
            await store.SetRoleAsync(account.Id, role, null, ct);
            account = await store.FindAsync(account.Id, ct) ?? account;
        }

        return Outcome.Done(account);
    }

    private async Task<Outcome<Account>> LinkOrCreateAsync(ExternalIdentity identity, string? role, CancellationToken ct)
    {
        if (identity.Email is not { } email || !email.Contains('@', StringComparison.Ordinal) || email.Length > 254)
        {
            return Refused("No e-mail address.",
                "The identity provider did not say your e-mail address, so the platform cannot tell which account is yours. "
                + "Ask an administrator of the platform (or of your organisation's sign-in) to check your account there.");
        }

        if (await store.FindByEmailAsync(email, ct) is { } existing)
        {
            // Only an address the provider vouches for joins an account someone else may have made: another person
            // could otherwise type the address into their profile at the provider and take the account over.
            if (!identity.EmailVerified)
            {
                return Refused("Address not confirmed.",
                    $"The identity provider did not confirm that {email} is yours, so the platform cannot link it to the account with that address. "
                    + "Ask an administrator of the platform.");
            }

            if (existing.Disabled)
            {
                return Refused("Account disabled.", AccountRules.DisabledMessage);
            }

            if (existing.HasExternalIdentity || !await store.LinkExternalIdentityAsync(existing.Id, identity.Issuer, identity.Subject, ct))
            {
                return Refused("Linked to another sign-in.",
                    $"The account for {email} already signs in with another identity at the identity provider. Ask an administrator of the platform.");
            }

            return Outcome.Done(existing with { HasExternalIdentity = true });
        }

        if (role is null)
        {
            return Refused("No role yet.",
                $"You signed in as {email}, but nobody has given you a role in this platform yet, so there is no account for you. "
                + "Ask an administrator of the platform to give you one (they can add an account with your e-mail address), then sign in again.");
        }

        var name = string.IsNullOrWhiteSpace(identity.Name) ? email[..email.IndexOf('@', StringComparison.Ordinal)] : identity.Name;
        return await store.CreateExternalAsync(email, name.Length > 100 ? name[..100] : name, role, identity.Issuer, identity.Subject, ct) is { } created
            ? Outcome.Done(created)
            : Refused("Sign in again.", "Another sign-in for the same person was being set up at the same moment. Sign in again.");
    }

    private static Outcome<Account> Refused(string title, string detail) => Outcome.Conflict<Account>(title, detail);
}
