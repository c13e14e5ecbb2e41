using CultureDiagnostics.Application.Accounts;
using System.Security.Claims;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CultureDiagnostics.Api.Accounts;

public sealed record SignInRequest(string? Email, string? Password);

public sealed record SetupRequest(string? Token, string? Email, string? DisplayName, string? Password);

/// <param name="Unit">A unit lead's unit, by its code (only for the unit-lead role).</param>
public sealed record NewAccountRequest(string? Email, string? DisplayName, string? Password, string? Role, string? Unit = null);

/// <param name="Unit">A unit lead's unit, by its code; null for every other role.</param>
public sealed record AccountResponse(string Email, string DisplayName, string Role, string? Unit = null);

/// <summary>An account as administrators see it, with how it signs in (its own password, the organisation's identity provider) and a unit lead's unit.</summary>
public sealed record AccountSummaryResponse(string Id, string Email, string DisplayName, string Role, bool Disabled, bool HasPassword, bool IdentityProvider, string? Unit = null);

/// <param name="Unit">The unit's code when the role is unit-lead.</param>
public sealed record RoleRequest(string? Role, string? Unit = null);

public sealed record PasswordRequest(string? Password);

public static class AccountsApi
{
    private const int MaxBodyBytes = 4 * 1024;

    public static RouteGroupBuilder MapAccounts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Accounts");

        group.MapPost("/auth/sign-in", SignInAsync)
            .RequireRateLimiting(RequestLimits.SignIn)
            .Accepts<SignInRequest>("application/json")
            .Produces<AccountResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/auth/sign-out", SignOutAsync).RequireAuthorization();
        group.MapGet("/auth/me", Me).RequireAuthorization();
        group.MapPost("/setup", SetupAsync)
            .Accepts<SetupRequest>("application/json")
            .Produces<AccountResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/users", CreateUserAsync)
            .RequireAuthorization(Policies.Administrator)
            .Accepts<NewAccountRequest>("application/json")
            .Produces<AccountResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        var users = group.MapGroup("/users").RequireAuthorization(Policies.Administrator);
        users.MapGet("/", async (AccountService accounts, CancellationToken ct) => TypedResults.Ok((await accounts.AllAsync(ct)).Select(Summary).ToList()));
        users.MapPut("/{id}/role", ChangeRoleAsync)
            .WithSummary("Change an account's role (its sessions end)").Accepts<RoleRequest>("application/json").Produces<AccountSummaryResponse>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPost("/{id}/disable", async (string id, ClaimsPrincipal user, AccountService accounts, CancellationToken ct) =>
                (await accounts.SetDisabledAsync(user.FindFirstValue(ClaimTypes.NameIdentifier)!, id, true, ct)).ToResult(Ok))
            .WithSummary("Disable an account: it cannot sign in and its sessions end").Produces<AccountSummaryResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPost("/{id}/enable", async (string id, ClaimsPrincipal user, AccountService accounts, CancellationToken ct) =>
                (await accounts.SetDisabledAsync(user.FindFirstValue(ClaimTypes.NameIdentifier)!, id, false, ct)).ToResult(Ok))
            .WithSummary("Enable a disabled account").Produces<AccountSummaryResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPut("/{id}/password", ResetPasswordAsync)
            .WithSummary("Set a new password for an account (its sessions end, a lockout is lifted)").Accepts<PasswordRequest>("application/json")
            .Produces<AccountSummaryResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, AccountStore accounts, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync<SignInRequest>(context.Request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request!.Email))
        {
            errors["email"] = ["The e-mail address is required."];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["The password is required."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var (outcome, account) = await accounts.SignInAsync(request.Email!, request.Password!, cancellationToken);
        switch (outcome)
        {
            case SignInOutcome.LockedOut:
                context.Response.Headers.RetryAfter = ((int)AccountStore.LockoutDuration.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Account locked.",
                    detail: $"Too many failed attempts: try again in {AccountStore.LockoutDuration.TotalMinutes:0} minutes.");
            case SignInOutcome.WrongCredentials:
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed.",
                    detail: "The e-mail address or the password is wrong.");
            case SignInOutcome.Disabled:
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Account disabled.", detail: Session.DisabledMessage);
        }

        await Session.SignInAsync(context, account!);
        return TypedResults.Ok(new AccountResponse(account!.Email, account.DisplayName, account.Role, account.UnitCode));
    }

    private static async Task<NoContent> SignOutAsync(HttpContext context, ClaimsPrincipal user)
    {
        // The user parameter keeps this a route handler (not a bare RequestDelegate) so its result is written.
        _ = user;
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static Ok<AccountResponse> Me(ClaimsPrincipal user) =>
        TypedResults.Ok(new AccountResponse(
            user.FindFirstValue(ClaimTypes.Email) ?? "", user.FindFirstValue(ClaimTypes.Name) ?? "", user.FindFirstValue(ClaimTypes.Role) ?? "",
            user.FindFirstValue(Session.UnitClaim)));

    private static async Task<IResult> SetupAsync(HttpContext context, AccountStore accounts, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync<SetupRequest>(context.Request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = AccountRules.Validate(request!.Email, request.DisplayName, request.Password, Roles.Administrator);
        if (string.IsNullOrWhiteSpace(request.Token))
        {
            errors["token"] = ["The setup token printed by the server at first start is required."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var account = await accounts.CompleteSetupAsync(request.Token!, request.Email!, request.DisplayName!, request.Password!, cancellationToken);
        return account is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Setup refused.",
                detail: "The setup token is wrong or already used, or an administrator already exists.")
            : TypedResults.Created("/api/auth/me", new AccountResponse(account.Email, account.DisplayName, account.Role));
    }

    private static async Task<IResult> CreateUserAsync(HttpContext context, AccountService accounts, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync<NewAccountRequest>(context.Request, MaxBodyBytes, cancellationToken);
        return problem ?? (await accounts.CreateAsync(new AccountRequest(request!.Email, request.DisplayName, request.Password, request.Role, request.Unit), cancellationToken))
            .ToResult(account => TypedResults.Created("/api/users", new AccountResponse(account.Email, account.DisplayName, account.Role, account.UnitCode)));
    }

    public static AccountSummaryResponse Summary(Account account) =>
        new(account.Id, account.Email, account.DisplayName, account.Role, account.Disabled, account.HasPassword, account.HasExternalIdentity, account.UnitCode);

    private static IResult Ok(Account account) => TypedResults.Ok(Summary(account));

    private static async Task<IResult> ChangeRoleAsync(string id, HttpContext context, AccountService accounts, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<RoleRequest>(context.Request, MaxBodyBytes, ct);
        return problem ?? (await accounts.ChangeRoleAsync(id, request!.Role, request.Unit, ct)).ToResult(Ok);
    }

    private static async Task<IResult> ResetPasswordAsync(string id, HttpContext context, AccountService accounts, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<PasswordRequest>(context.Request, MaxBodyBytes, ct);
        return problem ?? (await accounts.ResetPasswordAsync(id, request!.Password, ct)).ToResult(Ok);
    }
}
