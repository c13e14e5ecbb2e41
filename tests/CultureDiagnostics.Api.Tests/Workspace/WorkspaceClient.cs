using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Workspace;

/// <summary>
/// Clients that do not follow redirects (so a redirect to /sign-in is seen), form posts with the anti-forgery
/// token, and pages read with an HTML parser.
/// </summary>
public static class WorkspaceClient
{
    public const string TokenField = "__RequestVerificationToken";

    /// <remarks>The address is the app's own: the in-memory server's, or the port of an app on a real server.</remarks>
    public static HttpClient Anonymous(TestApp app)
    {
        using var probe = app.CreateClient();
        return app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = probe.BaseAddress! });
    }

    public static async Task<HttpClient> SignedInAsync(TestApp app, string role = Roles.Administrator)
    {
        var email = $"{role}-{Guid.NewGuid():N}@test.example";
        await app.Services.GetRequiredService<AccountStore>().CreateAsync(email, role, TestApp.Password, role);
        var client = Anonymous(app);
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password = TestApp.Password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response) => Parse(await response.Content.ReadAsStringAsync());

    /// <summary>The anti-forgery token of the first form on a page (the cookie half stays in the client).</summary>
    public static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var document = Parse(await client.GetStringAsync(page));
        var token = document.QuerySelector($"form input[type=hidden][name={TokenField}]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), $"No anti-forgery token on {page}");
        return token!;
    }

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, params (string Name, string Value)[] fields)
    {
        var token = await TokenAsync(client, page);
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new(TokenField, token));
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }
}
