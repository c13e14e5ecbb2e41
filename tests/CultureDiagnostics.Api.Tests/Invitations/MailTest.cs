using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;
using Dapper;

namespace CultureDiagnostics.Api.Tests.Invitations;

/// <summary>
/// The platform with a real SMTP server beside it, and the change team's steps as a person takes them: create an
/// invitations-only campaign on the page, follow the campaign page's link to its invitations, import a list there.
/// </summary>
public sealed class MailTest : IAsyncDisposable
{
    public MailTest(bool mailServer = true)
    {
        Smtp = SmtpTestServer.Start();
        App = new TestApp(settings: mailServer ? Smtp.Settings : null);
    }

    public SmtpTestServer Smtp { get; }

    public TestApp App { get; }

    /// <summary>The change team's browser: signed in, following no redirect by itself.</summary>
    public HttpClient Team { get; private set; } = null!;

    public string CampaignId { get; private set; } = "";

    /// <summary>The campaign's page, where the change team starts.</summary>
    public string CampaignPage => $"/workspace/campaigns/{CampaignId}";

    /// <summary>Signs in, imports the test trust's structure and creates an open invitations-only campaign through the pages.</summary>
    public async Task<MailTest> WithOpenCampaignAsync(bool invitationsOnly = true)
    {
        Team = await WorkspaceClient.SignedInAsync(App);
        (await Team.PostAsync("/api/units/import", new StringContent(Scenario.StructureCsv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var created = await WorkspaceClient.PostFormAsync(Team, "/workspace/campaigns", "/workspace/campaigns",
            ("title", "Winter wave"), ("opensOn", "2026-11-01"), ("closesOn", "2026-11-30"), ("instruments", "psychological-safety"),
            ("units", "TEAM-1"), ("units", "TEAM-2"), ("scoreThreshold", "5"), ("commentThreshold", "10"),
            ("access", invitationsOnly ? "invitations" : "links"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        CampaignId = created.Headers.Location!.OriginalString.Split('/').Last();
        var opened = await WorkspaceClient.PostFormAsync(Team, CampaignPage, $"{CampaignPage}/open");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        return this;
    }

    /// <summary>The campaign page's link to its invitations, as the change team follows it.</summary>
    public async Task<string> InvitationsPageAsync()
    {
        var page = WorkspaceClient.Parse(await Team.GetStringAsync(CampaignPage));
        var link = page.QuerySelectorAll("a").FirstOrDefault(a => a.TextContent.Trim() == "Invitations by e-mail");
        Assert.True(link is not null, "The campaign page has no link to its invitations.");
        return link.GetAttribute("href")!;
    }

    /// <summary>Chooses a CSV file on the invitations page and sends the form; the response is not followed.</summary>
    public async Task<HttpResponseMessage> UploadListAsync(byte[] file)
    {
        var pagePath = await InvitationsPageAsync();
        var page = WorkspaceClient.Parse(await Team.GetStringAsync(pagePath));
        var form = page.QuerySelectorAll("form").Single(f => f.GetAttribute("enctype") == "multipart/form-data");
        var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector($"input[name={WorkspaceClient.TokenField}]")!.GetAttribute("value")!), WorkspaceClient.TokenField },
        };
        var fileContent = new ByteArrayContent(file);
        fileContent.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(fileContent, "file", "staff.csv");
        return await Team.PostAsync(form.GetAttribute("action"), content);
    }

    /// <summary>Uploads the list on the page and follows the redirect back to it.</summary>
    public async Task<IDocument> ImportOnThePageAsync(string csv)
    {
        var response = await UploadListAsync(Encoding.UTF8.GetBytes(csv));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return WorkspaceClient.Parse(await Team.GetStringAsync(response.Headers.Location!.OriginalString));
    }

    /// <summary>Presses the invitations page's reminders button and follows the redirect.</summary>
    public async Task<IDocument> PressRemindersAsync()
    {
        var pagePath = await InvitationsPageAsync();
        var page = WorkspaceClient.Parse(await Team.GetStringAsync(pagePath));
        var form = page.QuerySelectorAll("form").Single(f => f.QuerySelector("button")?.TextContent.Trim() == "E-mail reminders");
        var response = await WorkspaceClient.PostFormAsync(Team, pagePath, form.GetAttribute("action")!);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return WorkspaceClient.Parse(await Team.GetStringAsync(response.Headers.Location!.OriginalString));
    }

    /// <summary>A list of <paramref name="count"/> people, alternating between the two teams.</summary>
    public static string List(int count, string prefix = "person") =>
        "email,unit\n" + string.Join("\n", Enumerable.Range(1, count).Select(i => $"{prefix}{i}@trust.test,TEAM-{1 + (i % 2)}"));

    /// <summary>Waits until the outbox holds nothing more to send (what is left is undeliverable).</summary>
    public async Task OutboxDrainedAsync(int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (Pending() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The outbox still has {Pending()} e-mails to send after {seconds} s.");
            await Task.Delay(25);
        }
    }

    public long Pending()
    {
        using var db = App.OpenDatabase();
        return db.ExecuteScalar<long>("SELECT COUNT(*) FROM invitation_outbox WHERE undeliverable = 0");
    }

    public async ValueTask DisposeAsync()
    {
        Team?.Dispose();
        App.Dispose();
        await Smtp.DisposeAsync();
    }
}
