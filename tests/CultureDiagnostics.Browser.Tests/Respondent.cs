using Microsoft.Playwright;

namespace CultureDiagnostics.Browser.Tests;

/// <summary>A person answering on a phone: taps answers and buttons the way they are labelled.</summary>
public sealed class Respondent(IPage page)
{
    public const string Current = "section.screen:not([hidden])";

    public IPage Page => page;

    public ILocator Screen => page.Locator($"main {Current}").First;

    public Task<string?> KindAsync() => Screen.GetAttributeAsync("data-kind");

    public Task<string?> ScreenIdAsync() => Screen.GetAttributeAsync("data-screen");

    public Task TapAsync(string action) => Screen.Locator($"button[value={action}]").ClickAsync();

    /// <summary>Answers the screen shown: the label <paramref name="choose"/> picks (or the first), or a comment.</summary>
    public async Task AnswerAsync(Func<string, string?>? choose = null)
    {
        var kind = await KindAsync();
        if (kind == "text")
        {
            await Screen.Locator("textarea").FillAsync("Handovers are calm and kind.");
            return;
        }

        var id = await ScreenIdAsync() ?? "";
        var wanted = choose?.Invoke(id);
        var label = wanted is null ? Screen.Locator(".option label").First : Screen.Locator(".option label", new() { HasTextString = wanted }).First;
        await label.ClickAsync();
    }

    /// <summary>Answers and moves on until the page to send; calls <paramref name="onScreen"/> on each new kind of screen.</summary>
    public async Task<List<string>> AnswerAllAsync(Func<string, string?>? choose = null, Func<string, Task>? onScreen = null)
    {
        var seen = new List<string>();
        for (var guard = 0; await KindAsync() != "review"; guard++)
        {
            Assert.True(guard < 200, "The survey never reached the page to send.");
            var id = await ScreenIdAsync() ?? "";
            seen.Add(id);
            if (onScreen is not null)
            {
                await onScreen(await KindAsync() ?? "");
            }

            await AnswerAsync(choose);
            await TapAsync("next");
            await page.WaitForFunctionAsync(
                "id => { const s = document.querySelector('main section.screen:not([hidden])'); return s && s.dataset.screen !== id; }", id);
        }

        return seen;
    }

    public Task AssertAccessibleAsync(string where) => Axe.AssertAccessibleAsync(page, where);
}
