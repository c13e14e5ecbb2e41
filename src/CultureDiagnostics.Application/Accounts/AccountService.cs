using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Data.Accounts;
using CultureDiagnostics.Data.Organisation;

namespace CultureDiagnostics.Application.Accounts;

/// <summary>What an administrator asks of an account: a new one, or a change of role, status or password.</summary>
/// <param name="Unit">A unit lead's unit, by its code: they read its results and every unit's below it. Only for that role.</param>
public sealed record AccountRequest(string? Email, string? DisplayName, string? Password, string? Role, string? Unit = null);

/// <summary>
/// People and access, once for the JSON API and the workspace pages: add accounts, change a role, disable and enable,
/// reset a password. Each change but adding ends the account's sessions. There is always an administrator who can sign
/// in: the last one can be neither disabled nor given another role, and nobody disables their own account.
/// </summary>
public sealed class AccountService(AccountStore store, UnitStore units)
{
    public Task<IReadOnlyList<Account>> AllAsync(CancellationToken ct = default) => store.AllAsync(ct);

    public Task<Account?> FindAsync(string id, CancellationToken ct = default) => store.FindAsync(id, ct);

    public async Task<Outcome<Account>> CreateAsync(AccountRequest request, CancellationToken ct = default)
    {
        var errors = AccountRules.Validate(request.Email, request.DisplayName, request.Password, request.Role);
        var (unit, unitError) = await UnitOfAsync(request.Role, request.Unit, ct);
        if (unitError is not null)
        {
            errors["unit"] = [unitError];
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid<Account>(InputErrors.From(errors));
        }

        return await store.CreateAsync(request.Email!, request.DisplayName!, request.Password!, request.Role!, unit?.Id, ct) is { } account
            ? Outcome.Done(account with { UnitCode = unit?.Code })
            : Outcome.Conflict<Account>("E-mail address taken.", $"An account with the e-mail address '{request.Email!.Trim()}' already exists.");
    }

    /// <param name="unit">The unit's code when the role is unit lead; a change of unit alone is a change of role too (the lead's sessions end).</param>
    public async Task<Outcome<Account>> ChangeRoleAsync(string id, string? role, string? unit = null, CancellationToken ct = default)
    {
        if (await store.FindAsync(id, ct) is not { } account)
        {
            return NotFound(id);
        }

        if (role is null || !Roles.All.Contains(role))
        {
            return Outcome.Invalid<Account>([new("role", $"The role must be one of {string.Join(", ", Roles.All)}.")]);
        }

        var (lead, unitError) = await UnitOfAsync(role, unit, ct);
        if (unitError is not null)
        {
            return Outcome.Invalid<Account>([new("unit", unitError)]);
        }

        if (account.Role == role && account.UnitId == lead?.Id)
        {
            return Outcome.Done(account);
        }

        if (await IsLastAdministratorAsync(account, ct))
        {
            return LastAdministrator(account, "given another role");
        }

        await store.SetRoleAsync(id, role, lead?.Id, ct);
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

    /// <summary>A unit lead's unit from its code (required for that role, refused for the others); the error in words otherwise.</summary>
    private async Task<(Unit? Unit, string? Error)> UnitOfAsync(string? role, string? code, CancellationToken ct)
    {
        var given = !string.IsNullOrWhiteSpace(code);
        if (role != Roles.UnitLead)
        {
            return given && Roles.All.Contains(role ?? "") ? (null, "Only a unit lead has a unit: leave it empty for this role.") : (null, null);
        }

        if (!given)
        {
            return (null, "Choose the unit whose results the unit lead reads (theirs and every unit below it).");
        }

        var unit = (await units.AllAsync(ct)).FirstOrDefault(u => string.Equals(u.Code, code!.Trim(), StringComparison.OrdinalIgnoreCase));
        return unit is null ? (null, $"No unit has the code '{code!.Trim()}'.") : (unit, null);
    }

    private async Task<bool> IsLastAdministratorAsync(Account account, CancellationToken ct) =>
        account is { Role: Roles.Administrator, Disabled: false }
        && (await store.AllAsync(ct)).Count(a => a is { Role: Roles.Administrator, Disabled: false }) == 1;

    private static Outcome<Account> LastAdministrator(Account account, string what) => Outcome.Conflict<Account>(
        "The last administrator.", $"{account.DisplayName} is the only administrator who can sign in, so the account cannot be {what}: make another administrator first.");

    private static Outcome<Account> NotFound(string id) => Outcome.NotFound<Account>($"No account has the id '{id}'.");
}
