using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace CultureDiagnostics.Api.Tests.Survey;

/// <summary>A respondent without JavaScript: reads the page's hidden fields and radios with an HTML parser, and posts the form.</summary>
public sealed class SurveyForm(HttpClient client, string code)
{
    private static readonly HtmlParser Parser = new();

    public string Html { get; private set; } = "";

    /// <summary>The page as a browser reads it (entities decoded, attributes by name).</summary>
    public IDocument Page { get; private set; } = Parser.ParseDocument("");

    public HttpResponseMessage Response { get; private set; } = null!;

    public List<HttpResponseMessage> Responses { get; } = [];

    public string State => Hidden("state");

    public string At => Hidden("at");

    public string Hidden(string name)
    {
        var field = Page.QuerySelectorAll("input[type=hidden]").FirstOrDefault(i => i.GetAttribute("name") == name);
        Assert.True(field is not null, $"No hidden field '{name}' in: {Html}");
        return field.GetAttribute("value") ?? "";
    }

    /// <summary>The radios on the page, by field name, in order.</summary>
    public IReadOnlyList<(string Name, string Value)> Radios =>
        Page.QuerySelectorAll("input[type=radio]").Select(r => (r.GetAttribute("name") ?? "", r.GetAttribute("value") ?? "")).ToList();

    public string? TextAreaName => Page.QuerySelector("textarea")?.GetAttribute("name");

    public async Task<SurveyForm> OpenAsync()
    {
        await SetAsync(await client.GetAsync($"/s/{code}"));
        return this;
    }

    public Task<SurveyForm> StartAsync() => PostFormAsync(new() { ["go"] = "start" });

    public Task<SurveyForm> PostAsync(string go, params (string Name, string Value)[] fields)
    {
        var form = new Dictionary<string, string> { ["go"] = go, ["state"] = State, ["at"] = At };
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        return PostFormAsync(form);
    }

    /// <summary>Posts the form; a redirect to the next step (a browser that keeps cookies) is followed with GET, as a browser does.</summary>
    public async Task<SurveyForm> PostFormAsync(Dictionary<string, string> form)
    {
        var response = await client.PostAsync($"/s/{code}", new FormUrlEncodedContent(form));
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found)
        {
            Posts.Add(response);
            response = await client.GetAsync(response.Headers.Location!.OriginalString);
        }

        await SetAsync(response);
        return this;
    }

    /// <summary>The answers to posts that were redirects to the next step's own page.</summary>
    public List<HttpResponseMessage> Posts { get; } = [];

    /// <summary>Goes to an address of the survey (a step the browser's Back button returns to, say).</summary>
    public async Task<SurveyForm> GetAsync(string address)
    {
        await SetAsync(await client.GetAsync(address));
        return this;
    }

    /// <summary>Answers every screen with <paramref name="choose"/> (or the first option) until the page to send.</summary>
    public async Task<SurveyForm> AnswerAllAsync(Func<string, IReadOnlyList<(string Name, string Value)>, string?>? choose = null)
    {
        for (var guard = 0; At != "review"; guard++)
        {
            Assert.True(guard < 200, "The survey never reached the page to send.");
            var radios = Radios;
            if (radios.Count > 0)
            {
                var value = choose?.Invoke(At, radios) ?? radios[0].Value;
                await PostAsync("next", (radios[0].Name, value));
            }
            else if (TextAreaName is { } textarea)
            {
                await PostAsync("next", (textarea, "Handovers are calm and kind."));
            }
            else
            {
                await PostAsync("next");
            }

            Assert.Equal(HttpStatusCode.OK, Response.StatusCode);
            Assert.DoesNotContain("There is a problem", Html, StringComparison.Ordinal);
        }

        return this;
    }

    private async Task SetAsync(HttpResponseMessage response)
    {
        Response = response;
        Responses.Add(response);
        Html = await response.Content.ReadAsStringAsync();
        Page = await Parser.ParseDocumentAsync(Html);
    }
}
