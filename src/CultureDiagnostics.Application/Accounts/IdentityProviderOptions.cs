using System.Net;
using CultureDiagnostics.Data.Accounts;

namespace CultureDiagnostics.Application.Accounts;

/// <summary>
/// The "CultureDiagnostics:OpenIdConnect" section: sign-in with the organisation's identity provider (Microsoft Entra ID
/// in practice) beside local accounts. Without an authority the platform offers local accounts only, as before.
/// </summary>
public sealed class IdentityProviderOptions
{
    public const string Section = CultureDiagnosticsOptions.Section + ":OpenIdConnect";

    public const string DefaultDisplayName = "Sign in with your organisation's account";

    /// <summary>The provider's address, such as https://login.microsoftonline.com/{tenant id}/v2.0; empty means off.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The sign-in button's words, such as "Sign in with your NHS account".</summary>
    public string DisplayName { get; set; } = DefaultDisplayName;

    /// <summary>The claim that carries the person's roles at the provider ("roles": Entra ID's app roles).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>
    /// A value of <see cref="RoleClaim"/> and the platform role it gives, such as "CultureDiagnostics.Board" = "board".
    /// Values not listed give nothing; without any, the role is the one an administrator gave the account.
    /// </summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When set, only people whose e-mail address is in one of these domains (such as nhs.net) may sign in with the provider.</summary>
    public List<string> AllowedDomains { get; set; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>
    /// The platform role the provider's role values give: the one that allows most when several map (a person given
    /// both the analyst and the board app role works as an analyst); null when none maps.
    /// </summary>
    public string? MapRole(IEnumerable<string> values)
    {
        var mapped = values
            .Select(value => RoleMap.FirstOrDefault(entry => string.Equals(entry.Key, value, StringComparison.OrdinalIgnoreCase)).Value?.Trim())
            .Where(role => role is not null)
            .ToHashSet(StringComparer.Ordinal);
        return Roles.All.FirstOrDefault(mapped.Contains);
    }

    /// <summary>Whether an address may sign in with the provider: any when no domain is listed.</summary>
    public bool Accepts(string? email) =>
        AllowedDomains.Count == 0
        || (email?.LastIndexOf('@') is { } at and >= 0 && AllowedDomains.Any(domain => string.Equals(email[(at + 1)..], domain.Trim(), StringComparison.OrdinalIgnoreCase)));

    /// <summary>Everything wrong with these settings, each naming the setting; nothing when the section is not used.</summary>
    public IEnumerable<string> Problems()
    {
        var anySet = !string.IsNullOrWhiteSpace(ClientId) || !string.IsNullOrWhiteSpace(ClientSecret) || RoleMap.Count > 0 || AllowedDomains.Count > 0;
        if (!IsConfigured)
        {
            if (anySet)
            {
                yield return $"{Section}:Authority is empty but other {Section} settings are set: name the identity provider "
                    + "(such as https://login.microsoftonline.com/{{tenant id}}/v2.0), or remove the section to sign in with local accounts only.";
            }

            yield break;
        }

        if (AuthorityProblem(Authority.Trim()) is { } problem)
        {
            yield return $"{Section}:Authority is '{Authority}': {problem}";
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return $"{Section}:ClientId is empty: set the application (client) id the identity provider gave this platform.";
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return $"{Section}:ClientSecret is empty: set the client secret the identity provider gave this platform (keep it out of files others read).";
        }

        if (string.IsNullOrWhiteSpace(DisplayName) || DisplayName.Trim().Length > 100)
        {
            yield return $"{Section}:DisplayName must be the sign-in button's words, at most 100 characters, such as \"Sign in with your NHS account\".";
        }

        if (string.IsNullOrWhiteSpace(RoleClaim))
        {
            yield return $"{Section}:RoleClaim is empty: name the claim that carries roles (\"roles\" for Entra ID's app roles).";
        }

        foreach (var (value, role) in RoleMap.Where(entry => (entry.Value?.Trim() ?? "") == Roles.UnitLead))
        {
            yield return $"{Section}:RoleMap:{value} is '{role}': a unit lead needs their unit, which an administrator assigns on the Accounts page; map the provider's roles to {string.Join(", ", Roles.WholeOrganisation)} only.";
        }

        foreach (var (value, role) in RoleMap.Where(entry => !Roles.All.Contains(entry.Value?.Trim() ?? "", StringComparer.Ordinal)))
        {
            yield return $"{Section}:RoleMap:{value} is '{role}': it must be one of the platform's roles ({string.Join(", ", Roles.All)}).";
        }

        foreach (var (domain, index) in AllowedDomains.Select((d, i) => (d, i))
                     .Where(entry => string.IsNullOrWhiteSpace(entry.d) || entry.d.Contains('@', StringComparison.Ordinal) || !entry.d.Contains('.', StringComparison.Ordinal)))
        {
            yield return $"{Section}:AllowedDomains:{index} is '{domain}': each entry must be a domain such as nhs.net, without '@'.";
        }
    }

    private static string? AuthorityProblem(string authority)
    {
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return "it must be the identity provider's https address, such as https://login.microsoftonline.com/{tenant id}/v2.0.";
        }

        if (url.Scheme == Uri.UriSchemeHttp && !IsLoopback(url))
        {
            return "sign-in answers must not cross the network unencrypted: use https (http is accepted only on this machine, for testing).";
        }

        if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            return "it must be the provider's address without a query or a fragment.";
        }

        // Entra ID's shared authorities take anyone from any organisation (or a personal account); the platform's
        // accounts are the organisation's own, so its own tenant is named.
        var tenant = url.Segments.Skip(1).FirstOrDefault()?.Trim('/');
        if (url.Host.EndsWith("login.microsoftonline.com", StringComparison.OrdinalIgnoreCase)
            && tenant is not null && (tenant.Equals("common", StringComparison.OrdinalIgnoreCase)
                || tenant.Equals("organizations", StringComparison.OrdinalIgnoreCase) || tenant.Equals("consumers", StringComparison.OrdinalIgnoreCase)))
        {
            return $"'{tenant}' lets people of any organisation sign in: use your own tenant's id, as in https://login.microsoftonline.com/{{tenant id}}/v2.0.";
        }

        return null;
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
