using System.Net;
using System.Net.Http.Json;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests;

public sealed class AccountTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task FirstAdministratorIsCreatedOnceWithTheOneTimeSetupToken()
    {
        var token = await _app.Services.GetRequiredService<AccountStore>().IssueSetupTokenAsync();
        var client = _app.CreateClient();

        var wrong = await client.PostAsJsonAsync("/api/setup", new { token = "not-the-token", email = "lead@trust.example", displayName = "Lead", password = "a-long-enough-password" });
        await ProblemAssert.IsProblemAsync(wrong, 403);
        Assert.Equal(0, _app.Count("users"));

        var created = await client.PostAsJsonAsync("/api/setup", new { token, email = "lead@trust.example", displayName = "Lead", password = "a-long-enough-password" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("administrator", (await TestApp.ReadObjectAsync(created))["role"]!.GetValue<string>());

        var again = await client.PostAsJsonAsync("/api/setup", new { token, email = "other@trust.example", displayName = "Other", password = "a-long-enough-password" });
        await ProblemAssert.IsProblemAsync(again, 403);
        Assert.Equal(1, _app.Count("users"));
    }

    [Fact]
    public async Task SetupWithAShortPasswordNamesTheField()
    {
        var token = await _app.Services.GetRequiredService<AccountStore>().IssueSetupTokenAsync();
        var response = await _app.CreateClient().PostAsJsonAsync("/api/setup", new { token, email = "lead@trust.example", displayName = "Lead", password = "short" });
        await ProblemAssert.HasFieldErrorAsync(response, "password");
        Assert.Equal(0, _app.Count("users"));
    }

    [Fact]
    public async Task PasswordsAreStoredHashed()
    {
        await _app.SignedInClientAsync();
        using var db = _app.OpenDatabase();
        var hash = Dapper.SqlMapper.ExecuteScalar<string>(db, "SELECT password_hash FROM users");
        Assert.DoesNotContain(TestApp.Password, hash, StringComparison.Ordinal);
        Assert.True(hash!.Length > 40);
    }

    [Fact]
    public async Task WrongPasswordIsRefusedAndRepeatedFailuresLockTheAccount()
    {
        await _app.Services.GetRequiredService<AccountStore>().CreateAsync("ana@trust.example", "Ana", TestApp.Password, Roles.Analyst);
        var client = _app.CreateClient();
        for (var i = 0; i < AccountStore.MaxFailedAttempts - 1; i++)
        {
            await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/auth/sign-in", new { email = "ana@trust.example", password = "wrong-password" }), 401);
        }

        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/auth/sign-in", new { email = "ana@trust.example", password = "wrong-password" }), 429);
        var locked = await client.PostAsJsonAsync("/api/auth/sign-in", new { email = "ana@trust.example", password = TestApp.Password });
        await ProblemAssert.IsProblemAsync(locked, 429);

        _app.Clock.Now += AccountStore.LockoutDuration + TimeSpan.FromSeconds(1);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/sign-in", new { email = "ana@trust.example", password = TestApp.Password })).StatusCode);
    }

    [Fact]
    public async Task SignInSetsASessionCookieThatIsHttpOnlyAndStrict()
    {
        await _app.Services.GetRequiredService<AccountStore>().CreateAsync("ana@trust.example", "Ana", TestApp.Password, Roles.Analyst);
        var response = await _app.CreateClient().PostAsJsonAsync("/api/auth/sign-in", new { email = "ana@trust.example", password = TestApp.Password });

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignOutEndsTheSession()
    {
        var client = await _app.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
        await client.PostAsync("/api/auth/sign-out", null);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/auth/me"), 401);
    }

    [Fact]
    public async Task OnlyAnAdministratorCreatesAccounts()
    {
        var analyst = await _app.SignedInClientAsync(Roles.Analyst);
        var request = new { email = "board@trust.example", displayName = "Board", password = "a-long-enough-password", role = "board" };
        await ProblemAssert.IsProblemAsync(await analyst.PostAsJsonAsync("/api/users", request), 403);

        var admin = await _app.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/users", request)).StatusCode);
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/users", request), 409);
        await ProblemAssert.HasFieldErrorAsync(await admin.PostAsJsonAsync("/api/users", request with { email = "x@y.z", role = "superuser" }), "role");
    }
}
