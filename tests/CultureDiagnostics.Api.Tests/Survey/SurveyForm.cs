using System.Net;
using System.Text.RegularExpressions;

namespace CultureDiagnostics.Api.Tests.Survey;

/// <summary>A respondent without JavaScript: reads the page's hidden fields and radios with plain regular expressions, and posts the form.</summary>
public sealed partial class SurveyForm(HttpClient client, string code)
{
    public string Html { get; private set; } = "";

    public HttpResponseMessage Response { get; private set; } = null!;

    public List<HttpResponseMessage> Responses { get; } = [];

    public string State => Hidden("state");

    public string At => Hidden("at");

    [GeneratedRegex(""""<input type="radio" id="[^"]+" name="([^"]+)" value="([^"]*)"""")]
    private static partial Regex Radio();

    [GeneratedRegex(""""<textarea id="[^"]+" name="([^"]+)"""")]
    private static partial Regex TextArea();

    public string Hidden(string name)
    {
        var match = Regex.Match(Html, $"""<input type="hidden" name="{name}" value="([^"]*)">""");
        Assert.True(match.Success, $"No hidden field '{name}' in: {Html}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The radios on the page, by field name, in order.</summary>
    public IReadOnlyList<(string Name, string Value)> Radios =>
        Radio().Matches(Html).Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();

    public string? TextAreaName => TextArea().Match(Html) is { Success: true } m ? m.Groups[1].Value : null;

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

    public async Task<SurveyForm> PostFormAsync(Dictionary<string, string> form)
    {
        await SetAsync(await client.PostAsync($"/s/{code}", new FormUrlEncodedContent(form)));
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
    }
}
