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

    public static async Task<HttpClient> SignedInAsync(TestApp app, string role = Roles.Administrator, string? unitCode = null)
    {
        var email = await app.CreateAccountAsync(role, unitCode);
        var client = Anonymous(app);
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password = TestApp.Password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response) => Parse(await response.Content.ReadAsStringAsync());

    /// <summary>Where the page's one link with this text (spaces collapsed, as read) leads: what a person clicks.</summary>
    public static string LinkTo(IDocument page, string text) =>
        page.QuerySelectorAll("a").Single(a => string.Join(' ', a.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) == text).GetAttribute("href")!;

    /// <summary>The anti-forgery token of the first form on a page (the cookie half stays in the client).</summary>
    public static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var document = Parse(await client.GetStringAsync(page));
        var token = document.QuerySelector($"form input[type=hidden][name={TokenField}]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), $"No anti-forgery token on {page}");
        return token!;
    }

    /// <summary>
    /// Submits a form as a browser does: every field the page shows in the form, with its value as shown (a textarea's
    /// text, a select's selected option, a checked box), changed where <paramref name="fill"/> says, to the form's action.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string page, string formSelector, params (string Name, string Value)[] fill) =>
        await SubmitAsync(client, Parse(await client.GetStringAsync(page)), formSelector, fill);

    /// <summary>As <see cref="SubmitAsync(HttpClient, string, string, (string, string)[])"/>, from a page already open (perhaps for some time).</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, IDocument document, string formSelector, params (string Name, string Value)[] fill)
    {
        var page = document.Url;
        var form = document.QuerySelector(formSelector);
        Assert.True(form is not null, $"No form {formSelector} on {page}");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var field in form!.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = field.GetAttribute("name")!;
            var type = field.GetAttribute("type");
            if (type is "submit" or "button" || (type is "checkbox" or "radio" && !field.HasAttribute("checked")))
            {
                continue;
            }

            var value = field.LocalName switch
            {
                "textarea" => field.TextContent,
                "select" => (field.QuerySelector("option[selected]") ?? field.QuerySelector("option"))?.GetAttribute("value") ?? "",
                _ => field.GetAttribute("value") ?? "",
            };
            values.Add(new(name, value));
        }

        foreach (var (name, value) in fill)
        {
            var at = values.FindIndex(v => v.Key == name);
            Assert.True(at >= 0, $"The form {formSelector} on {page} has no field {name}");
            values[at] = new(name, value);
        }

        var action = form.GetAttribute("action");
        Assert.False(string.IsNullOrEmpty(action), $"The form {formSelector} on {page} has no action");
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, params (string Name, string Value)[] fields)
    {
        var token = await TokenAsync(client, page);
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new(TokenField, token));
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }
}
