using System.Net;
using System.Net.Http.Json;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Accounts;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Workspace;

/// <summary>
/// Sign-in with the organisation's identity provider, against a real OpenID Connect server on loopback: a browser's
/// journey (the platform's button, the provider's answer posted back, the platform's own session), the account it
/// links or makes, the role the provider gives, and every refusal and failure ending on a page in words.
/// </summary>
public sealed class IdentityProviderSignInTests : IAsyncLifetime
{
    private const string Button = "Sign in with your NHS account";
    private const string Board = "CultureDiagnostics.Board";
    private const string Analyst = "CultureDiagnostics.Analyst";

    private TestIdentityProvider _provider = null!;
    private TestApp _app = null!;
    private readonly HttpClient _providerSite = new(new HttpClientHandler { AllowAutoRedirect = false });

    public async Task InitializeAsync()
    {
        // The platform in memory at https://localhost (the provider's cookies are Secure), the provider on a real port.
        _provider = await TestIdentityProvider.StartAsync("https://localhost/signin-oidc");
        _app = new TestApp(settings: _provider.Settings(Button));
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        _providerSite.Dispose();
        await _provider.DisposeAsync();
    }

    /// <summary>A browser on the platform's site: its own cookies, redirects seen rather than followed.</summary>
    private static HttpClient Browser(TestApp app) => app.CreateDefaultClient(new Uri("https://localhost"), new BrowserCookies(app.Clock));

    private HttpClient Browser() => Browser(_app);

    private AccountStore Accounts => _app.Services.GetRequiredService<AccountStore>();

    /// <summary>
    /// From the sign-in page's button to the provider and back as far as the provider's answer, which the browser
    /// would post to the platform: the answer's address and fields.
    /// </summary>
    /// <param name="start">Where the browser starts: the sign-in page (the button on it is followed), or the button's own address.</param>
    private async Task<(string Action, List<KeyValuePair<string, string>> Fields)> ProviderAnswerAsync(HttpClient browser, string start = "/sign-in")
    {
        var button = start.StartsWith("/sign-in/identity-provider", StringComparison.Ordinal)
            ? start
            : WorkspaceClient.LinkTo(await WorkspaceClient.ParseAsync(await browser.GetAsync(start)), Button);
        var toProvider = await browser.GetAsync(button);
        Assert.Equal(HttpStatusCode.Redirect, toProvider.StatusCode);
        var authorize = toProvider.Headers.Location!;
        Assert.StartsWith(_provider.Authority, authorize.AbsoluteUri, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.False(string.IsNullOrEmpty(query["nonce"]), "no nonce");

        var answer = await _providerSite.GetAsync(authorize);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"The provider answered {(int)answer.StatusCode}: {body}");
        var form = WorkspaceClient.Parse(body).QuerySelector("form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        return (form.GetAttribute("action")!, fields);
    }

    /// <summary>The whole journey for the person the provider signs in next; the platform's answer to the provider's.</summary>
    private async Task<HttpResponseMessage> SignInAsync(HttpClient browser, ProviderPerson person, string start = "/sign-in")
    {
        _provider.Next = person;
        var (action, fields) = await ProviderAnswerAsync(browser, start);
        return await browser.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Signed in: the platform's page moves on (from its own site, so the Strict session cookie goes along) to where it says.</summary>
    private static async Task<string> SignedInAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected the signed-in page, got {(int)response.StatusCode}: {body}");
        var page = WorkspaceClient.Parse(body);
        var target = WorkspaceClient.LinkTo(page, "Continue");
        Assert.Equal($"0;url={target}", page.QuerySelector("meta[http-equiv=refresh]")?.GetAttribute("content"));
        return target;
    }

    private static async Task<string> RefusedAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return WorkspaceClient.Parse(body).QuerySelector("main")!.TextContent;
    }

    private static async Task<string?> RoleOfSessionAsync(HttpClient browser)
    {
        var me = await browser.GetAsync("/api/auth/me");
        return me.StatusCode == HttpStatusCode.OK ? (await TestApp.ReadObjectAsync(me))["role"]!.GetValue<string>() : null;
    }

