using Microsoft.Playwright;

namespace CultureDiagnostics.Browser.Tests;

/// <summary>
/// A member of the change team (or the board) on the workspace pages: signs in, visits pages, and checks
/// each one with axe-core as it goes.
/// </summary>
public sealed class ChangeTeamMember(IPage page, string baseUrl)
{
    /// <summary>Screenshots for a person to look at; kept out of the repository.</summary>
    public static readonly string Screens = Path.Combine(Path.GetTempPath(), "screens");

    public IPage Page => page;

    /// <summary>Every page checked with axe-core, for the test to report.</summary>
    public List<string> Checked { get; } = [];

    public async Task SignInAsync(string email, string password, bool check = true)
    {
        await (check ? VisitAsync("/sign-in") : GoAsync("/sign-in"));
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>Opens a page, expects it to succeed, and checks it with axe-core.</summary>
    public async Task VisitAsync(string path)
    {
        await GoAsync(path);
        await CheckAsync(path);
    }

    /// <summary>
    /// Opens a page and expects it to succeed, without axe-core: for a page checked elsewhere in the same
    /// state (axe takes seconds a page on a busy machine, and the browser tests have a time budget).
    /// </summary>
    public async Task GoAsync(string path)
    {
        var response = await page.GotoAsync(baseUrl + path);
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}.");
    }

    /// <summary>Checks the page as it is now (after a form was sent, say) with axe-core.</summary>
    public async Task CheckAsync(string where)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Axe.AssertAccessibleAsync(page, where);
        Checked.Add($"{where} ({clock.ElapsedMilliseconds} ms)");
    }

    /// <summary>Clicks a button and waits for the page it leads to.</summary>
    public async Task SubmitAsync(string button, ILocator? within = null)
    {
        var target = (within ?? page.Locator("main")).GetByRole(AriaRole.Button, new() { Name = button, Exact = true });
        // Waits for the page the click leads to (a form post), not for the load state of whichever page is there when
        // the wait begins, which can be the old one, already loaded: the old page carries a mark the new one has not.
        await page.EvaluateAsync("() => { window.leftByTest = true; }");
        await target.ClickAsync();
        await page.WaitForFunctionAsync("() => !window.leftByTest && document.readyState === 'complete'");
    }

    /// <summary>How far the page is wider than the window (0 when nothing scrolls sideways).</summary>
    public Task<int> SidewaysOverflowAsync() =>
        page.EvaluateAsync<int>("() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)");

    public async Task ShotAsync(string name, bool fullPage = true)
    {
        Directory.CreateDirectory(Screens);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screens, name + ".png"), FullPage = fullPage });
    }

    /// <summary>A screenshot of one part of the page (a long page shrinks to nothing when viewed whole).</summary>
    public static async Task ShotAsync(string name, ILocator part)
    {
        Directory.CreateDirectory(Screens);
        await part.ScreenshotAsync(new() { Path = Path.Combine(Screens, name + ".png") });
    }
}
