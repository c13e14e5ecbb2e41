using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;
using Dapper;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CultureDiagnostics.Api.Tests.Resilience;

public sealed class AbuseProtectionTests
{
    private static TestApp AppWithLimits(int submissions = 1000, int pagePosts = 1000, int signIns = 1000) => new(settings: new Dictionary<string, string?>
    {
        ["CultureDiagnostics:RateLimits:SubmissionsPerMinute"] = submissions.ToString(CultureInfo.InvariantCulture),
        ["CultureDiagnostics:RateLimits:SurveyPagePostsPerMinute"] = pagePosts.ToString(CultureInfo.InvariantCulture),
        ["CultureDiagnostics:RateLimits:SignInsPerMinute"] = signIns.ToString(CultureInfo.InvariantCulture),
    });

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, 429);
        Assert.Contains("try again", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, CultureInfo.InvariantCulture), 1, 60);
    }

    // A person's form post: a page in words, still 429 with Retry-After, never JSON.
    private static async Task AssertTooManyPageAsync(HttpResponseMessage response, string words)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(words, html, StringComparison.Ordinal);
        Assert.Contains($"Wait {retryAfter} seconds", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmissionsBeyondTheLimitAreRefusedWithRetryAfterAndNotStored()
    {
        using var app = AppWithLimits(submissions: 3);
        var campaign = await Scenario.OpenCampaignAsync(app);
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/responses", Scenario.ValidSubmission(app, campaign.Code))).StatusCode);
        }

        await AssertTooManyAsync(await client.PostAsJsonAsync("/api/responses", Scenario.ValidSubmission(app, campaign.Code)));
        Assert.Equal(3, app.Count("responses"));
    }

    [Fact]
    public async Task SurveyPagePostsBeyondTheLimitAreRefusedWithAPageSayingWhenToTryAgain()
    {
        using var app = AppWithLimits(pagePosts: 2);
        var campaign = await Scenario.OpenCampaignAsync(app);
        var client = app.CreateClient();
        Task<HttpResponseMessage> PostAsync() => client.PostAsync("/s/" + campaign.Code, new FormUrlEncodedContent(new Dictionary<string, string> { ["go"] = "start" }));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync()).StatusCode);
        await AssertTooManyPageAsync(await PostAsync(), "your answers so far are kept");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/s/" + campaign.Code)).StatusCode);
    }

    [Fact]
    public async Task SignInsBeyondTheLimitAreRefusedEvenWithTheRightPassword()
    {
        using var app = AppWithLimits(signIns: 2);
        var client = app.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/auth/sign-in", new { email = "nobody@test.example", password = "wrong-password-" + i }), 401);
        }

        await AssertTooManyAsync(await client.PostAsJsonAsync("/api/auth/sign-in", new { email = "nobody@test.example", password = "another-guess" }));
    }

    [Fact]
    public async Task TheSignInPageSharesTheSignInLimitWithTheApiAndSaysWhenToTryAgain()
    {
        using var app = AppWithLimits(signIns: 2);
        var client = WorkspaceClient.Anonymous(app);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/auth/sign-in", new { email = "nobody@test.example", password = "guess-one" }), 401);
        var page = await WorkspaceClient.PostFormAsync(client, "/sign-in", "/sign-in", ("email", "nobody@test.example"), ("password", "guess-two"));
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);

        await AssertTooManyPageAsync(
            await WorkspaceClient.PostFormAsync(client, "/sign-in", "/sign-in", ("email", TestApp.AdminEmail), ("password", TestApp.Password)),
            "Too many sign-in attempts from this network.");
    }

    [Fact]
    public void TheShippedLimitsAreTheDocumentedDefaults()
    {
        using var app = new TestApp(shippedRateLimits: true);
        var bound = app.Services.GetRequiredService<IConfiguration>().GetSection(RateLimitOptions.Section).Get<RateLimitOptions>()!;
        var defaults = new RateLimitOptions();

        Assert.Equal((1200, 6000, 20), (bound.SubmissionsPerMinute, bound.SurveyPagePostsPerMinute, bound.SignInsPerMinute));
        Assert.Equal((defaults.SubmissionsPerMinute, defaults.SurveyPagePostsPerMinute, defaults.SignInsPerMinute),
            (bound.SubmissionsPerMinute, bound.SurveyPagePostsPerMinute, bound.SignInsPerMinute));
    }

    [Fact]
    public async Task WithTheShippedLimitsAHospitalBehindOneAddressIsNotHeldBack()
    {
        using var app = new TestApp(shippedRateLimits: true);
        var campaign = await Scenario.OpenCampaignAsync(app);
        var bodies = Enumerable.Range(0, 600).Select(_ => Scenario.ValidSubmission(app, campaign.Code)).ToList();

        var statuses = await SendInParallelAsync(bodies.Count, 8, i => app.CreateClient().PostAsJsonAsync("/api/responses", bodies[i]));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(600, app.Count("responses"));
    }

    [Fact]
    public async Task WithTheShippedLimitsAFloodOfSubmissionsFromOneAddressIsHeldToTheRate()
    {
        using var app = new TestApp(shippedRateLimits: true);
        var client = app.CreateClient();
        var clock = Stopwatch.StartNew();

        // Bodies that are never valid: each costs the server nothing to refuse, so the flood is as fast as it can be.
        var statuses = await SendInParallelAsync(4000, 16, _ =>
            client.PostAsync("/api/responses", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")));
        var seconds = clock.Elapsed.TotalSeconds;

        var passed = statuses.Count(s => s != HttpStatusCode.TooManyRequests);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.BadRequest or HttpStatusCode.TooManyRequests, $"Unexpected {s}"));
        // A minute's worth at once, then 20 a second while the flood lasts.
        Assert.InRange(passed, 1200, 1200 + (20 * ((int)Math.Ceiling(seconds) + 1)));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task WithTheShippedLimitsPasswordGuessingFromOneAddressIsStopped()
    {
        using var app = new TestApp(shippedRateLimits: true);
        var client = app.CreateClient(); // Starts the platform once, before the parallel sends.
        var clock = Stopwatch.StartNew();
        var statuses = await SendInParallelAsync(40, 4, i =>
            client.PostAsJsonAsync("/api/auth/sign-in", new { email = $"guess-{i}@test.example", password = "guess-" + i }));
        var seconds = clock.Elapsed.TotalSeconds;

        var passed = statuses.Count(s => s != HttpStatusCode.TooManyRequests);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"Unexpected {s}"));
        // 20 at once, then one every 3 seconds.
        Assert.InRange(passed, 20, 20 + (int)Math.Ceiling(seconds / 3) + 1);
        Assert.True(passed < 40, $"All 40 guesses got through in {seconds:0.0} s");
    }

    [Fact]
    public void TheServerCapsEveryRequestBodyAtOneMegabyte()
    {
        using var app = new TestApp();
        var kestrel = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.Equal(1024 * 1024, kestrel.Limits.MaxRequestBodySize);
    }

    [Theory]
    [InlineData("192.0.2.17", "192.0.2.17")]
    [InlineData("::ffff:192.0.2.17", "192.0.2.17")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void ClientsArePartitionedByAddressAndIpv6ByNetwork(string address, string partition) =>
        Assert.Equal(partition, RequestLimits.ClientPartition(IPAddress.Parse(address)));

    [Fact]
    public async Task EveryResponseCarriesTheSecurityHeaders()
    {
        using var app = new TestApp();
        var campaign = await Scenario.OpenCampaignAsync(app);
        var client = app.CreateClient();
        var responses = new[]
        {
            await client.GetAsync("/openapi/v1.json"),
            await client.GetAsync("/api/units"),
            await client.GetAsync("/api/survey/no-such-code"),
            await client.PostAsync("/api/responses", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")),
            await client.GetAsync("/no/such/path"),
            await campaign.Admin.GetAsync("/api/campaigns"),
        };

        foreach (var response in responses)
        {
            var what = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri} ({(int)response.StatusCode})";
            Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), "No CSP on " + what);
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Assert.Single(csp));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.Equal(SecurityHeaders.PermissionsPolicy, Assert.Single(response.Headers.GetValues("Permissions-Policy")));
        }
    }

    [Fact]
    public async Task PagesAddNoStoreAndTheWorkspaceForbidsScriptAltogether()
    {
        using var app = new TestApp();
        var campaign = await Scenario.OpenCampaignAsync(app);
        var survey = await app.CreateClient().GetAsync("/s/" + campaign.Code);
        var workspace = await campaign.Admin.GetAsync("/workspace");

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Assert.Single(survey.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal(SecurityHeaders.NoScriptContentSecurityPolicy, Assert.Single(workspace.Headers.GetValues("Content-Security-Policy")));
        foreach (var page in new[] { survey, workspace })
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.True(page.Headers.CacheControl?.NoStore, "Pages must not be cached");
            Assert.Equal("DENY", Assert.Single(page.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));
        }

        Assert.Equal("same-origin", Assert.Single(workspace.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("no-referrer", Assert.Single(survey.Headers.GetValues("Referrer-Policy")));
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task AFailingDatabaseGivesAProblemOrAPageWithoutStackTraceOrSql(string environment)
    {
        using var app = new TestApp(settings: new Dictionary<string, string?> { ["environment"] = environment });
        var campaign = await Scenario.OpenCampaignAsync(app);
        using (var db = app.OpenDatabase())
        {
            // Provoke failures inside the platform: a table the submission writes to and one every campaign read needs are gone.
            db.Execute("ALTER TABLE submission_keys RENAME TO submission_keys_gone; ALTER TABLE campaign_instruments RENAME TO campaign_instruments_gone;");
        }

        var apiFailures = new[]
        {
            await app.CreateClient().PostAsJsonAsync("/api/responses", Scenario.ValidSubmission(app, campaign.Code)),
            await campaign.Admin.GetAsync("/api/campaigns"),
        };
        var browser = app.CreateClient();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var pageFailures = new[]
        {
            await SendAsAsync(campaign.Admin, HttpMethod.Get, "/workspace/campaigns", "text/html"),
            await browser.GetAsync("/s/" + campaign.Code),
        };

        foreach (var response in apiFailures)
        {
            await AssertNothingLeaksAsync(response);
            var problem = await ProblemAssert.IsProblemAsync(response, 500);
            Assert.Equal(ErrorResponses.UnexpectedDetail, problem["detail"]!.GetValue<string>());
            Assert.NotNull(problem["traceId"]);
        }

        foreach (var response in pageFailures)
        {
            // A person gets the same nothing, in words, with a reference to quote.
            var body = await AssertNothingLeaksAsync(response);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Sorry, there is a problem with the platform", body, StringComparison.Ordinal);
            Assert.Contains("quote this reference", body, StringComparison.Ordinal);
        }

        Assert.Equal(0, app.Count("responses"));
    }

    private static async Task<string> AssertNothingLeaksAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        foreach (var leak in new[] { "submission_keys", "campaign_instruments", "SQLite", "SELECT", "INSERT", "Exception", " at ", ".cs:line", "CultureDiagnostics.", "stack" })
        {
            Assert.DoesNotContain(leak, body, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        return body;
    }

    private static async Task<HttpResponseMessage> SendAsAsync(HttpClient client, HttpMethod method, string url, string accept)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.ParseAdd(accept);
        return await client.SendAsync(request);
    }

    private static async Task<List<HttpStatusCode>> SendInParallelAsync(int count, int parallel, Func<int, Task<HttpResponseMessage>> send)
    {
        var statuses = new HttpStatusCode[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) =>
        {
            using var response = await send(i);
            statuses[i] = response.StatusCode;
        });
        return [.. statuses];
    }
}