    [Fact]
    public async Task ANewBoardMemberSignsInWithTheButtonLandsOnTheDashboardAndCannotReachTheWorkspace()
    {
        var browser = Browser();
        var target = await SignedInAsync(await SignInAsync(browser, new ProviderPerson("sub-ada", "ada@trust.example", "Ada Board", true, Board)));

        Assert.Equal("/dashboard/latest", target);
        var dashboard = await browser.GetAsync(target);
        Assert.NotEqual(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/workspace")).StatusCode);
        Assert.Equal(Roles.Board, await RoleOfSessionAsync(browser));

        var account = (await Accounts.FindByEmailAsync("ada@trust.example"))!;
        Assert.Equal(("Ada Board", Roles.Board, false, true), (account.DisplayName, account.Role, account.HasPassword, account.HasExternalIdentity));
        // No password anyone knows: the password form does not let the account in.
        Assert.Equal(SignInOutcome.WrongCredentials, (await Accounts.SignInAsync("ada@trust.example", "")).Outcome);
        Assert.Single(_provider.TokenRequests);
        var accounts = await WorkspaceClient.ParseAsync(await (await WorkspaceClient.SignedInAsync(_app)).GetAsync("/workspace/accounts"));
        var row = accounts.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("ada@trust.example", StringComparison.Ordinal));
        Assert.Equal("identity provider", row.QuerySelector("td[data-label='Signs in with']")!.TextContent);
    }

