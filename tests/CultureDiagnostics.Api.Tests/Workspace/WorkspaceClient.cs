using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Workspace;

/// <summary>Clients that do not follow redirects (so a redirect to /sign-in is seen), and form posts with the anti-forgery token.</summary>
public static partial class WorkspaceClient
{
    public static HttpClient Anonymous(TestApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpClient> SignedInAsync(TestApp app, string role = Roles.Administrator)
    {
        var email = $"{role}-{Guid.NewGuid():N}@test.example";
        await app.Services.GetRequiredService<AccountStore>().CreateAsync(email, role, TestApp.Password, role);
        var client = Anonymous(app);
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password = TestApp.Password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>The anti-forgery token of the first form on a page (the cookie half stays in the client).</summary>
    public static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var match = TokenField().Match(html);
        Assert.True(match.Success, $"No anti-forgery token on {page}");
        return match.Groups[1].Value;
    }

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, params (string Name, string Value)[] fields)
    {
        var token = await TokenAsync(client, page);
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token));
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
