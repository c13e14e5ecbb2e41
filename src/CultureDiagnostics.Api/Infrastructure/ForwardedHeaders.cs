using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>
/// The "CultureDiagnostics:ForwardedHeaders" section: the proxies (for example the TLS load balancer in
/// front of the platform) whose X-Forwarded-For and X-Forwarded-Proto headers are believed. Nothing is
/// trusted unless listed: anyone can send these headers, and a believed one decides a client's rate-limit
/// bucket and whether cookies are marked Secure.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = PlatformOptions.Section + ":ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. "10.0.0.5" or "2001:db8::5".</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. "10.0.0.0/24".</summary>
    public string[] KnownNetworks { get; set; } = [];
}

public static class ForwardedHeadersSetup
{
    /// <summary>
    /// Reads the trusted proxies now, so that a mistyped address stops startup naming the setting, and
    /// configures UseForwardedHeaders to believe only them (the client's address and the scheme).
    /// </summary>
    public static WebApplicationBuilder AddTrustedProxies(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(ForwardedHeadersSettings.Section).Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
        var proxies = settings.KnownProxies.Select(p => IPAddress.TryParse(p.Trim(), out var address)
            ? address
            : throw new InvalidOperationException($"{ForwardedHeadersSettings.Section}:KnownProxies: '{p}' is not an IP address (e.g. 10.0.0.5).")).ToList();
        var networks = settings.KnownNetworks.Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var network)
            ? network
            : throw new InvalidOperationException($"{ForwardedHeadersSettings.Section}:KnownNetworks: '{n}' is not a network in CIDR notation (e.g. 10.0.0.0/24).")).ToList();

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // The defaults trust the loopback addresses, and empty lists would make the middleware trust everyone.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            if (proxies.Count == 0 && networks.Count == 0)
            {
                options.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }

            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Walk back through every trusted hop (a CDN in front of the load balancer); the first untrusted one stops it.
            options.ForwardLimit = null;
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        return builder;
    }
}
