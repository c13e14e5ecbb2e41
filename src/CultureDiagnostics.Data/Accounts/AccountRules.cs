namespace CultureDiagnostics.Data.Accounts;

/// <summary>The rules every new account meets, whichever way it is created (API, setup, command line).</summary>
public static class AccountRules
{
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 200;

    /// <summary>What a disabled account is told, whichever way it signs in.</summary>
    public const string DisabledMessage = "This account has been disabled. Ask an administrator of the platform if you need it again.";

    /// <summary>Problems keyed by field: email, displayName, password, role.</summary>
    public static Dictionary<string, string[]> Validate(string? email, string? displayName, string? password, string? role)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal) || email.Length > 254)
        {
            errors["email"] = ["A valid e-mail address is required."];
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 100)
        {
            errors["displayName"] = ["A display name of at most 100 characters is required."];
        }

        if (password is null || password.Length < MinPasswordLength || password.Length > MaxPasswordLength)
        {
            errors["password"] = [$"The password must be {MinPasswordLength} to {MaxPasswordLength} characters long."];
        }

        if (role is null || !Roles.All.Contains(role))
        {
            errors["role"] = [$"The role must be one of {string.Join(", ", Roles.All)}."];
        }

        return errors;
    }
}
