using System.Net;
using System.Net.Http.Json;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;
using CultureDiagnostics.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Edges;

/// <summary>
/// Sign-in does the same work whoever is named: one password-hash verification, with the same algorithm and
/// iterations, for an unknown address, a wrong password and a locked account, so its time does not tell who has an
/// account. Counted through the hasher, not timed (bench/results/sign-in-timing.md has the times).
/// </summary>
public sealed class SignInWorkTests : IDisposable
{
    private const string Email = "ana@trust.example";

    private readonly TestApp _app = new();
    private readonly CountingHasher _hasher = new();
    private readonly WebApplicationFactory<Program> _host;

    public SignInWorkTests() =>
        _host = _app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<string>>(_hasher)));

    public void Dispose()
    {
        _host.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task AnUnknownAddressAWrongPasswordAndALockedAccountEachCostOneVerificationOfTheSameKind()
    {
        await _host.Services.GetRequiredService<AccountStore>().CreateAsync(Email, "Ana", TestApp.Password, Roles.Analyst);
        using var client = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // The first sign-in of any kind makes the dummy hash; it is not one of the cases compared.
        await SignInAsync(client, "first@trust.example", "anything-at-all");

        var unknown = await WorkAsync(() => SignInAsync(client, "nobody@trust.example", "wrong-password-1"), HttpStatusCode.Unauthorized);
        var wrong = await WorkAsync(() => SignInAsync(client, Email, "wrong-password-1"), HttpStatusCode.Unauthorized);
        for (var i = 1; i < AccountStore.MaxFailedAttempts; i++)
        {
            await SignInAsync(client, Email, "wrong-password-1");
        }

        var locked = await WorkAsync(() => SignInAsync(client, Email, "wrong-password-1"), (HttpStatusCode)429);
        var lockedRightPassword = await WorkAsync(() => SignInAsync(client, Email, TestApp.Password), (HttpStatusCode)429);

        foreach (var (name, work) in new[] { ("unknown address", unknown), ("wrong password", wrong), ("locked account", locked), ("locked, right password", lockedRightPassword) })
        {
            Assert.True(work.Hashes == 0 && work.Verifications == 1, $"{name}: {work.Hashes} hashes and {work.Verifications} verifications.");
        }

        // The dummy hash has the parameters of a real one: format, pseudo-random function, iterations and salt size.
        Assert.Equal(wrong.Parameters, unknown.Parameters);
        Assert.Equal(wrong.Parameters, locked.Parameters);
    }

    [Fact]
    public async Task TheSignInFormDoesTheSameWorkForAnUnknownAddressAsForAWrongPassword()
    {
        await _host.Services.GetRequiredService<AccountStore>().CreateAsync(Email, "Ana", TestApp.Password, Roles.Analyst);
        using var client = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Task<HttpResponseMessage> Form(string email) =>
            WorkspaceClient.PostFormAsync(client, "/sign-in", "/sign-in", ("email", email), ("password", "wrong-password-1"));
        await Form("first@trust.example");

        var unknown = await WorkAsync(() => Form("nobody@trust.example"), HttpStatusCode.Unauthorized);
        var wrong = await WorkAsync(() => Form(Email), HttpStatusCode.Unauthorized);
        Assert.Equal((0, 1), (unknown.Hashes, unknown.Verifications));
        Assert.Equal((0, 1), (wrong.Hashes, wrong.Verifications));
        Assert.Equal(wrong.Parameters, unknown.Parameters);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/auth/sign-in", new { email, password });

    private async Task<(int Hashes, int Verifications, string Parameters)> WorkAsync(Func<Task<HttpResponseMessage>> signIn, HttpStatusCode expected)
    {
        _hasher.Reset();
        using var response = await signIn();
        Assert.Equal(expected, response.StatusCode);
        return (_hasher.Hashes, _hasher.Verifications, _hasher.LastParameters);
    }

    /// <summary>Identity's hasher, counting what it computes (each hash or verification is one PBKDF2 run).</summary>
    private sealed class CountingHasher : IPasswordHasher<string>
    {
        private readonly PasswordHasher<string> _inner = new();
        private int _hashes;
        private int _verifications;

        public int Hashes => _hashes;

        public int Verifications => _verifications;

        /// <summary>The header of the last hash verified (Identity v3: format, PRF, iterations, salt length), in hex.</summary>
        public string LastParameters { get; private set; } = "";

        public void Reset() => (_hashes, _verifications, LastParameters) = (0, 0, "");

        public string HashPassword(string user, string password)
        {
            Interlocked.Increment(ref _hashes);
            return _inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(string user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            LastParameters = Convert.ToHexString(Convert.FromBase64String(hashedPassword).AsSpan(0, 13));
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
