using System.Net;
using System.Net.Http.Json;
using CultureDiagnostics.Api.Tests.Anonymity;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Accounts;

namespace CultureDiagnostics.Api.Tests.Workspace;

/// <summary>
/// People and access: an administrator adds accounts, changes roles, disables and enables them and sets new passwords,
/// from the API and from the pages the workspace links to. Every change but adding ends the account's sessions at once;
/// there is always an administrator who can sign in; bad input changes nothing and says which field.
/// </summary>
public sealed class PeopleAndAccessTests : IDisposable
{
    private const string NewPassword = "a-new-long-password";

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<(HttpClient Client, string Id)> PersonAsync(HttpClient admin, string email, string role = Roles.Analyst)
    {
        (await admin.PostAsJsonAsync("/api/users", new { email, displayName = "Sam Taylor", password = TestApp.Password, role })).EnsureSuccessStatusCode();
        var id = (await TestApp.ReadArrayAsync(await admin.GetAsync("/api/users"))).Single(u => u!["email"]!.GetValue<string>() == email)!["id"]!.GetValue<string>();
        var client = WorkspaceClient.Anonymous(_app);
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password = TestApp.Password })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
        return (client, id);
    }

    private async Task<HttpStatusCode> SignInAsync(string email, string password) =>
        (await WorkspaceClient.Anonymous(_app).PostAsJsonAsync("/api/auth/sign-in", new { email, password })).StatusCode;

    [Fact]
    public async Task ChangingARoleDisablingOrResettingAPasswordEndsTheAccountsSessionsAtOnce()
    {
        var admin = await _app.SignedInClientAsync();

        var (sam, samId) = await PersonAsync(admin, "sam@test.example");
        var changed = await admin.PutAsJsonAsync($"/api/users/{samId}/role", new { role = Roles.Board });
        Assert.Equal(Roles.Board, (await TestApp.ReadObjectAsync(changed))["role"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await sam.GetAsync("/api/auth/me")).StatusCode);

        var (ali, aliId) = await PersonAsync(admin, "ali@test.example");
        Assert.True((await TestApp.ReadObjectAsync(await admin.PostAsync($"/api/users/{aliId}/disable", null)))["disabled"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await ali.GetAsync("/api/campaigns")).StatusCode);
        // Refused with the right password, in words; with a wrong one, as for anyone.
        var refused = await WorkspaceClient.Anonymous(_app).PostAsJsonAsync("/api/auth/sign-in", new { email = "ali@test.example", password = TestApp.Password });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("disabled", (await TestApp.ReadObjectAsync(refused))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync("ali@test.example", "not-the-password"));
        (await admin.PostAsync($"/api/users/{aliId}/enable", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, await SignInAsync("ali@test.example", TestApp.Password));

        var (kim, kimId) = await PersonAsync(admin, "kim@test.example");
        await ProblemAssert.HasFieldErrorAsync(await admin.PutAsJsonAsync($"/api/users/{kimId}/password", new { password = "short" }), "password");
        Assert.Equal(HttpStatusCode.OK, (await kim.GetAsync("/api/auth/me")).StatusCode);
        (await admin.PutAsJsonAsync($"/api/users/{kimId}/password", new { password = NewPassword })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Unauthorized, (await kim.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync("kim@test.example", TestApp.Password));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync("kim@test.example", NewPassword));
    }

    [Fact]
    public async Task ThereIsAlwaysAnAdministratorWhoCanSignInAndBadInputChangesNothing()
    {
        var admin = await _app.SignedInClientAsync();
        var me = (await TestApp.ReadArrayAsync(await admin.GetAsync("/api/users"))).Single()!["id"]!.GetValue<string>();

        await ProblemAssert.IsProblemAsync(await admin.PostAsync($"/api/users/{me}/disable", null), 409);
        await ProblemAssert.IsProblemAsync(await admin.PutAsJsonAsync($"/api/users/{me}/role", new { role = Roles.Analyst }), 409);
        await ProblemAssert.HasFieldErrorAsync(await admin.PutAsJsonAsync($"/api/users/{me}/role", new { role = "owner" }), "role");
        Assert.Equal(Roles.Administrator, (await TestApp.ReadArrayAsync(await admin.GetAsync("/api/users"))).Single()!["role"]!.GetValue<string>());

        // With a second administrator, the first can be made an analyst; nobody disables their own account.
        var (other, otherId) = await PersonAsync(admin, "second@test.example", Roles.Administrator);
        await ProblemAssert.IsProblemAsync(await other.PostAsync($"/api/users/{otherId}/disable", null), 409);
        (await other.PutAsJsonAsync($"/api/users/{me}/role", new { role = Roles.Analyst })).EnsureSuccessStatusCode();
        await ProblemAssert.IsProblemAsync(await other.PutAsJsonAsync($"/api/users/{otherId}/role", new { role = Roles.Board }), 409);

        await ProblemAssert.IsProblemAsync(await other.PostAsync("/api/users/no-such-account/disable", null), 404);
        var analyst = await WorkspaceClient.SignedInAsync(_app, Roles.Analyst);
        await ProblemAssert.IsProblemAsync(await analyst.GetAsync("/api/users"), 403);
        await ProblemAssert.IsProblemAsync(await analyst.PostAsync($"/api/users/{otherId}/disable", null), 403);
    }

    [Fact]
    public async Task AnAdministratorAddsAndDisablesAnAccountFromThePagesTheWorkspaceLinksTo()
    {
        var admin = await WorkspaceClient.SignedInAsync(_app);
        var home = WorkspaceClient.Parse(await admin.GetStringAsync("/workspace"));
        var accountsPath = home.QuerySelectorAll("nav a").Single(a => a.TextContent == "Accounts").GetAttribute("href")!;

        // A bad account: the problems in words, linked to the fields; nothing stored.
        var before = _app.Count("users");
        var bad = await WorkspaceClient.SubmitAsync(admin, accountsPath, "main form", ("email", "not-an-address"), ("displayName", ""), ("password", "short"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problems = await WorkspaceClient.ParseAsync(bad);
        Assert.Equal(["#email", "#displayName", "#password"], problems.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")!).ToArray());
        Assert.Equal(before, _app.Count("users"));

        var added = await WorkspaceClient.SubmitAsync(admin, problems, "main form",
            ("email", "jo@test.example"), ("displayName", "Jo Evans"), ("role", Roles.Board), ("password", TestApp.Password));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var list = WorkspaceClient.Parse(await admin.GetStringAsync(added.Headers.Location!.OriginalString));
        Assert.StartsWith("The account is added.", OneGateTests.Text(list.QuerySelector("[role=status]")!), StringComparison.Ordinal);
        var taken = await WorkspaceClient.SubmitAsync(admin, list, "main form",
            ("email", "jo@test.example"), ("displayName", "Jo Again"), ("password", TestApp.Password));
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("already exists", OneGateTests.Text((await WorkspaceClient.ParseAsync(taken)).QuerySelector(".error-summary")!), StringComparison.Ordinal);

        var jo = WorkspaceClient.Anonymous(_app);
        (await jo.PostAsJsonAsync("/api/auth/sign-in", new { email = "jo@test.example", password = TestApp.Password })).EnsureSuccessStatusCode();
        var change = list.QuerySelectorAll("a").Single(a => OneGateTests.Text(a) == "Change Jo Evans's account").GetAttribute("href")!;
        var page = WorkspaceClient.Parse(await admin.GetStringAsync(change));
        var disabled = await WorkspaceClient.SubmitAsync(admin, page, "form[action$='/status']");
        var after = WorkspaceClient.Parse(await admin.GetStringAsync(disabled.Headers.Location!.OriginalString));
        Assert.StartsWith("The account is disabled", OneGateTests.Text(after.QuerySelector("[role=status]")!), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await jo.GetAsync("/api/auth/me")).StatusCode);

        // Its role and password from the same page; a password too short is shown again with the problem.
        var role = await WorkspaceClient.SubmitAsync(admin, after, "form[action$='/role']", ("role", Roles.Analyst));
        after = WorkspaceClient.Parse(await admin.GetStringAsync(role.Headers.Location!.OriginalString));
        Assert.StartsWith("The role is changed.", OneGateTests.Text(after.QuerySelector("[role=status]")!), StringComparison.Ordinal);
        Assert.Contains("Analyst", OneGateTests.Text(after.QuerySelector("dl.facts")!), StringComparison.Ordinal);
        var shortPassword = await WorkspaceClient.SubmitAsync(admin, after, "form[action$='/password']", ("password", "short"));
        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
        Assert.Equal("#password", (await WorkspaceClient.ParseAsync(shortPassword)).QuerySelector(".error-summary a")!.GetAttribute("href"));
        var password = await WorkspaceClient.SubmitAsync(admin, after, "form[action$='/password']", ("password", NewPassword));
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);

        // The sign-in page says so, in words, to whoever has the password.
        var signIn = await WorkspaceClient.PostFormAsync(WorkspaceClient.Anonymous(_app), "/sign-in", "/sign-in", ("email", "jo@test.example"), ("password", NewPassword));
        Assert.Contains("This account has been disabled", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Analysts and the board have no accounts page and no link to it.
        var analyst = await WorkspaceClient.SignedInAsync(_app, Roles.Analyst);
        Assert.DoesNotContain(WorkspaceClient.Parse(await analyst.GetStringAsync("/workspace")).QuerySelectorAll("nav a"), a => a.TextContent == "Accounts");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync(accountsPath)).StatusCode);
    }
}
