using CultureDiagnostics.Api.Components.Forms;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application;
using CultureDiagnostics.Application.Accounts;
using CultureDiagnostics.Application.Organisation;
using CultureDiagnostics.Data.Accounts;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using static CultureDiagnostics.Api.Components.PageResults;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>The add-an-account form as posted.</summary>
public sealed record AccountForm([FromForm] string? Email, [FromForm] string? DisplayName, [FromForm] string? Role, [FromForm] string? Password, [FromForm] string? Unit);

/// <summary>
/// People and access for administrators: the accounts, a form to add one, and each account's page to change its role,
/// disable or enable it, or set a new password, through <see cref="AccountService"/> as the JSON API does.
/// </summary>
public static class AccountsPages
{
    private static readonly FormField[] Fields =
    [
        new("email", "email"),
        new("displayName", "displayName"),
        new("role", "role", "Choose the account's role."),
        new("unit", "unit"),
        new("password", "password"),
    ];

    /// <summary>What the pages say after an action; only these words, never text from the address.</summary>
    private static readonly Dictionary<string, string> Confirmations = new()
    {
        ["added"] = "The account is added. Tell the person their password by a channel of your own; they can sign in now.",
        ["role"] = "The role is changed. The person signs in again to use it.",
        ["disabled"] = "The account is disabled: it cannot sign in, and any session it had has ended.",
        ["enabled"] = "The account is enabled again.",
        ["password"] = "The password is set. Tell the person by a channel of your own; any session they had has ended.",
    };

    public static IEndpointRouteBuilder MapAccountsPages(this IEndpointRouteBuilder routes)
    {
        var group = routes.Pages("/workspace/accounts", Policies.Administrator).RequireAntiforgeryToken();
        group.MapGet("/", async (string? done, AccountService accounts, StructureService structure, CancellationToken ct) =>
            Page<AccountsPage>(new { Accounts = await accounts.AllAsync(ct), Units = await UnitChoicesAsync(structure, ct), Confirmation = Confirmations.GetValueOrDefault(done ?? "") }));
        group.MapPost("/", AddAsync);
        group.MapGet("/{id}", async (string id, string? done, AccountService accounts, StructureService structure, CancellationToken ct) =>
            await accounts.FindAsync(id, ct) is { } account
                ? (IResult)Page<AccountPage>(new { Account = account, Units = await UnitChoicesAsync(structure, ct), Confirmation = Confirmations.GetValueOrDefault(done ?? "") })
                : TypedResults.Redirect("/workspace/accounts"));
        group.MapPost("/{id}/role", async (string id, [FromForm] string? role, [FromForm] string? unit, AccountService accounts, StructureService structure, CancellationToken ct) =>
            await After(id, "role", await accounts.ChangeRoleAsync(id, role, unit, ct), "role", accounts, structure, ct));
        group.MapPost("/{id}/status", async (string id, [FromForm] string? disabled, ClaimsPrincipal user, AccountService accounts, StructureService structure, CancellationToken ct) =>
        {
            var disable = disabled == "true";
            return await After(id, disable ? "disabled" : "enabled",
                await accounts.SetDisabledAsync(user.FindFirstValue(ClaimTypes.NameIdentifier)!, id, disable, ct), "status", accounts, structure, ct);
        });
        group.MapPost("/{id}/password", async (string id, [FromForm] string? password, AccountService accounts, StructureService structure, CancellationToken ct) =>
            await After(id, "password", await accounts.ResetPasswordAsync(id, password, ct), "password", accounts, structure, ct));
        return routes;
    }

    private static async Task<IResult> AddAsync([AsParameters] AccountForm form, AccountService accounts, StructureService structure, CancellationToken ct)
    {
        var outcome = await accounts.CreateAsync(new AccountRequest(form.Email, form.DisplayName, form.Password, form.Role, form.Unit), ct);
        if (outcome.Status == OutcomeStatus.Done)
        {
            return TypedResults.Redirect("/workspace/accounts?done=added");
        }

        var errors = outcome.Status == OutcomeStatus.Conflict
            ? new FormErrors().Add("email", outcome.Detail ?? "An account with this e-mail address already exists.")
            : outcome.Errors.ToFormErrors(Fields);
        return Page<AccountsPage>(new { Accounts = await accounts.AllAsync(ct), Units = await UnitChoicesAsync(structure, ct), Entered = form, Errors = errors }, StatusCodes.Status400BadRequest);
    }

    /// <summary>Back to the account with what was done, or its page again with the problem linked to the form's field.</summary>
    private static async Task<IResult> After(string id, string done, Outcome<Account> outcome, string field, AccountService accounts, StructureService structure, CancellationToken ct)
    {
        if (outcome.Status == OutcomeStatus.Done)
        {
            return TypedResults.Redirect($"/workspace/accounts/{id}?done={done}");
        }

        // Gone meanwhile (or never there): the list as it is.
        if (outcome.Status == OutcomeStatus.NotFound || await accounts.FindAsync(id, ct) is not { } account)
        {
            return TypedResults.Redirect("/workspace/accounts");
        }

        var error = outcome.Errors.Count > 0 ? outcome.Errors[0] : null;
        return Page<AccountPage>(
            new { Account = account, Units = await UnitChoicesAsync(structure, ct), Errors = new FormErrors().Add(error?.Field == "unit" ? "unit" : field, error?.Message ?? outcome.Detail ?? "") },
            outcome.Status == OutcomeStatus.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
    }

    public static string RoleTitle(string role) => role switch
    {
        Roles.Administrator => "Administrator: everything, accounts included",
        Roles.Analyst => "Analyst: the change team's workspace",
        Roles.Board => "Board: the dashboard and published results",
        Roles.UnitLead => "Unit lead: the results of their unit and the units below it, and its dashboard",
        _ => role,
    };

    /// <summary>The units a unit lead can be given, in tree order and indented by depth, after the choice of none.</summary>
    private static async Task<IReadOnlyList<Choice>> UnitChoicesAsync(StructureService structure, CancellationToken ct) =>
    [
        new("", "None (only a unit lead has a unit)"),
        .. (await structure.TreeAsync(ct)).InTreeOrder().Select(x => new Choice(x.Unit.Code, $"{new string('\u00a0', 2 * x.Depth)}{x.Unit.Name} ({x.Unit.Code})")),
    ];

    /// <summary>How an account signs in: its password, the organisation's identity provider, or either.</summary>
    public static string SignsInWith(Account account) => (account.HasPassword, account.HasExternalIdentity) switch
    {
        (true, true) => "password or identity provider",
        (false, true) => "identity provider",
        _ => "password",
    };

    public static IReadOnlyList<Choice> RoleChoices { get; } = [.. Roles.All.Select(r => new Choice(r, RoleTitle(r)))];
}
