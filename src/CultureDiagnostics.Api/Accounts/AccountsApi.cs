using System.Security.Claims;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CultureDiagnostics.Api.Accounts;

public sealed record SignInRequest(string? Email, string? Password);

public sealed record SetupRequest(string? Token, string? Email, string? DisplayName, string? Password);

public sealed record NewAccountRequest(string? Email, string? DisplayName, string? Password, string? Role);

public sealed record AccountResponse(string Email, string DisplayName, string Role);

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
        }

        await Session.SignInAsync(context, account!);
        return TypedResults.Ok(new AccountResponse(account!.Email, account.DisplayName, account.Role));
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
            user.FindFirstValue(ClaimTypes.Email) ?? "", user.FindFirstValue(ClaimTypes.Name) ?? "", user.FindFirstValue(ClaimTypes.Role) ?? ""));

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

    private static async Task<IResult> CreateUserAsync(HttpContext context, AccountStore accounts, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync<NewAccountRequest>(context.Request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = AccountRules.Validate(request!.Email, request.DisplayName, request.Password, request.Role);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var account = await accounts.CreateAsync(request.Email!, request.DisplayName!, request.Password!, request.Role!, cancellationToken);
        return account is null
            ? Problems.Conflict("E-mail address taken.", $"An account with the e-mail address '{request.Email}' already exists.")
            : TypedResults.Created("/api/users", new AccountResponse(account.Email, account.DisplayName, account.Role));
    }
}
