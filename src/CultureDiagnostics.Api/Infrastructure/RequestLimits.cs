using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>The "CultureDiagnostics:RateLimits" section: requests per minute from one client address.</summary>
public sealed class RateLimitOptions
{
    public const string Section = PlatformOptions.Section + ":RateLimits";

    /// <summary>POST /api/responses. 60 a minute lets a ward's shared tablet take a response every second.</summary>
    public int SubmissionsPerMinute { get; set; } = 60;

    /// <summary>POST /s/{code}: every page of the no-script survey is a post, so several per response.</summary>
    public int SurveyPagePostsPerMinute { get; set; } = 600;

    /// <summary>POST /api/auth/sign-in, on top of the per-account lockout: slows password guessing across accounts.</summary>
    public int SignInsPerMinute { get; set; } = 20;
}

/// <summary>
/// Protection against abuse: per-address rate limits on the endpoints anyone can call (answering 429
/// problem details with Retry-After) and a global cap on request bodies (endpoints that read a body set
/// their own, smaller or, for the structure CSV, larger limit).
/// </summary>
public static class RequestLimits
{
    public const string Submissions = "submissions";
    public const string SurveyPagePosts = "survey-page-posts";
    public const string SignIn = "sign-in";

    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(Submissions, context => PerAddress(context, Submissions, limits.SubmissionsPerMinute));
            options.AddPolicy(SurveyPagePosts, context => PerAddress(context, SurveyPagePosts, limits.SurveyPagePostsPerMinute));
            options.AddPolicy(SignIn, context => PerAddress(context, SignIn, limits.SignInsPerMinute));
            options.OnRejected = OnRejectedAsync;
        });
        return builder;
    }

    // Behind a reverse proxy every client shares the proxy's address: configure forwarded headers there,
    // or raise the limits. An in-memory test server has no address, so all its clients share one partition.
    private static RateLimitPartition<string> PerAddress(HttpContext context, string policy, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(
            policy + "|" + (context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString()),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds))
            : 60;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"Too many requests from this address; try again in {seconds} seconds. Answers saved on the device are not lost.",
            },
        });
    }
}
