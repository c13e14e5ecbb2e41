using System.Net;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Workspace;

public sealed class SignInPageTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<string> AccountAsync(string role = Roles.Analyst)
    {
        var email = $"{role}-{Guid.NewGuid():N}@test.example";
        await _app.Services.GetRequiredService<AccountStore>().CreateAsync(email, "Someone", TestApp.Password, role);
        return email;
    }

    [Fact]
    public async Task PagesSendAnonymousVisitorsToSignInAndTheApiAnswers401()
    {
        var client = WorkspaceClient.Anonymous(_app);
        var page = await client.GetAsync("/workspace/synthesis?campaign=x");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/sign-in?returnUrl=%2Fworkspace%2Fsynthesis%3Fcampaign%3Dx", page.Headers.Location!.OriginalString);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/synthesis"), 401);
    }

    [Fact]
    public async Task SigningInWithTheFormGoesBackToTheLocalPageAsked()
    {
        var email = await AccountAsync();
        var client = WorkspaceClient.Anonymous(_app);
        var response = await WorkspaceClient.PostFormAsync(client, "/sign-in", "/sign-in", ("email", email), ("password", TestApp.Password), ("returnUrl", "/workspace/findings"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/workspace/findings", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/workspace/findings")).StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task AReturnUrlToAnotherSiteIsIgnored(string returnUrl)
    {
        var email = await AccountAsync();
        var client = WorkspaceClient.Anonymous(_app);
        var response = await WorkspaceClient.PostFormAsync(client, "/sign-in", "/sign-in", ("email", email), ("password", TestApp.Password), ("returnUrl", returnUrl));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/workspace", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ABoardMemberLandsOnTheDashboard()
    {
        var email = await AccountAsync(Roles.Board);
        var client = WorkspaceClient.Anonymous(_app);
        var response = await WorkspaceClient.PostFormAsync(client, "/sign-in", "/sign-in", ("email", email), ("password", TestApp.Password));
        Assert.Equal("/dashboard/latest", response.Headers.Location!.OriginalString);
        var workspace = await client.GetAsync("/workspace");
        Assert.Equal(HttpStatusCode.Forbidden, workspace.StatusCode);
        Assert.Contains("Not allowed", await workspace.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPasswordsShowAMessageThenTheLockout()
    {
        var email = await AccountAsync();
        var client = WorkspaceClient.Anonymous(_app);
        for (var i = 0; i < AccountStore.MaxFailedAttempts - 1; i++)
        {
            var wrong = await WorkspaceClient.PostFormAsync(client, "/sign-in", "/sign-in", ("email", email), ("password", "wrong-password-here"));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("The e-mail address or the password is wrong.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var fifth = await WorkspaceClient.PostFormAsync(client, "/sign-in", "/sign-in", ("email", email), ("password", "wrong-password-here"));
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        var locked = await WorkspaceClient.PostFormAsync(client, "/sign-in", "/sign-in", ("email", email), ("password", TestApp.Password));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("This account is locked after too many failed attempts", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFormPostWithoutTheAntiforgeryTokenIsRejected()
    {
        var email = await AccountAsync();
        var anonymous = WorkspaceClient.Anonymous(_app);
        var signIn = await anonymous.PostAsync("/sign-in", new FormUrlEncodedContent([new("email", email), new("password", TestApp.Password)]));
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.False(signIn.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("cd_session=", StringComparison.Ordinal)));

        var client = await WorkspaceClient.SignedInAsync(_app);
        var finding = await client.PostAsync("/workspace/findings", new FormUrlEncodedContent(
            [new("source", "board-interviews"), new("element", "teamwork"), new("kind", "strength"), new("evidence", "x"), new("date", "2026-10-01")]));
        Assert.Equal(HttpStatusCode.BadRequest, finding.StatusCode);
        Assert.Equal(0, _app.Count("findings"));
        var signOut = await client.PostAsync("/sign-out", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/workspace")).StatusCode);
    }

    [Fact]
    public async Task SigningOutWithTheFormEndsTheSession()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        var response = await WorkspaceClient.PostFormAsync(client, "/workspace", "/sign-out");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in", (await client.GetAsync("/workspace")).Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PagesCarryAStrictContentSecurityPolicyAndNoInlineStyleOrScript()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        var response = await client.GetAsync("/workspace");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
    }
}
