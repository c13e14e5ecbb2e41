using CultureDiagnostics.Api.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CultureDiagnostics.Api.Tests.Edges;

/// <summary>Requests as a browser or an API client sends them, with the headers a test needs.</summary>
public static class Requests
{
    public const string Html = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    public const string Json = "application/json";

    /// <summary>
    /// A client of the app that follows no redirect, with or without a cookie jar. On real Kestrel the
    /// server's address is known once it runs, so it is started first.
    /// </summary>
    public static HttpClient Client(TestApp app, bool cookies = true)
    {
        app.StartServer();
        return app.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = app.ClientOptions.BaseAddress, AllowAutoRedirect = false, HandleCookies = cookies,
        });
    }

    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpMethod method, string url, string? accept = null, HttpContent? content = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request);
    }
}
