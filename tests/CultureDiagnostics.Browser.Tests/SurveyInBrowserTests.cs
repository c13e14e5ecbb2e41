using Microsoft.Playwright;

namespace CultureDiagnostics.Browser.Tests;

/// <summary>The respondent's survey on a phone, in Chromium: with JavaScript, offline, without JavaScript, small screens, accessibility.</summary>
public sealed class SurveyInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Leadership = "leadership-behaviours";

    /// <summary>Screenshots for a person to look at; kept out of the repository.</summary>
    private static readonly string Screens = Path.Combine(Path.GetTempPath(), "cd-survey-screens");

    private static async Task<(IBrowserContext Context, Respondent Respondent, List<string> Problems)> OpenAsync(
        BrowserFixture fixture, string code, int width = 390, bool javaScript = true)
    {
        var context = await fixture.PhoneAsync(width, javaScript: javaScript);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        // A CSP violation, a script error or a request to another host is a failure.
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(fixture.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                problems.Add("request to another host: " + request.Url);
            }
        };
        await page.GotoAsync($"{fixture.BaseUrl}/s/{code}");
        return (context, new Respondent(page), problems);
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screens);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screens, name + ".png"), FullPage = true });
    }

    [Theory]
    [InlineData(Leadership)]
    [InlineData("psychological-safety")]
    [InlineData("team-reflexivity")]
    public async Task EachShippedInstrumentCanBeCompletedOnAPhone(string instrument)
    {
        var (campaignId, code) = await fixture.OpenCampaignAsync(instrument);
        var (context, respondent, problems) = await OpenAsync(fixture, code);
        var page = respondent.Page;
        await respondent.AssertAccessibleAsync("the first page");
        await ShotAsync(page, $"{instrument}-1-first-page");
        await respondent.TapAsync("start");

        var checkedKinds = new HashSet<string>();
        var seen = await respondent.AnswerAllAsync(
            id => id == $"{Leadership}/lb-leads" ? "Yes" : null,
            async kind =>
            {
                if (checkedKinds.Add(kind))
                {
                    await respondent.AssertAccessibleAsync($"a {kind} question of {instrument}");
                    await ShotAsync(page, $"{instrument}-2-{kind}");
                }
            });
        if (instrument == Leadership)
        {
            Assert.Contains(seen, id => id.StartsWith($"{Leadership}/lb-self", StringComparison.Ordinal));
        }

        await respondent.AssertAccessibleAsync("the page to send");
        await respondent.TapAsync("send");
        await page.Locator("#thanks").WaitForAsync();
        await Assertions.Expect(page.Locator("#thanks")).ToContainTextAsync("What happens next");
        await Assertions.Expect(page.Locator("#thanks")).ToContainTextAsync("Freedom to Speak Up");
        await respondent.AssertAccessibleAsync("the thank-you page");
        await ShotAsync(page, $"{instrument}-3-thanks");

        Assert.Equal(1, fixture.ResponsesFor(campaignId));
        Assert.Null(await page.EvaluateAsync<string?>("code => localStorage.getItem('cd-survey:' + code)", code));
        Assert.Empty(problems);
        await context.CloseAsync();
    }

    [Fact]
    public async Task TheConditionalLeaderSectionIsSkippedForSomeoneWhoDoesNotLead()
    {
        var (campaignId, code) = await fixture.OpenCampaignAsync(Leadership);
        var (context, respondent, _) = await OpenAsync(fixture, code);
        await respondent.TapAsync("start");
        var seen = await respondent.AnswerAllAsync(id => id == $"{Leadership}/lb-leads" ? "No" : null);

        Assert.DoesNotContain(seen, id => id.StartsWith($"{Leadership}/lb-self", StringComparison.Ordinal));
        await respondent.TapAsync("send");
        await respondent.Page.Locator("#thanks").WaitForAsync();
        Assert.Equal(1, fixture.ResponsesFor(campaignId));
        await context.CloseAsync();
    }

    [Fact]
    public async Task BackGoesToTheQuestionBeforeAndTheLinkOpenedAgainOffersToContinueOrStartAgain()
    {
        var (_, code) = await fixture.OpenCampaignAsync("psychological-safety");
        var (context, respondent, problems) = await OpenAsync(fixture, code);
        var page = respondent.Page;
        await respondent.TapAsync("start");
        for (var i = 0; i < 3; i++)
        {
            await page.Locator($"{Respondent.Current} .option label").Nth(i + 1).ClickAsync();
            await respondent.TapAsync("next");
        }

        // The phone's Back button: the question before, with its answer; the survey is still there.
        await Assertions.Expect(respondent.Screen.Locator(".progress-text")).ToHaveTextAsync("Question 4 of 10");
        await page.GoBackAsync();
        await Assertions.Expect(respondent.Screen.Locator(".progress-text")).ToHaveTextAsync("Question 3 of 10");
        await Assertions.Expect(respondent.Screen.Locator("input[type=radio]").Nth(3)).ToBeCheckedAsync();
        await page.GoBackAsync();
        await Assertions.Expect(respondent.Screen.Locator(".progress-text")).ToHaveTextAsync("Question 2 of 10");
        await page.GoForwardAsync();
        await Assertions.Expect(respondent.Screen.Locator(".progress-text")).ToHaveTextAsync("Question 3 of 10");
        Assert.StartsWith($"{fixture.BaseUrl}/s/{code}", page.Url, StringComparison.Ordinal);

        // Opened again (the next person on a shared device, say): the first page, offering to continue or start again.
        await page.GotoAsync($"{fixture.BaseUrl}/s/{code}");
        await Assertions.Expect(respondent.Screen.Locator(".resume-note")).ToBeVisibleAsync();
        await Assertions.Expect(respondent.Screen.Locator("button[value=start]")).ToHaveTextAsync("Continue where you left off");
        await ShotAsync(page, "resume-or-start-again");
        await respondent.TapAsync("start");
        await Assertions.Expect(respondent.Screen.Locator(".progress-text")).ToHaveTextAsync("Question 3 of 10");
        await Assertions.Expect(respondent.Screen.Locator("input[type=radio]").Nth(3)).ToBeCheckedAsync();

        await page.GotoAsync($"{fixture.BaseUrl}/s/{code}");
        await respondent.TapAsync("restart");
        await Assertions.Expect(respondent.Screen.Locator(".progress-text")).ToHaveTextAsync("Question 1 of 10");
        await Assertions.Expect(respondent.Screen.Locator("input[type=radio]:checked")).ToHaveCountAsync(0);
        await page.GotoAsync($"{fixture.BaseUrl}/s/{code}");
        await Assertions.Expect(respondent.Screen.Locator(".resume-note")).ToBeHiddenAsync();
        await Assertions.Expect(respondent.Screen.Locator("button[value=start]")).ToHaveTextAsync("Start the survey");
        Assert.Empty(problems);
        await context.CloseAsync();
    }

    [Fact]
    public async Task AnswersLeftUnsentForMoreThanTwoHoursAreForgotten()
    {
        var (_, code) = await fixture.OpenCampaignAsync("psychological-safety");
        var (context, respondent, _) = await OpenAsync(fixture, code);
        var page = respondent.Page;
        await respondent.TapAsync("start");
        await page.Locator($"{Respondent.Current} .option label").Nth(1).ClickAsync();
        await respondent.TapAsync("next");

        // The last answer two hours and a minute ago.
        await page.EvaluateAsync("""
            code => {
              const key = 'cd-survey:' + code;
              const state = JSON.parse(localStorage.getItem(key));
              state.savedAt = Date.now() - (2 * 60 + 1) * 60 * 1000;
              localStorage.setItem(key, JSON.stringify(state));
            }
            """, code);
        await page.ReloadAsync();
        await Assertions.Expect(respondent.Screen.Locator("button[value=start]")).ToHaveTextAsync("Start the survey");
        await Assertions.Expect(respondent.Screen.Locator(".resume-note")).ToBeHiddenAsync();
        await respondent.TapAsync("start");
        await Assertions.Expect(respondent.Screen.Locator("input[type=radio]:checked")).ToHaveCountAsync(0);
        await context.CloseAsync();
    }

    [Fact]
    public async Task ASubmissionMadeOfflineIsSentOnceWhenTheConnectionReturns()
    {
        var (campaignId, code) = await fixture.OpenCampaignAsync("psychological-safety");
        var (context, respondent, _) = await OpenAsync(fixture, code);
        var page = respondent.Page;
        await respondent.TapAsync("start");
        await respondent.AnswerAsync();
        await respondent.TapAsync("next");

        await context.SetOfflineAsync(true);
        await respondent.AnswerAllAsync();
        await respondent.TapAsync("send");
        await page.Locator("#queued").WaitForAsync();
        await ShotAsync(page, "offline-queued");
        Assert.Equal(0, fixture.ResponsesFor(campaignId));

        await context.SetOfflineAsync(false);
        await page.Locator("#thanks").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(1, fixture.ResponsesFor(campaignId));
        Assert.Null(await page.EvaluateAsync<string?>("code => localStorage.getItem('cd-survey:' + code)", code));

        // A later visit finds nothing queued: the response is stored exactly once.
        await page.ReloadAsync();
        await page.WaitForTimeoutAsync(500);
        Assert.Equal(1, fixture.ResponsesFor(campaignId));
        await context.CloseAsync();
    }

    [Fact]
    public async Task WithoutJavaScriptTheSurveyIsCompletedWithPlainFormPosts()
    {
        var (campaignId, code) = await fixture.OpenCampaignAsync(Leadership);
        var (context, respondent, problems) = await OpenAsync(fixture, code, javaScript: false);
        var page = respondent.Page;
        await respondent.TapAsync("start");
        await respondent.TapAsync("next");
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        var target = (await page.Locator(".error-summary a").GetAttributeAsync("href"))!;
        await Assertions.Expect(page.Locator(target)).ToHaveAttributeAsync("aria-invalid", "true");
        await ShotAsync(page, "nojs-error");
        var first = await respondent.ScreenIdAsync();
        await respondent.AnswerAsync();
        await respondent.TapAsync("next");
        // The next question's page has arrived (the post and its redirect are done) before Back is pressed.
        await Assertions.Expect(respondent.Screen).Not.ToHaveAttributeAsync("data-screen", first!);

        // The browser's Back button: the question before, with its answer, and no form sent again.
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await page.GoBackAsync();
        Assert.Equal(first, await respondent.ScreenIdAsync());
        await Assertions.Expect(respondent.Screen.Locator("input[type=radio]:checked")).ToHaveCountAsync(1);
        await page.GoForwardAsync();
        Assert.NotEqual(first, await respondent.ScreenIdAsync());
        Assert.Equal(0, dialogs);
        var seen = new List<string>();
        while (await respondent.KindAsync() != "review")
        {
            seen.Add(await respondent.ScreenIdAsync() ?? "");
            await respondent.AnswerAsync(id => id == $"{Leadership}/lb-leads" ? "Yes" : null);
            await respondent.TapAsync("next");
        }

        Assert.Contains(seen, id => id.StartsWith($"{Leadership}/lb-self", StringComparison.Ordinal));
        await respondent.TapAsync("send");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Thank you");
        await Assertions.Expect(page.Locator("#thanks h2").First).ToHaveTextAsync("What happens next");
        Assert.Equal(1, fixture.ResponsesFor(campaignId));
        Assert.Empty(problems);
        await context.CloseAsync();
    }

    [Fact]
    public async Task ThePagesWithoutScriptAreAccessibleToo()
    {
        // survey.js blocked rather than JavaScript off, so that axe-core can still run in the page.
        var (_, code) = await fixture.OpenCampaignAsync("psychological-safety");
        var context = await fixture.PhoneAsync();
        await context.RouteAsync("**/survey.js*", route => route.AbortAsync());
        var page = await context.NewPageAsync();
        var respondent = new Respondent(page);
        await page.GotoAsync($"{fixture.BaseUrl}/s/{code}");
        await respondent.TapAsync("start");
        await respondent.AssertAccessibleAsync("a question served without script");
        await respondent.TapAsync("next");
        await respondent.AssertAccessibleAsync("an error served without script");
        await Assertions.Expect(page.Locator(".error-summary")).ToBeFocusedAsync();
        await context.CloseAsync();
    }

    [Fact]
    public async Task AMissingAnswerIsAnnouncedInAnErrorSummaryThatTakesFocus()
    {
        var (_, code) = await fixture.OpenCampaignAsync("psychological-safety");
        var (context, respondent, _) = await OpenAsync(fixture, code);
        var page = respondent.Page;
        await respondent.TapAsync("start");
        await Assertions.Expect(respondent.Screen.Locator("h1")).ToBeFocusedAsync();
        await respondent.TapAsync("next");

        await Assertions.Expect(respondent.Screen.Locator(".error-summary")).ToBeFocusedAsync();
        await Assertions.Expect(respondent.Screen.Locator(".error-summary [role=alert] h2")).ToHaveTextAsync("There is a problem");
        await Assertions.Expect(respondent.Screen.Locator(".field .error-message")).ToContainTextAsync("Choose an answer");
        await respondent.AssertAccessibleAsync("a question with an error");
        await ShotAsync(page, "js-error");
        await Assertions.Expect(respondent.Screen.Locator("input[type=radio]")).ToHaveCountAsync(7);
        foreach (var radio in await respondent.Screen.Locator("input[type=radio]").AllAsync())
        {
            await Assertions.Expect(radio).ToHaveAttributeAsync("aria-invalid", "true");
        }

        await respondent.Screen.Locator(".error-summary a").ClickAsync();
        await Assertions.Expect(respondent.Screen.Locator("input[type=radio]").First).ToBeFocusedAsync();

        // Answered, the error goes: nothing is left marked when the respondent comes back to the question.
        await respondent.AnswerAsync();
        await respondent.TapAsync("next");
        await respondent.TapAsync("back");
        await Assertions.Expect(respondent.Screen.Locator("[aria-invalid], .error-summary, .error-message")).ToHaveCountAsync(0);
        await context.CloseAsync();
    }

    [Fact]
    public async Task TheDarkThemeMeetsContrastToo()
    {
        var (_, code) = await fixture.OpenCampaignAsync("psychological-safety");
        var context = await fixture.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 },
            ColorScheme = ColorScheme.Dark,
            ReducedMotion = ReducedMotion.Reduce,
        });
        var page = await context.NewPageAsync();
        var respondent = new Respondent(page);
        await page.GotoAsync($"{fixture.BaseUrl}/s/{code}");
        await respondent.AssertAccessibleAsync("the first page in the dark theme");
        await respondent.TapAsync("start");
        await respondent.TapAsync("next");
        await respondent.AssertAccessibleAsync("an error in the dark theme");
        await ShotAsync(page, "dark-error");
        await context.CloseAsync();
    }

    [Theory]
    [InlineData(320)]
    [InlineData(390)]
    public async Task NothingScrollsSidewaysAndEveryTargetIsAtLeast44PixelsSquare(int width)
    {
        var (_, code) = await fixture.OpenCampaignAsync(Leadership);
        var (context, respondent, _) = await OpenAsync(fixture, code, width);
        var page = respondent.Page;

        async Task CheckAsync(string where)
        {
            var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= width, $"{where} is {scrollWidth}px wide at {width}px.");
            foreach (var target in await page.Locator($"main {Respondent.Current} .option label:visible, main {Respondent.Current} button:visible").AllAsync())
            {
                var box = await target.BoundingBoxAsync();
                Assert.True(box is { Width: >= 44, Height: >= 44 }, $"A target on {where} is {box?.Width}x{box?.Height}: {await target.InnerTextAsync()}");
            }
        }

        await CheckAsync("the first page");
        await ShotAsync(page, $"w{width}-first-page");
        await respondent.TapAsync("start");
        await CheckAsync("a scale question");
        await ShotAsync(page, $"w{width}-question");
        await respondent.TapAsync("next");
        await CheckAsync("an error");
        await ShotAsync(page, $"w{width}-error");
        var seen = await respondent.AnswerAllAsync(onScreen: async kind =>
        {
            if (kind is "text" or "demographic" or "choice")
            {
                await CheckAsync($"a {kind} question");
            }
        });
        await CheckAsync("the page to send");
        await respondent.TapAsync("send");
        await page.Locator("#thanks").WaitForAsync();
        await CheckAsync("the thank-you page");
        await ShotAsync(page, $"w{width}-thanks");
        await context.CloseAsync();
    }

    [Fact]
    public async Task ThePrintedPosterShowsTheLinkAndAQrCode()
    {
        var (campaignId, _) = await fixture.OpenCampaignAsync("psychological-safety");
        var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 794, Height = 1123 } });
        var page = await context.NewPageAsync();
        var signIn = await page.APIRequest.PostAsync($"{fixture.BaseUrl}/api/auth/sign-in", new()
        {
            DataObject = new { email = fixture.AdminEmail, password = CultureDiagnostics.Api.Tests.Support.TestApp.Password },
        });
        Assert.True(signIn.Ok);
        // From the campaign's page, by the link a change-team member clicks.
        await page.GotoAsync($"{fixture.BaseUrl}/workspace/campaigns/{campaignId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Poster for Team One" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{fixture.BaseUrl}/campaigns/{campaignId}/units/TEAM-1/poster");
        await Assertions.Expect(page.Locator(".short-link")).ToContainTextAsync("/s/");
        var qr = await page.Locator("img.qr").BoundingBoxAsync();
        Assert.True(qr is { Width: > 150 });
        Assert.True(await page.EvaluateAsync<bool>("document.querySelector('img.qr').naturalWidth > 0"));
        await ShotAsync(page, "poster");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await ShotAsync(page, "poster-print");
        await context.CloseAsync();
    }
}
