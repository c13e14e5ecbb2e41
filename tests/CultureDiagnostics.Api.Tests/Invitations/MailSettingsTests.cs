using System.Net;
using System.Text;
using CultureDiagnostics.Api.Tests.Support;

namespace CultureDiagnostics.Api.Tests.Invitations;

/// <summary>
/// The mail server's settings: checked at start with a message naming the setting, and when none is set the
/// e-mail features say so plainly, on the page and in problem details, instead of pretending to send.
/// </summary>
public sealed class MailSettingsTests
{
    private static Dictionary<string, string?> Good => new()
    {
        ["CultureDiagnostics:Smtp:Host"] = "mail.trust.test",
        ["CultureDiagnostics:Smtp:FromAddress"] = "staff-survey@trust.test",
    };

    [Theory]
    [InlineData("CultureDiagnostics:Smtp:Port", "70000", "CultureDiagnostics:Smtp:Port")]
    [InlineData("CultureDiagnostics:Smtp:Security", "Tls13Please", "CultureDiagnostics:Smtp:Security")]
    [InlineData("CultureDiagnostics:Smtp:FromAddress", "Staff survey", "CultureDiagnostics:Smtp:FromAddress")]
    [InlineData("CultureDiagnostics:Smtp:UserName", "survey", "CultureDiagnostics:Smtp:Password")]
    [InlineData("CultureDiagnostics:Smtp:Password", "secret", "CultureDiagnostics:Smtp:UserName")]
    [InlineData("CultureDiagnostics:Smtp:Host", "", "CultureDiagnostics:Smtp:Host")]
    [InlineData("CultureDiagnostics:PublicBaseUrl", "", "CultureDiagnostics:PublicBaseUrl")]
    public void ABadMailSettingStopsStartupNamingIt(string setting, string value, string named)
    {
        var settings = Good;
        settings[setting] = value;
        using var app = new TestApp(settings: settings);

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient()).ToString();

        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.False(File.Exists(app.DatabasePath), "the database was opened before the settings were checked");
    }

    [Fact]
    public void CredentialsOverAnUnencryptedConnectionStopStartup()
    {
        var settings = Good;
        settings["CultureDiagnostics:Smtp:Security"] = "None";
        settings["CultureDiagnostics:Smtp:UserName"] = "survey";
        settings["CultureDiagnostics:Smtp:Password"] = "secret";
        using var app = new TestApp(settings: settings);

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient()).ToString();

        Assert.Contains("CultureDiagnostics:Smtp:Security is None but CultureDiagnostics:Smtp:UserName is set", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoodMailSettingsStart()
    {
        var settings = Good;
        settings["CultureDiagnostics:Smtp:Security"] = "sslonconnect";
        settings["CultureDiagnostics:Smtp:UserName"] = "survey";
        settings["CultureDiagnostics:Smtp:Password"] = "secret";
        using var app = new TestApp(settings: settings);

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task WithoutAMailServerThePageAndTheApiSaySoAndNothingIsStored()
    {
        await using var test = new MailTest(mailServer: false);
        await test.WithOpenCampaignAsync();

        var page = await test.Team.GetStringAsync(await test.InvitationsPageAsync());
        Assert.Contains("No mail server is configured", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Add and e-mail invitations", page, StringComparison.Ordinal);

        var import = await test.Team.PostAsync($"/api/campaigns/{test.CampaignId}/invitees", new StringContent(MailTest.List(2), Encoding.UTF8, "text/csv"));
        var problem = await ProblemAssert.IsProblemAsync(import, 409);
        Assert.Equal("No mail server is configured.", problem["title"]!.GetValue<string>());
        Assert.Contains("CultureDiagnostics:Smtp:Host", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var remind = await ProblemAssert.IsProblemAsync(await test.Team.PostAsync($"/api/campaigns/{test.CampaignId}/reminders", null), 409);
        Assert.Equal("No mail server is configured.", remind["title"]!.GetValue<string>());
        var status = await TestApp.ReadObjectAsync(await test.Team.GetAsync($"/api/campaigns/{test.CampaignId}/invitees"));
        Assert.False(status["mailConfigured"]!.GetValue<bool>());
        Assert.Contains("No mail server is configured", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, test.App.Count("invitation_recipients"));
    }
}
