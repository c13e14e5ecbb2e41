using CultureDiagnostics.Data.Accounts;

namespace CultureDiagnostics.Application.Accounts;

/// <summary>What an administrator asks of an account: a new one, or a change of role, status or password.</summary>
public sealed record AccountRequest(string? Email, string? DisplayName, string? Password, string? Role);

/// <summary>
/// People and access, once for the JSON API and the workspace pages: add accounts, change a role, disable and enable,
/// reset a password. Each change but adding ends the account's sessions. There is always an administrator who can sign
/// in: the last one can be neither disabled nor given another role, and nobody disables their own account.
/// </summary>
public sealed class AccountService(AccountStore store)
{
    public Task<IReadOnlyList<Account>> AllAsync(CancellationToken ct = default) => store.AllAsync(ct);

    public Task<Account?> FindAsync(string id, CancellationToken ct = default) => store.FindAsync(id, ct);

    public async Task<Outcome<Account>> CreateAsync(AccountRequest request, CancellationToken ct = default)
    {
        var errors = AccountRules.Validate(request.Email, request.DisplayName, request.Password, request.Role);
        if (errors.Count > 0)
        {
            return Outcome.Invalid<Account>(InputErrors.From(errors));
        }

        return await store.CreateAsync(request.Email!, request.DisplayName!, request.Password!, request.Role!, ct) is { } account
            ? Outcome.Done(account)
            : Outcome.Conflict<Account>("E-mail address taken.", $"An account with the e-mail address '{request.Email!.Trim()}' already exists.");
    }

    public async Task<Outcome<Account>> ChangeRoleAsync(string id, string? role, CancellationToken ct = default)
    {
        if (await store.FindAsync(id, ct) is not { } account)
        {
            return NotFound(id);
        }

        if (role is null || !Roles.All.Contains(role))
        {
            return Outcome.Invalid<Account>([new("role", $"The role must be one of {string.Join(", ", Roles.All)}.")]);
        }

        if (account.Role == role)
        {
            return Outcome.Done(account);
        }

        if (await IsLastAdministratorAsync(account, ct))
        {
            return LastAdministrator(account, "given another role");
        }

        await store.SetRoleAsync(id, role, ct);
        return Outcome.Done((await store.FindAsync(id, ct))!);
    }

    /// <param name="actorId">The administrator asking: they cannot disable their own account.</param>
    public async Task<Outcome<Account>> SetDisabledAsync(string actorId, string id, bool disabled, CancellationToken ct = default)
    {
        if (await store.FindAsync(id, ct) is not { } account)
        {
            return NotFound(id);
        }

        if (account.Disabled == disabled)
        {
            return Outcome.Done(account);
        }

        if (disabled && id == actorId)
        {
            return Outcome.Conflict<Account>("Not your own account.", "You cannot disable your own account; another administrator can.");
        }

        if (disabled && await IsLastAdministratorAsync(account, ct))
        {
            return LastAdministrator(account, "disabled");
        }

        await store.SetDisabledAsync(id, disabled, ct);
        return Outcome.Done((await store.FindAsync(id, ct))!);
    }

    /// <summary>Sets a password the administrator gives to the person (by a channel of their own), lifting any lockout.</summary>
    public async Task<Outcome<Account>> ResetPasswordAsync(string id, string? password, CancellationToken ct = default)
    {
        if (await store.FindAsync(id, ct) is null)
        {
            return NotFound(id);
        }

        if (password is null || password.Length < AccountRules.MinPasswordLength || password.Length > AccountRules.MaxPasswordLength)
        {
            return Outcome.Invalid<Account>([new("password", $"The password must be {AccountRules.MinPasswordLength} to {AccountRules.MaxPasswordLength} characters long.")]);
        }

        return await store.SetPasswordAsync(id, password, ct) ? Outcome.Done((await store.FindAsync(id, ct))!) : NotFound(id);
    }

    private async Task<bool> IsLastAdministratorAsync(Account account, CancellationToken ct) =>
        account is { Role: Roles.Administrator, Disabled: false }
        && (await store.AllAsync(ct)).Count(a => a is { Role: Roles.Administrator, Disabled: false }) == 1;

    private static Outcome<Account> LastAdministrator(Account account, string what) => Outcome.Conflict<Account>(
        "The last administrator.", $"{account.DisplayName} is the only administrator who can sign in, so the account cannot be {what}: make another administrator first.");

    private static Outcome<Account> NotFound(string id) => Outcome.NotFound<Account>($"No account has the id '{id}'.");
}
