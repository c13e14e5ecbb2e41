using System.Globalization;

namespace CultureDiagnostics.Api.Tests.Support;

/// <summary>
/// A browser's cookies for one site, as RFC 6265 has browsers keep them. .NET's CookieContainer refuses a cookie whose
/// path is not above the page that set it, which sign-in by OpenID Connect does (its correlation cookie, set when the
/// person leaves for the provider, is for the callback's path only); browsers accept it, and so does this.
/// </summary>
/// <param name="clock">The browser's clock: the platform's, which the tests set.</param>
public sealed class BrowserCookies(TimeProvider clock) : DelegatingHandler
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await base.SendAsync(request, cancellationToken);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var parts = header.Split(';', StringSplitOptions.TrimEntries);
            var (name, value) = (parts[0][..parts[0].IndexOf('=', StringComparison.Ordinal)], parts[0][(parts[0].IndexOf('=', StringComparison.Ordinal) + 1)..]);
            var expired = parts.Skip(1).Any(a =>
                (a.StartsWith("expires=", StringComparison.OrdinalIgnoreCase)
                    && DateTimeOffset.TryParse(a[8..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires) && expires < clock.GetUtcNow())
                || (a.StartsWith("max-age=", StringComparison.OrdinalIgnoreCase) && int.TryParse(a[8..], CultureInfo.InvariantCulture, out var age) && age <= 0));
            if (expired)
            {
                _cookies.Remove(name);
            }
            else
            {
                _cookies[name] = value;
            }
        }

        return response;
    }
}
