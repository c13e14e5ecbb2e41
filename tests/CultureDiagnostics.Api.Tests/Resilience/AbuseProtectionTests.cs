using System.Net;
using System.Net.Http.Json;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Api.Tests.Support;
using Dapper;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CultureDiagnostics.Api.Tests.Resilience;

public sealed class AbuseProtectionTests
{
    private static TestApp AppWithLimits(int submissions = 1000, int pagePosts = 1000, int signIns = 1000) => new(settings: new Dictionary<string, string?>
    {
        ["CultureDiagnostics:RateLimits:SubmissionsPerMinute"] = submissions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CultureDiagnostics:RateLimits:SurveyPagePostsPerMinute"] = pagePosts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CultureDiagnostics:RateLimits:SignInsPerMinute"] = signIns.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, 429);
        Assert.Contains("try again", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
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
    public async Task SurveyPagePostsBeyondTheLimitAreRefused()
    {
        using var app = AppWithLimits(pagePosts: 2);
        var campaign = await Scenario.OpenCampaignAsync(app);
        var client = app.CreateClient();
        HttpResponseMessage Post() => client.PostAsync("/s/" + campaign.Code, new FormUrlEncodedContent(new Dictionary<string, string> { ["go"] = "start" })).Result;

        Assert.Equal(HttpStatusCode.OK, Post().StatusCode);
        Assert.Equal(HttpStatusCode.OK, Post().StatusCode);
        await AssertTooManyAsync(Post());
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
    public void TheServerCapsEveryRequestBodyAtOneMegabyte()
    {
        using var app = new TestApp();
        var kestrel = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.Equal(1024 * 1024, kestrel.Limits.MaxRequestBodySize);
    }

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
            Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, Assert.Single(csp));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }
    }

    [Fact]
    public async Task SurveyPagesKeepTheirOwnHeaders()
    {
        using var app = new TestApp();
        var campaign = await Scenario.OpenCampaignAsync(app);
        var page = await app.CreateClient().GetAsync("/s/" + campaign.Code);

        Assert.Equal(Survey.SecurityHeaders.ContentSecurityPolicy, Assert.Single(page.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Equal("DENY", Assert.Single(page.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task AnUnexpectedFailureIsAProblemWithoutStackTraceOrSql()
    {
        using var app = new TestApp();
        var campaign = await Scenario.OpenCampaignAsync(app);
        using (var db = app.OpenDatabase())
        {
            db.Execute("DROP TABLE submission_keys");
        }

        var response = await app.CreateClient().PostAsJsonAsync("/api/responses", Scenario.ValidSubmission(app, campaign.Code));
        var body = await response.Content.ReadAsStringAsync();

        await ProblemAssert.IsProblemAsync(response, 500);
        foreach (var leak in new[] { "submission_keys", "SQLite", "INSERT", "Exception", " at ", ".cs:line", "CultureDiagnostics." })
        {
            Assert.DoesNotContain(leak, body, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(0, app.Count("responses"));
    }
}
