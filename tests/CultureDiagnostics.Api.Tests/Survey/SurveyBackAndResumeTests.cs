using System.Net;
using CultureDiagnostics.Api.Survey;
using CultureDiagnostics.Api.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CultureDiagnostics.Api.Tests.Survey;

/// <summary>
/// The survey without JavaScript in a browser that keeps cookies: every step is a page of its own reached by a redirect,
/// so the browser's Back button shows the step before (with its answer) and never asks to send a form again; opening the
/// link again offers to continue or to start again; sending forgets the progress. And the thank-you page.
/// </summary>
public sealed class SurveyBackAndResumeTests : IAsyncLifetime
{
    private readonly TestApp _app = new(settings: new Dictionary<string, string?>
    {
        ["CultureDiagnostics:Support:FreedomToSpeakUpUrl"] = "https://www.test-trust.example/speak-up",
        ["CultureDiagnostics:Support:WellbeingUrl"] = "https://www.test-trust.example/wellbeing",
        ["CultureDiagnostics:Support:PrivacyNoticeUrl"] = "https://www.test-trust.example/privacy",
    });

    private Scenario.OpenCampaign _campaign = null!;

    public async Task InitializeAsync() => _campaign = await Scenario.OpenCampaignAsync(_app);

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private SurveyForm Browser() =>
        new(_app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), _campaign.Code);

    [Fact]
    public async Task EveryStepIsAPageOfItsOwnSoBackShowsTheStepBeforeWithItsAnswer()
    {
        var form = await (await Browser().OpenAsync()).StartAsync();
        var steps = new List<(string Address, string At, string Answer)>();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpMethod.Get, form.Response.RequestMessage!.Method);
            var (name, value) = form.Radios[i % form.Radios.Count];
            steps.Add((form.Response.RequestMessage.RequestUri!.PathAndQuery, form.At, value));
            await form.PostAsync("next", (name, value));
        }

        // Every post was answered by a redirect to the next step's own address: nothing in the history is a post's page.
        Assert.Equal(4, form.Posts.Count);
        Assert.All(form.Posts, p => Assert.Equal(HttpStatusCode.Redirect, p.StatusCode));
        Assert.All(form.Posts, p => Assert.StartsWith($"/s/{_campaign.Code}?at=", p.Headers.Location!.OriginalString, StringComparison.Ordinal));

        // The browser's Back button: the step before, as it was answered.
        foreach (var (address, at, answer) in Enumerable.Reverse(steps))
        {
            await form.GetAsync(address);
            Assert.Equal(HttpStatusCode.OK, form.Response.StatusCode);
            Assert.Equal(at, form.At);
            Assert.Equal(answer, form.Page.QuerySelector("input[type=radio][checked]")!.GetAttribute("value"));
        }

        // Going on from a step reached by Back keeps the answers given after it.
        await form.PostAsync("next", (form.Radios[0].Name, steps[0].Answer));
        Assert.Equal(steps[1].At, form.At);
        Assert.Equal(steps[1].Answer, form.Page.QuerySelector("input[type=radio][checked]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task AnAnswerLeftOutIsShownOnItsOwnStepWithTheProblem()
    {
        var form = await (await Browser().OpenAsync()).StartAsync();
        var at = form.At;
        await form.PostAsync("next");
        Assert.Equal(at, form.At);
        Assert.Contains("There is a problem", form.Html, StringComparison.Ordinal);
        Assert.Contains("&check=1", form.Response.RequestMessage!.RequestUri!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpeningTheLinkAgainOffersToContinueOrToStartAgainAndNeverShowsEarlierAnswersUnasked()
    {
        var form = await (await Browser().OpenAsync()).StartAsync();
        var first = form.At;
        await form.PostAsync("next", (form.Radios[0].Name, form.Radios[0].Value));
        var reached = form.At;
        await form.PostAsync("next", (form.Radios[1].Name, form.Radios[1].Value));

        // The next person opening the link on this device sees the first page, with the choice.
        await form.OpenAsync();
        Assert.False(form.Page.QuerySelector(".resume-note")!.HasAttribute("hidden"));
        Assert.Equal("Continue where you left off", form.Page.QuerySelector("button[value=start]")!.TextContent);
        Assert.False(form.Page.QuerySelector("button[value=restart]")!.HasAttribute("hidden"));
        Assert.Empty(form.Page.QuerySelectorAll("input[type=radio][checked]"));

        await form.PostFormAsync(new() { ["go"] = "start" });
        Assert.NotEqual(first, form.At);
        Assert.NotEqual(reached, form.At);
        Assert.NotNull(form.Page.QuerySelector("input[type=radio]"));

        // Starting again forgets them: the first question unanswered, and the first page no longer offers to continue.
        await form.OpenAsync();
        await form.PostFormAsync(new() { ["go"] = "restart" });
        Assert.Equal(first, form.At);
        Assert.Empty(form.Page.QuerySelectorAll("input[type=radio][checked]"));
        await form.OpenAsync();
        Assert.Equal("Start the survey", form.Page.QuerySelector("button[value=start]")!.TextContent);
        Assert.True(form.Page.QuerySelector(".resume-note")!.HasAttribute("hidden"));
    }

    [Fact]
    public async Task SendingStoresTheAnswersForgetsTheProgressAndSaysWhatHappensNextAndWhereToFindSupport()
    {
        var form = await (await Browser().OpenAsync()).StartAsync();
        await form.AnswerAllAsync();
        var progressCookie = form.Posts[^1].Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cd-progress=", StringComparison.Ordinal));
        Assert.Contains($"path=/s/{_campaign.Code}", progressCookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", progressCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", progressCookie, StringComparison.Ordinal);
        Assert.Contains($"max-age={(int)ProgressProtector.Lifetime.TotalSeconds}", progressCookie, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromHours(2), ProgressProtector.Lifetime);

        await form.PostAsync("send");
        Assert.Equal(HttpStatusCode.OK, form.Response.StatusCode);
        Assert.Equal(1, _app.Count("responses"));
        Assert.Contains(form.Response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cd-progress=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal));

        var thanks = form.Page.GetElementById("thanks")!;
        Assert.Contains("Test Trust's change team", thanks.TextContent, StringComparison.Ordinal);
        Assert.Contains("closes on 30 November 2026", thanks.TextContent, StringComparison.Ordinal);
        var links = thanks.QuerySelectorAll("a").ToDictionary(a => a.TextContent, a => a.GetAttribute("href"));
        Assert.Equal("https://www.test-trust.example/speak-up", links["Freedom to Speak Up at Test Trust"]);
        Assert.Equal("https://www.test-trust.example/wellbeing", links["Staff wellbeing support at Test Trust"]);
        Assert.Equal("https://www.test-trust.example/privacy", links["How Test Trust looks after information from this survey: its privacy notice"]);

        // The same link opened again afterwards starts afresh.
        await form.OpenAsync();
        Assert.Equal("Start the survey", form.Page.QuerySelector("button[value=start]")!.TextContent);
    }
}
