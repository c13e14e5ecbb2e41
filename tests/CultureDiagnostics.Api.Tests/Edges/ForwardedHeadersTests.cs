using System.Net;
using System.Net.Http.Json;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Edges;

/// <summary>
/// Behind the TLS load balancer the README recommends, on real Kestrel (the in-memory server has no client
/// address): the proxy's X-Forwarded-For and X-Forwarded-Proto are believed only from a configured proxy.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static TestApp App(params (string Key, string Value)[] trusted)
    {
        var settings = new Dictionary<string, string?> { ["CultureDiagnostics:RateLimits:SignInsPerMinute"] = "2" };
        foreach (var (key, value) in trusted)
        {
            settings["CultureDiagnostics:ForwardedHeaders:" + key] = value;
        }

        return new TestApp(kestrelPort: 0, settings: settings);
    }

    private static async Task<HttpStatusCode> SignInAttemptAsync(HttpClient client, string forwardedFor) =>
        (await Requests.SendAsync(client, HttpMethod.Post, "/api/auth/sign-in", Requests.Json,
            JsonContent.Create(new { email = $"nobody-{Guid.NewGuid():N}@test.example", password = "a-wrong-guess" }),
            ("X-Forwarded-For", forwardedFor))).StatusCode;

    private static async Task<string?> SessionCookieAsync(TestApp app, params (string Name, string Value)[] headers)
    {
        var email = $"admin-{Guid.NewGuid():N}@test.example";
        await app.Services.GetRequiredService<AccountStore>().CreateAsync(email, "Admin", TestApp.Password, Roles.Administrator);
        var client = Requests.Client(app, cookies: false);
        var response = await Requests.SendAsync(client, HttpMethod.Post, "/api/auth/sign-in", Requests.Json,
            JsonContent.Create(new { email, password = TestApp.Password }), headers);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Set-Cookie").SingleOrDefault(c => c.StartsWith("cd_session=", StringComparison.Ordinal));
    }

    private static async Task<string?> AntiforgeryCookieAsync(TestApp app, params (string Name, string Value)[] headers)
    {
        var client = Requests.Client(app, cookies: false);
        var page = await Requests.SendAsync(client, HttpMethod.Get, "/sign-in", Requests.Html, null, headers);
        page.EnsureSuccessStatusCode();
        return page.Headers.GetValues("Set-Cookie").SingleOrDefault(c => c.StartsWith("cd_antiforgery=", StringComparison.Ordinal));
    }

    private static bool IsSecure(string? cookie) =>
        cookie is not null && cookie.Split(';').Any(part => part.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));

    [Theory]
    [InlineData("KnownProxies:0", "127.0.0.1")]
    [InlineData("KnownNetworks:0", "127.0.0.0/8")]
    public async Task BehindATrustedProxyEachForwardedClientHasItsOwnRateLimitBucket(string key, string value)
    {
        using var app = App((key, value));
        var client = Requests.Client(app);

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAttemptAsync(client, "192.0.2.10"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAttemptAsync(client, "192.0.2.10"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAttemptAsync(client, "192.0.2.10"));
        // Another member of staff behind the same load balancer is not held back by the first.
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAttemptAsync(client, "192.0.2.20"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAttemptAsync(client, "192.0.2.20"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAttemptAsync(client, "192.0.2.20"));
    }

    [Fact]
    public async Task BehindATrustedProxyTheCookiesOfAnHttpsRequestAreSecure()
    {
        using var app = App(("KnownProxies:0", "127.0.0.1"));

        Assert.True(IsSecure(await SessionCookieAsync(app, ("X-Forwarded-Proto", "https"))), "The sign-in cookie of an HTTPS request is not Secure.");
        Assert.True(IsSecure(await AntiforgeryCookieAsync(app, ("X-Forwarded-Proto", "https"))), "The anti-forgery cookie of an HTTPS request is not Secure.");
        Assert.False(IsSecure(await SessionCookieAsync(app, ("X-Forwarded-Proto", "http"))), "A plain HTTP request got a Secure cookie it could not send back.");
    }

    [Fact]
    public async Task WithoutATrustedProxyForwardedAddressesAreIgnored()
    {
        using var app = App();
        var client = Requests.Client(app);

        // Anyone can send the header: believed, it would give a flood a fresh bucket per made-up address.
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAttemptAsync(client, "192.0.2.10"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAttemptAsync(client, "192.0.2.20"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAttemptAsync(client, "192.0.2.30"));
    }

    [Fact]
    public async Task WithoutATrustedProxyAForwardedSchemeIsIgnored()
    {
        using var app = App();

        Assert.False(IsSecure(await SessionCookieAsync(app, ("X-Forwarded-Proto", "https"))), "An untrusted X-Forwarded-Proto was believed.");
        Assert.False(IsSecure(await AntiforgeryCookieAsync(app, ("X-Forwarded-Proto", "https"))), "An untrusted X-Forwarded-Proto was believed.");
    }

    [Fact]
    public async Task AProxyFromAnotherNetworkIsNotBelieved()
    {
        using var app = App(("KnownNetworks:0", "10.0.0.0/8"));
        var client = Requests.Client(app);

        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAttemptAsync(client, "192.0.2.10"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAttemptAsync(client, "192.0.2.20"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAttemptAsync(client, "192.0.2.30"));
    }

    [Theory]
    [InlineData("KnownProxies:0", "10.0.0.300", "KnownProxies")]
    [InlineData("KnownNetworks:0", "10.0.0.0/40", "KnownNetworks")]
    public void AMistypedProxyStopsStartupNamingTheSetting(string key, string value, string setting)
    {
        using var app = App((key, value));

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains($"CultureDiagnostics:ForwardedHeaders:{setting}", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(value, error.ToString(), StringComparison.Ordinal);
    }
}
