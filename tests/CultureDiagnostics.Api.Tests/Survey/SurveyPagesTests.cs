using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Api.Survey;
using CultureDiagnostics.Api.Tests.Support;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Survey;

/// <summary>The respondent's pages at /s/{code}, driven as a browser without JavaScript would: plain form posts.</summary>
public sealed class SurveyPagesTests : IAsyncLifetime
{
    private const string Leadership = "leadership-behaviours";
    private readonly TestApp _app = new();
    private HttpClient _client = null!;
    private Scenario.OpenCampaign _campaign = null!;

    public async Task InitializeAsync()
    {
        _campaign = await Scenario.OpenCampaignAsync(_app, "psychological-safety", Leadership);
        _client = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private SurveyForm Form(string? code = null) => new(_client, code ?? _campaign.Code);

    [Fact]
    public async Task TheFirstPageSaysWhoRunsTheSurveyHowLongItTakesAndWhatIsAnonymous()
    {
        var form = await Form().OpenAsync();

        Assert.Equal(HttpStatusCode.OK, form.Response.StatusCode);
        Assert.Equal("text/html", form.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("en-GB", form.Page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Test wave", form.Html, StringComparison.Ordinal);
        Assert.Contains("Your answers are counted with: Team One", form.Html, StringComparison.Ordinal);
        Assert.Contains("It takes about 13 minutes.", form.Html, StringComparison.Ordinal);
        Assert.Contains("Results are only shown for groups of 5 or more; comments only for groups of 10 or more.", form.Html, StringComparison.Ordinal);
        Assert.Contains("We do not record your name, device, address or the time you answered.", form.Html, StringComparison.Ordinal);
        Assert.Contains("please do not include names", form.Html, StringComparison.Ordinal);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, form.Response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("style=", form.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", form.Html, StringComparison.Ordinal);
        Assert.Empty(form.Page.QuerySelectorAll("[style], style"));
        Assert.All(form.Page.Scripts, script => Assert.True(script.Source is { Length: > 0 } && script.Text.Length == 0, "Only script files, nothing inline."));
        Assert.Equal($"cd-cookies=1; path=/s/{_campaign.Code}; samesite=strict; httponly", Assert.Single(form.Response.Headers.GetValues("Set-Cookie")));
        // Deliberately no anti-forgery token: a forged post can only send answers that POST /api/responses takes from
        // anyone, and the survey's cookies are SameSite=Strict, never sent with another site's post.
        Assert.Empty(form.Page.QuerySelectorAll("input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public async Task AnUnknownLinkShowsANotFoundPage()
    {
        var form = await Form("no-such-code").OpenAsync();

        Assert.Equal(HttpStatusCode.NotFound, form.Response.StatusCode);
        var heading = Assert.Single(form.Page.QuerySelectorAll("h1"));
        Assert.Equal("Survey not found", heading.TextContent);
        Assert.Equal(("heading", "-1"), (heading.ClassName, heading.GetAttribute("tabindex")));
    }

    [Fact]
    public async Task ASurveyNotOpenYetShowsWhenItOpensWith409()
    {
        _app.Clock.Now = new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero);
        var form = await Form().OpenAsync();

        Assert.Equal(HttpStatusCode.Conflict, form.Response.StatusCode);
        Assert.Contains("This survey is not open yet", form.Html, StringComparison.Ordinal);
        Assert.Contains("1 November 2026", form.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClosedSurveyShowsWhenItClosedWith410AndTakesNoAnswers()
    {
        var form = await (await Form().OpenAsync()).StartAsync();
        _app.Clock.Now = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        await form.PostAsync("next", (form.Radios[0].Name, form.Radios[0].Value));

        Assert.Equal(HttpStatusCode.Gone, form.Response.StatusCode);
        Assert.Contains("This survey has closed", form.Html, StringComparison.Ordinal);
        Assert.Contains("30 November 2026", form.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await Form().OpenAsync()).Response.StatusCode);
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task ARespondentWithoutJavaScriptCompletesTheSurveyAndExactlyOneResponseIsStored()
    {
        var form = await (await Form().OpenAsync()).StartAsync();
        var leaderScreens = new List<string>();
        await form.AnswerAllAsync((at, radios) =>
        {
            if (at.StartsWith($"{Leadership}/lb-self", StringComparison.Ordinal) || at.Contains("lead", StringComparison.Ordinal))
            {
                leaderScreens.Add(at);
            }

            return at == $"{Leadership}/lb-leads" ? "yes" : null;
        });
        Assert.Equal(0, _app.CountRespondentRows());

        var review = form.State;
        await form.PostAsync("send");

        Assert.Equal(HttpStatusCode.OK, form.Response.StatusCode);
        Assert.Contains("Your answers have been received.", form.Html, StringComparison.Ordinal);
        Assert.Equal(1, _app.Count("responses"));
        Assert.Equal(2, _app.Count("answers"));
        Assert.Equal(3, _app.Count("comments"));

        // The leader section was asked, and its answers stored, because the respondent leads others.
        var leaderItems = Scenario.Instrument(_app, Leadership).Sections.Single(s => s.Condition is not null).Items.Select(i => i.Id).ToList();
        using var db = _app.OpenDatabase();
        var stored = db.ExecuteScalar<string>("SELECT answers FROM answers WHERE instrument_id = @Leadership", new { Leadership })!;
        Assert.All(leaderItems, id => Assert.Contains($"\"{id}\"", stored, StringComparison.Ordinal));

        // Sending the same form again (a refresh, a double tap) is counted once.
        await form.PostFormAsync(new() { ["go"] = "send", ["state"] = review, ["at"] = "review" });
        Assert.Contains("already been received", form.Html, StringComparison.Ordinal);
        Assert.Equal(1, _app.Count("responses"));
    }

    [Fact]
    public async Task SomeoneWhoDoesNotLeadIsNotAskedTheLeaderSection()
    {
        var form = await (await Form().OpenAsync()).StartAsync();
        var seen = new List<string>();
        await form.AnswerAllAsync((at, _) =>
        {
            seen.Add(at);
            return at == $"{Leadership}/lb-leads" ? "no" : null;
        });
        var leaderItems = Scenario.Instrument(_app, Leadership).Sections.Single(s => s.Condition is not null).Items.Select(i => $"{Leadership}/{i.Id}");

        Assert.Empty(seen.Intersect(leaderItems));
        await form.PostAsync("send");
        Assert.Equal(1, _app.Count("responses"));
    }

    [Fact]
    public async Task AMissingAnswerShowsTheErrorSummaryAndBesideTheFieldAndStoresNothing()
    {
        var form = await (await Form().OpenAsync()).StartAsync();
        var field = form.Radios[0].Name;
        Assert.Contains("Question 1 of", form.Html, StringComparison.Ordinal);
        await form.PostAsync("next");

        Assert.Equal(HttpStatusCode.OK, form.Response.StatusCode);
        Assert.StartsWith("Error: Question 1 of", form.Page.Title, StringComparison.Ordinal);
        var summary = Assert.Single(form.Page.QuerySelectorAll("div.error-summary[tabindex='-1'][autofocus]"));
        Assert.Equal("alert", summary.FirstElementChild?.GetAttribute("role"));
        Assert.Equal("There is a problem", summary.FirstElementChild?.QuerySelector("h2.error-summary-title")?.TextContent);
        var link = Assert.Single(summary.QuerySelectorAll("a"));
        Assert.Equal(($"#{field}", "Choose an answer"), (link.GetAttribute("href"), link.TextContent));
        Assert.NotNull(form.Page.GetElementById($"{field}-error"));
        Assert.Equal($"{field}-error", form.Page.QuerySelector("fieldset")?.GetAttribute("aria-describedby"));
        var first = form.Page.QuerySelector("input[type=radio]");
        Assert.Equal((field, field), (first?.Id, first?.GetAttribute("name")));
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task TheErrorSummaryLinksToTheQuestionsFieldWhichIsMarkedInvalid()
    {
        var form = await (await Form().OpenAsync()).StartAsync();
        Assert.Empty(form.Page.QuerySelectorAll("[aria-invalid]"));
        var field = form.Radios[0].Name;
        await form.PostAsync("next");

        AssertErrorsLinkToInvalidFields(form, "Choose an answer");
        Assert.All(form.Page.QuerySelectorAll("input[type=radio]"), radio => Assert.Equal("true", radio.GetAttribute("aria-invalid")));

        // Answered, the next question is not marked.
        await form.PostAsync("next", (field, form.Radios[0].Value));
        Assert.Empty(form.Page.QuerySelectorAll("[aria-invalid], .error-summary, .error-message"));
    }

    [Fact]
    public async Task ACommentTooLongIsShownBesideTheTextBoxWithWhatWasWrittenAndNothingIsStored()
    {
        var form = await (await Form().OpenAsync()).StartAsync();
        for (var guard = 0; form.TextAreaName is null; guard++)
        {
            Assert.True(guard < 50, "No comment question.");
            await form.PostAsync("next", (form.Radios[0].Name, form.Radios[0].Value));
        }

        var max = int.Parse(form.Page.QuerySelector("textarea")!.GetAttribute("maxlength")!, System.Globalization.CultureInfo.InvariantCulture);
        var comment = new string('a', max + 1);
        await form.PostAsync("next", (form.TextAreaName, comment));

        AssertErrorsLinkToInvalidFields(form, $"Your comment must be {max} characters or fewer");
        Assert.Equal(comment, form.Page.QuerySelector("textarea")!.TextContent);
        Assert.Equal(0, _app.CountRespondentRows());
    }

    /// <summary>
    /// GOV.UK's pattern: every problem in the summary links to a field on the page (its href target
    /// exists), which carries aria-invalid and is described by an inline message in the same words.
    /// </summary>
    private static void AssertErrorsLinkToInvalidFields(SurveyForm form, string message)
    {
        Assert.Equal(HttpStatusCode.OK, form.Response.StatusCode);
        var links = form.Page.QuerySelectorAll(".error-summary a");
        Assert.NotEmpty(links);
        foreach (var link in links)
        {
            Assert.Equal(message, link.TextContent);
            var href = link.GetAttribute("href") ?? "";
            Assert.StartsWith("#", href, StringComparison.Ordinal);
            var field = form.Page.GetElementById(href[1..]);
            Assert.True(field is not null, $"The error summary links to {href}, which is not on the page.");
            Assert.Contains(field.LocalName, new[] { "input", "textarea" });
            Assert.Equal("true", field.GetAttribute("aria-invalid"));
            var inline = form.Page.GetElementById(field.Id + "-error");
            Assert.Equal("Error: " + message, inline?.TextContent);
            var describedBy = (field.Closest("fieldset") ?? field).GetAttribute("aria-describedby") ?? "";
            Assert.Contains(inline!.Id, describedBy.Split(' '));
        }
    }

    [Fact]
    public async Task TextTheChangeTeamWroteIsShownAsTextNeverAsMarkup()
    {
        const string title = "<script>alert(\"wave\")</script> & 'pulse'";
        const string organiser = "<b onmouseover=\"steal()\">Team</b>";
        var created = await _campaign.Admin.PostAsJsonAsync("/api/campaigns", new
        {
            title, organiser, opensOn = "2026-11-01", closesOn = "2026-11-30", instruments = new[] { new { id = "psychological-safety" } }, units = new[] { "TEAM-1" },
        });
        var campaign = await TestApp.ReadObjectAsync(created);
        var id = campaign["id"]!.GetValue<string>();
        (await _campaign.Admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        var code = campaign["units"]![0]!["accessCode"]!.GetValue<string>();

        var survey = await Form(code).OpenAsync();
        var poster = await _campaign.Admin.GetStringAsync($"/campaigns/{id}/units/TEAM-1/poster");

        foreach (var html in new[] { survey.Html, poster })
        {
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b onmouseover", html, StringComparison.Ordinal);
            var page = new HtmlParser().ParseDocument(html);
            Assert.Equal(title, page.QuerySelector("h1")?.TextContent);
            Assert.Equal("Run by " + organiser, page.QuerySelector("p.caption")?.TextContent);
        }
    }

    [Fact]
    public async Task AnAnswerOffTheScaleIsRefusedByTheSubmissionRules()
    {
        var form = await (await Form().OpenAsync()).StartAsync();
        await form.PostAsync("next", (form.Radios[0].Name, "9"));

        Assert.Contains("Choose one of the answers shown", form.Html, StringComparison.Ordinal);
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task BackKeepsTheAnswersGiven()
    {
        var form = await (await Form().OpenAsync()).StartAsync();
        var (field, value) = form.Radios[2];
        await form.PostAsync("next", (field, value));
        await form.PostAsync("back");

        var chosen = Assert.Single(form.Page.QuerySelectorAll("input[type=radio]"), r => r.GetAttribute("name") == field && r.GetAttribute("value") == value);
        Assert.True(chosen.HasAttribute("checked"));
        Assert.Single(form.Page.QuerySelectorAll("input[type=radio][checked]"));
        Assert.Contains("Question 1 of", form.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheProgressStateCarriesOnlyTheCodeAKeyTheAnswersAndTheScreenReachedAndABrowserWithoutCookiesGetsNone()
    {
        var form = await (await Form().OpenAsync()).StartAsync();
        await form.PostAsync("next", (form.Radios[0].Name, form.Radios[0].Value));
        await form.PostAsync("next", (form.Radios[0].Name, form.Radios[0].Value));

        var protector = _app.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("CultureDiagnostics.Survey.Progress.v1").ToTimeLimitedDataProtector();
        using var json = JsonDocument.Parse(protector.Unprotect(form.State));
        Assert.Equal(["a", "c", "k", "t"], json.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(_campaign.Code, json.RootElement.GetProperty("c").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("a").EnumerateObject().Count());
        Assert.DoesNotContain("127.0.0.1", json.RootElement.GetRawText(), StringComparison.Ordinal);
        // The first page asks the browser to keep an empty cookie; one that does not gets each step as the post's own page.
        Assert.Equal($"cd-cookies=1; path=/s/{_campaign.Code}; samesite=strict; httponly", Assert.Single(form.Responses[0].Headers.GetValues("Set-Cookie")));
        Assert.All(form.Responses.Skip(1), r => Assert.False(r.Headers.Contains("Set-Cookie")));
        Assert.All(form.Responses, r => Assert.Equal("no-store", r.Headers.CacheControl?.ToString()));
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task AlteredProgressStateIsRejectedAndNothingIsStored()
    {
        var form = await (await Form().OpenAsync()).StartAsync();
        await form.AnswerAllAsync();
        var state = form.State;
        var tampered = state[..^6] + (state[^6] == 'A' ? 'B' : 'A') + state[^5..];
        await form.PostFormAsync(new() { ["go"] = "send", ["state"] = tampered, ["at"] = "review" });

        Assert.Equal(HttpStatusCode.BadRequest, form.Response.StatusCode);
        Assert.Contains("Please start again", form.Html, StringComparison.Ordinal);
        Assert.Equal(0, _app.CountRespondentRows());
    }

    [Fact]
    public async Task ProgressStateFromAnotherUnitsLinkIsRejected()
    {
        var form = await (await Form().OpenAsync()).StartAsync();
        await form.AnswerAllAsync();
        var other = Form(_campaign.SecondCode);
        await other.PostFormAsync(new() { ["go"] = "send", ["state"] = form.State, ["at"] = "review" });

        Assert.Equal(HttpStatusCode.BadRequest, other.Response.StatusCode);
        Assert.Equal(0, _app.CountRespondentRows());
    }
}
