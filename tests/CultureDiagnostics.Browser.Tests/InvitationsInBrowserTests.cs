using System.Text;
using Microsoft.Playwright;

namespace CultureDiagnostics.Browser.Tests;

/// <summary>
/// A server whose mail settings are filled in, so that the invitations page shows its forms. Nothing listens at
/// the address: these tests look at the pages, and the e-mails themselves are tested against a real SMTP server
/// in the API tests (Invitations/).
/// </summary>
public sealed class MailBrowserFixture() : BrowserFixture(demo: false, new Dictionary<string, string?>
{
    ["CultureDiagnostics:Smtp:Host"] = "127.0.0.1",
    ["CultureDiagnostics:Smtp:Port"] = "9",
    ["CultureDiagnostics:Smtp:Security"] = "None",
    ["CultureDiagnostics:Smtp:FromAddress"] = "staff-survey@trust.test",
});

/// <summary>
/// The change team sets up personal invitations through the pages in Chromium, on a laptop and on a phone: the
/// campaign form's warning and choice, the invitations page with a list's problems and after an import, with
/// axe-core finding no violation and nothing scrolling sideways.
/// </summary>
public sealed class InvitationsInBrowserTests(MailBrowserFixture fixture) : IClassFixture<MailBrowserFixture>
{
    private static FilePayload Csv(string text) => new() { Name = "staff.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    [Fact]
    public async Task PersonalInvitationsAreSetUpThroughThePagesWithNoAccessibilityViolations()
    {
        var member = new ChangeTeamMember(await (await fixture.DesktopAsync()).NewPageAsync(), fixture.BaseUrl);
        var page = member.Page;
        await member.SignInAsync(fixture.AdminEmail, Api.Tests.Support.TestApp.Password, check: false);

        await member.VisitAsync("/workspace/campaigns");
        await Assertions.Expect(page.Locator(".warning")).ToContainTextAsync("Team Two (9)");
        await page.GetByLabel("Title").FillAsync("Invited wave");
        await page.GetByLabel("Opens on").FillAsync("2026-11-01");
        await page.GetByLabel("Closes on").FillAsync("2026-11-30");
        await page.GetByLabel("Psychological safety", new() { Exact = false }).CheckAsync();
        await page.GetByLabel("Personal invitations by e-mail").CheckAsync();
        await member.SubmitAsync("Create campaign");
        await member.SubmitAsync("Open the campaign");
        await member.CheckAsync("an open campaign with personal invitations");
        await page.GetByRole(AriaRole.Link, new() { Name = "Invitations by e-mail" }).ClickAsync();
        await member.CheckAsync("the invitations page");

        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("email,unit\nann@trust.test,TEAM-1\nnot-an-address,TEAM-9\n"));
        await member.SubmitAsync("Add and e-mail invitations");
        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("Row 3, email");
        await member.CheckAsync("the invitations page with a list's problems");
        await summary.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByLabel("CSV file")).ToBeFocusedAsync();

        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("email,unit\nann@trust.test,TEAM-1\nbob@trust.test,TEAM-2\n"));
        await member.SubmitAsync("Add and e-mail invitations");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added 2 people.");
        await member.CheckAsync("the invitations page after an import");
        var invitations = new Uri(page.Url).AbsolutePath;

        var phone = new ChangeTeamMember(await (await fixture.PhoneAsync()).NewPageAsync(), fixture.BaseUrl);
        await phone.SignInAsync(fixture.AdminEmail, Api.Tests.Support.TestApp.Password, check: false);
        foreach (var path in new[] { invitations, "/workspace/campaigns" })
        {
            await phone.VisitAsync(path);
            Assert.True(await phone.SidewaysOverflowAsync() == 0, $"{path} scrolls sideways on a phone.");
        }
    }
}
