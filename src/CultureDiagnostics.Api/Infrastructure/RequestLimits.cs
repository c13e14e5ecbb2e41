using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
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
/// Protection against abuse: per-address rate limits on the endpoints anyone can call (answering 429 with
/// Retry-After: problem details, or a page in words for a person) and a cap on request bodies, 1 MiB
/// unless an upload endpoint promises more (see <see cref="WithUploadLimits"/>); endpoints that read a
/// body also set their own, smaller limit.
/// </summary>
public static partial class RequestLimits
{
    public const string Submissions = "submissions";
    public const string SurveyPagePosts = "survey-page-posts";
    public const string SignIn = "sign-in";

    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>The largest CSV file an import takes, as its page says ("at most 2 MB").</summary>
    public const long MaxCsvUploadBytes = 2 * 1024 * 1024;

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
    /// The rate limits, then the size of a form, checked before anything reads it: the anti-forgery check
    /// reads a form first and would report one over the limit as a missing token (400) rather than 413.
    /// </summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        app.Use((context, next) =>
        {
            var request = context.Request;
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                ?? context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            if (request.HasFormContentType && request.ContentLength > limit)
            {
                // Answered like the server's own refusal: a page in words or problem details (see ErrorPages).
                throw new BadHttpRequestException($"The form is larger than the {limit:N0} bytes this address takes.", StatusCodes.Status413PayloadTooLarge);
            }

            return next(context);
        });
        return app;
    }

    /// <summary>
    /// A convention for a group of endpoints: each upload endpoint may receive the file it promises, and
    /// the server's 1 MiB cap stays on every other. An upload endpoint says so itself: a form with a
    /// multipart limit (WithFormOptions) or a body of text/csv (Accepts), which takes <see cref="MaxCsvUploadBytes"/>.
    /// </summary>
    public static TBuilder WithUploadLimits<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        // Finally: after each endpoint's own metadata (its form options, what it accepts) is in place.
        builder.Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<IRequestSizeLimitMetadata>().Any() || PromisedUpload(endpoint.Metadata) is not { } bytes)
            {
                return;
            }

            endpoint.Metadata.Add(new UploadLimit(bytes));
            endpoint.Metadata.Add(new Microsoft.AspNetCore.Mvc.RequestFormLimitsAttribute { MultipartBodyLengthLimit = bytes + UploadLimit.Envelope });
        });
        return builder;
    }

    private static long? PromisedUpload(IList<object> metadata) =>
        metadata.OfType<IFormOptionsMetadata>().Select(f => f.MultipartBodyLengthLimit).LastOrDefault(limit => limit is not null)
        ?? (metadata.OfType<IAcceptsMetadata>().Any(a => a.ContentTypes.Contains("text/csv", StringComparer.OrdinalIgnoreCase)) ? MaxCsvUploadBytes : null);

    /// <summary>
    /// The partition of a client: its IPv4 address, or its IPv6 /64 network (one household or device can
    /// hold a whole /64). Behind a reverse proxy every client would have the proxy's address: list the proxy
    /// in CultureDiagnostics:ForwardedHeaders so each client's own address is used. An in-memory test
    /// server has no address: one shared partition.
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
        var endpoint = context.GetEndpoint();
        // The policy and the route's template only: never the client's address or the path (it may hold an access code).
        var policy = endpoint?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestLimits).FullName!);
        Log.Refused(logger, policy, route, seconds);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (endpoint?.Metadata.GetMetadata<TooManyRequestsPage>() is { } page)
        {
            // A form posted by a person (the no-script survey, sign-in): a page in their words, not JSON.
            await page.Render(context, seconds).ExecuteAsync(context);
            return;
        }

        if (ErrorPages.WantsPage(context.Request))
        {
            await ErrorPages.Page(context, StatusCodes.Status429TooManyRequests, retryAfterSeconds: seconds).ExecuteAsync(context);
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

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Refused by the {Policy} rate limit on {Route}; the client may try again in {Seconds} s.")]
        public static partial void Refused(ILogger logger, string? policy, string? route, int seconds);
    }
}

/// <summary>
/// Endpoint metadata of an upload endpoint (see <see cref="RequestLimits.WithUploadLimits"/>): the file size
/// it promises, and so the request size the server lets through.
/// </summary>
public sealed record UploadLimit(long Bytes) : IRequestSizeLimitMetadata
{
    /// <summary>Room for the rest of a form around the file: boundaries, part headers, the anti-forgery token.</summary>
    public const long Envelope = 64 * 1024;

    public long? MaxRequestBodySize => Bytes + Envelope;
}

/// <summary>
/// Endpoint metadata for pages whose forms are rate limited: the page a person sees when refused, given
/// the seconds until they may try again (with status 429). Endpoints without it get problem details.
/// </summary>
public sealed record TooManyRequestsPage(Func<HttpContext, int, IResult> Render);
