using System.Net;
using AngleSharp.Html.Parser;

namespace CultureDiagnostics.Api.Tests.Support;

/// <summary>Reaches pages the way people do: by following every link the pages show.</summary>
public static class PageCrawler
{
    /// <summary>
    /// Every HTML page reachable by links from the start pages (same site, GET, never signing out, never the API),
    /// by address; other responses are kept as "". Addresses <paramref name="skip"/> accepts are not visited. Each
    /// address visited is reported to <paramref name="visited"/> with the page whose link led there and its status.
    /// </summary>
    public static async Task<Dictionary<string, string>> CrawlAsync(
        HttpClient client, IEnumerable<string> start, Func<string, bool>? skip = null, Action<string, string, HttpStatusCode>? visited = null, int limit = 400)
    {
        var parser = new HtmlParser();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var from = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>(start);
        while (queue.Count > 0 && seen.Count < limit)
        {
            var url = queue.Dequeue();
            if (seen.ContainsKey(url) || skip?.Invoke(url) == true)
            {
                continue;
            }

            using var response = await client.GetAsync(url);
            visited?.Invoke(url, from.GetValueOrDefault(url, "(start)"), response.StatusCode);
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
                && response.Headers.Location is { } location && !location.IsAbsoluteUri)
            {
                seen[url] = "";
                from.TryAdd(location.OriginalString, url);
                queue.Enqueue(location.OriginalString);
                continue;
            }

            var type = response.Content.Headers.ContentType?.MediaType;
            if (type != "text/html")
            {
                seen[url] = "";
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            seen[url] = html;
            var document = parser.ParseDocument(html);
            foreach (var anchor in document.QuerySelectorAll("a[href]"))
            {
                var href = anchor.GetAttribute("href")!;
                if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.StartsWith("/api/", StringComparison.Ordinal))
                {
                    var path = href.Split('#')[0];
                    if (path.Length > 0 && !seen.ContainsKey(path))
                    {
                        from.TryAdd(path, url);
                        queue.Enqueue(path);
                    }
                }
            }
        }

        return seen;
    }
}
