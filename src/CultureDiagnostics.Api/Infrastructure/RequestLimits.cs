using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>
/// The "CultureDiagnostics:RateLimits" section: requests per minute from one client address. Each is a
/// token bucket holding a minute's worth, so a burst of that size passes at once and then the rate holds.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = PlatformOptions.Section + ":RateLimits";

    /// <summary>
    /// POST /api/responses. A whole hospital may reach the platform through one NAT address, and an
    /// all-staff e-mail at 9:00 brings thousands within minutes: 1,200 at once and then 20 a second
    /// (72,000 an hour) from one address, while a flood from one machine is held to 20 a second.
    /// </summary>
    public int SubmissionsPerMinute { get; set; } = 1200;

    /// <summary>POST /s/{code}: without JavaScript every screen of the survey is a post, up to about 50 per response.</summary>
    public int SurveyPagePostsPerMinute { get; set; } = 6000;

    /// <summary>POST /api/auth/sign-in and the sign-in page, on top of the per-account lockout: slows password guessing across accounts.</summary>
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

    /// <summary>
    /// The partition of a client: its IPv4 address, or its IPv6 /64 network (one household or device can
    /// hold a whole /64). Behind a reverse proxy every client has the proxy's address: configure forwarded
    /// headers there, or raise the limits. An in-memory test server has no address: one shared partition.
    /// </summary>
    public static string ClientPartition(IPAddress? address)
    {
        if (address is null)
        {
            return "none";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, string policy, int perMinute)
    {
        perMinute = Math.Max(1, perMinute);
        // Refill every second (or, below 60 a minute, one token at a time) so the rate is even within the minute.
        var (period, tokens) = perMinute >= 60 ? (TimeSpan.FromSeconds(1), perMinute / 60) : (TimeSpan.FromMinutes(1) / perMinute, 1);
        return RateLimitPartition.GetTokenBucketLimiter(
            policy + "|" + ClientPartition(context.Connection.RemoteIpAddress),
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perMinute, TokensPerPeriod = tokens, ReplenishmentPeriod = period, QueueLimit = 0, AutoReplenishment = true,
            });
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds))
            : 60;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (context.GetEndpoint()?.Metadata.GetMetadata<TooManyRequestsPage>() is { } page)
        {
            // A form posted by a person (the no-script survey, sign-in): a page in their words, not JSON.
            await page.Render(context, seconds).ExecuteAsync(context);
            return;
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"Too many requests from this network; try again in {seconds} seconds. Answers saved on the device are not lost.",
            },
        });
    }
}

/// <summary>
/// Endpoint metadata for pages whose forms are rate limited: the page a person sees when refused, given
/// the seconds until they may try again (with status 429). Endpoints without it get problem details.
/// </summary>
public sealed record TooManyRequestsPage(Func<HttpContext, int, IResult> Render);