    [Fact]
    public async Task WithoutAnAuthoritySignInIsWithLocalAccountsOnly()
    {
        using var app = new TestApp();
        var browser = Browser(app);

        var page = await WorkspaceClient.ParseAsync(await browser.GetAsync("/sign-in"));

        Assert.DoesNotContain(page.QuerySelectorAll("a"), a => a.GetAttribute("href")!.StartsWith("/sign-in/identity-provider", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/sign-in/identity-provider")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/signin-oidc?code=x&state=y")).StatusCode);
    }

    [Fact]
    public async Task AskingForAPageFirstReturnsThereAfterSigningIn()
    {
        var analyst = new ProviderPerson("sub-kim", "kim@trust.example", "Kim Analyst", true, Analyst);
        var browser = Browser();
        var toSignIn = await browser.GetAsync("/workspace/findings");
        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);

        var target = await SignedInAsync(await SignInAsync(browser, analyst, toSignIn.Headers.Location!.OriginalString));

        Assert.Equal("/workspace/findings", target);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(target)).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    public async Task AReturnUrlToAnotherSiteIsIgnored(string returnUrl)
    {
        var kim = new ProviderPerson("sub-kim", "kim@trust.example", "Kim Analyst", true, Analyst);

        var target = await SignedInAsync(await SignInAsync(Browser(), kim, "/sign-in/identity-provider?returnUrl=" + Uri.EscapeDataString(returnUrl)));

        Assert.Equal("/workspace", target);
    }

    [Fact]
    public async Task APersonWhoseProviderRoleMapsToNothingIsRefusedInWordsAndGetsNoAccount()
    {
        var browser = Browser();
        var text = await RefusedAsync(
            await SignInAsync(browser, new ProviderPerson("sub-sam", "sam@trust.example", "Sam", true, "Payroll.Reader")), HttpStatusCode.Forbidden);

        Assert.Contains("Ask an administrator of the platform to give you one", text, StringComparison.Ordinal);
        Assert.Equal(0, _app.Count("users"));
        Assert.Null(await RoleOfSessionAsync(browser));
    }

    [Fact]
    public async Task ALocalAccountAnAdministratorGaveARoleSignsInWithTheProviderByItsAddress()
    {
        var admin = await WorkspaceClient.SignedInAsync(_app);
        (await admin.PostAsJsonAsync("/api/users", new { email = "Pat@Trust.example", displayName = "Pat", password = TestApp.Password, role = Roles.Analyst }))
            .EnsureSuccessStatusCode();

        var browser = Browser();
        var target = await SignedInAsync(await SignInAsync(browser, new ProviderPerson("sub-pat", "pat@trust.example", "Pat Provider", true)));

        Assert.Equal("/workspace", target);
        Assert.Equal(Roles.Analyst, await RoleOfSessionAsync(browser));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/workspace/findings")).StatusCode);
        var page = await WorkspaceClient.ParseAsync(await admin.GetAsync("/workspace/accounts"));
        var row = page.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Pat@Trust.example", StringComparison.Ordinal));
        Assert.Equal("password or identity provider", row.QuerySelector("td[data-label='Signs in with']")!.TextContent);
        // Linked now: the same person signs in again by their subject, and one account it stays.
        await SignedInAsync(await SignInAsync(Browser(), new ProviderPerson("sub-pat", "pat@trust.example", "Pat Provider", true)));
        Assert.Equal(2, _app.Count("users"));
    }

    [Fact]
    public async Task AnAddressTheProviderDoesNotVouchForDoesNotTakeOverAnAccount()
    {
        await Accounts.CreateAsync("lee@trust.example", "Lee", TestApp.Password, Roles.Administrator);

        var text = await RefusedAsync(
            await SignInAsync(Browser(), new ProviderPerson("sub-mallory", "lee@trust.example", "Mallory", false, Board)), HttpStatusCode.Forbidden);

        Assert.Contains("did not confirm that lee@trust.example is yours", text, StringComparison.Ordinal);
        var account = (await Accounts.FindByEmailAsync("lee@trust.example"))!;
        Assert.Equal((Roles.Administrator, false), (account.Role, account.HasExternalIdentity));
    }

    [Fact]
    public async Task ADisabledAccountIsRefusedThroughTheProviderWhetherLinkedOrMatchedByAddress()
    {
        var ada = new ProviderPerson("sub-ada", "ada@trust.example", "Ada", true, Board);
        var first = Browser();
        await SignedInAsync(await SignInAsync(first, ada));
        var admin = await WorkspaceClient.SignedInAsync(_app);
        var adaId = (await Accounts.FindByEmailAsync("ada@trust.example"))!.Id;
        (await admin.PostAsync($"/api/users/{adaId}/disable", null)).EnsureSuccessStatusCode();
        Assert.Null(await RoleOfSessionAsync(first));

        var text = await RefusedAsync(await SignInAsync(Browser(), ada), HttpStatusCode.Forbidden);
        Assert.Contains("This account has been disabled", text, StringComparison.Ordinal);

        var jo = await Accounts.CreateAsync("jo@trust.example", "Jo", TestApp.Password, Roles.Analyst);
        (await admin.PostAsync($"/api/users/{jo!.Id}/disable", null)).EnsureSuccessStatusCode();
        var browser = Browser();
        Assert.Contains("This account has been disabled",
            await RefusedAsync(await SignInAsync(browser, new ProviderPerson("sub-jo", "jo@trust.example", "Jo", true, Analyst)), HttpStatusCode.Forbidden),
            StringComparison.Ordinal);
        Assert.Null(await RoleOfSessionAsync(browser));
        Assert.False((await Accounts.FindByEmailAsync("jo@trust.example"))!.HasExternalIdentity);
    }

    [Fact]
    public async Task ARoleChangedAtTheProviderChangesThePlatformRoleAtTheNextSignInAndEndsTheOldSession()
    {
        var first = Browser();
        await SignedInAsync(await SignInAsync(first, new ProviderPerson("sub-max", "max@trust.example", "Max", true, Board)));
        Assert.Equal(Roles.Board, await RoleOfSessionAsync(first));

        var second = Browser();
        var target = await SignedInAsync(await SignInAsync(second, new ProviderPerson("sub-max", "max@trust.example", "Max", true, Board, Analyst)));

        Assert.Equal("/workspace", target);
        Assert.Equal(Roles.Analyst, await RoleOfSessionAsync(second));
        Assert.Null(await RoleOfSessionAsync(first));
        Assert.Equal(Roles.Analyst, (await Accounts.FindByEmailAsync("max@trust.example"))!.Role);
    }

    [Fact]
    public async Task WithoutAMappedRoleTheRoleAnAdministratorGaveStays()
    {
        await SignedInAsync(await SignInAsync(Browser(), new ProviderPerson("sub-ali", "ali@trust.example", "Ali", true, Board)));
        var admin = await WorkspaceClient.SignedInAsync(_app);
        var id = (await Accounts.FindByEmailAsync("ali@trust.example"))!.Id;
        (await admin.PutAsJsonAsync($"/api/users/{id}/role", new { role = Roles.Analyst })).EnsureSuccessStatusCode();

        var browser = Browser();
        await SignedInAsync(await SignInAsync(browser, new ProviderPerson("sub-ali", "ali@trust.example", "Ali", true)));

        Assert.Equal(Roles.Analyst, await RoleOfSessionAsync(browser));
    }

    [Fact]
    public async Task AReplayedAnswerIsRefusedWithAPageNotAServerError()
    {
        var browser = Browser();
        _provider.Next = new ProviderPerson("sub-ada", "ada@trust.example", "Ada", true, Board);
        var (action, fields) = await ProviderAnswerAsync(browser);
        await SignedInAsync(await browser.PostAsync(action, new FormUrlEncodedContent(fields)));

        // The same answer again, from the same browser and from another.
        foreach (var replayer in new[] { browser, Browser() })
        {
            var text = await RefusedAsync(await replayer.PostAsync(action, new FormUrlEncodedContent(fields)), HttpStatusCode.BadRequest);
            Assert.Contains("could not be checked", text, StringComparison.Ordinal);
        }

        Assert.Single(_provider.TokenRequests);
    }

    [Fact]
    public async Task ATamperedStateIsRefusedWithAPageAndSignsNobodyIn()
    {
        var browser = Browser();
        _provider.Next = new ProviderPerson("sub-ada", "ada@trust.example", "Ada", true, Board);
        var (action, fields) = await ProviderAnswerAsync(browser);
        var state = fields.Single(f => f.Key == "state").Value;
        var tampered = fields.Select(f => f.Key == "state" ? new KeyValuePair<string, string>("state", state[..^4] + "AAAA") : f).ToList();

        var text = await RefusedAsync(await browser.PostAsync(action, new FormUrlEncodedContent(tampered)), HttpStatusCode.BadRequest);

        Assert.Contains("Start again from the sign-in page", text, StringComparison.Ordinal);
        Assert.Null(await RoleOfSessionAsync(browser));
        Assert.Equal(0, _app.Count("users"));
        Assert.Empty(_provider.TokenRequests);
    }

    [Fact]
    public async Task CancellingAtTheProviderEndsOnAPageInWords()
    {
        var browser = Browser();
        _provider.NextError = "access_denied";
        var (action, fields) = await ProviderAnswerAsync(browser);

        var text = await RefusedAsync(await browser.PostAsync(action, new FormUrlEncodedContent(fields)), HttpStatusCode.Forbidden);

        Assert.Contains("you may have cancelled", text, StringComparison.Ordinal);
        Assert.Equal(0, _app.Count("users"));
    }

    [Fact]
    public async Task AnAddressOutsideTheAllowedDomainsIsRefused()
    {
        using var app = new TestApp(settings: new Dictionary<string, string?>(_provider.Settings(Button)) { ["CultureDiagnostics:OpenIdConnect:AllowedDomains:0"] = "nhs.net" });

        var text = await RefusedAsync(await SignInAsync(Browser(app), new ProviderPerson("sub-eve", "eve@elsewhere.example", "Eve", true, Board)), HttpStatusCode.Forbidden);

        Assert.Contains("eve@elsewhere.example is not one", text, StringComparison.Ordinal);
        Assert.Equal(0, app.Count("users"));
    }
}
