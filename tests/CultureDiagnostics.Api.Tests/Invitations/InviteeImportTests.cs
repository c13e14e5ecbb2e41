using System.Net;
using System.Text;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;

namespace CultureDiagnostics.Api.Tests.Invitations;

/// <summary>
/// Importing the list of addresses: every bad row reported by its line, in order, on the page and by the API
/// alike, and nothing stored or sent unless every row is right; Excel's "CSV UTF-8" taken as it is saved.
/// </summary>
public sealed class InviteeImportTests : IAsyncLifetime
{
    private const string BadList = """
        email,unit
        good1@trust.test,TEAM-1
        not-an-address,TEAM-1
        good2@trust.test,WARD-9
        good1@trust.test,TEAM-2
        Someone <someone@trust.test>,
        good3@trust.test,TEAM-2,extra
        """;

    /// <summary>What each bad line above is told, in the order of the lines (the header is line 1).</summary>
    private static readonly string[] Expected =
    [
        "row 3: email|'not-an-address' is not an e-mail address (one address such as name@trust.example).",
        "row 4: unit|The unit 'WARD-9' is not part of this campaign.",
        "row 5: email|'good1@trust.test' is also on row 2: each person gets one invitation.",
        "row 6: email|'Someone <someone@trust.test>' is not an e-mail address (one address such as name@trust.example).",
        "row 6: unit|The unit code is missing.",
        "row 7: row|The row has 3 fields; the header has 2.",
    ];

    private readonly MailTest _test = new();

    public async Task InitializeAsync() => await _test.WithOpenCampaignAsync();

    public async Task DisposeAsync() => await _test.DisposeAsync();

    [Fact]
    public async Task EveryBadRowIsReportedInOrderOnThePageAndNothingIsStored()
    {
        var response = await _test.UploadListAsync(Encoding.UTF8.GetBytes(BadList));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await WorkspaceClient.ParseAsync(response);
        var summary = page.QuerySelectorAll(".error-summary li a").Select(a => (Href: a.GetAttribute("href"), Text: a.TextContent.Trim())).ToList();
        Assert.Equal(Expected.Select(e => e.Split('|')).Select(e => $"Row {e[0][4..].Replace(":", ",", StringComparison.Ordinal)}: {e[1]}"),
            summary.Select(s => s.Text));
        Assert.All(summary, s => Assert.Equal("#file", s.Href));
        Assert.Equal("true", page.GetElementById("file")!.GetAttribute("aria-invalid"));
        AssertNothingStored();
    }

    [Fact]
    public async Task EveryBadRowIsReportedInOrderByTheApiAndNothingIsStored()
    {
        var response = await _test.Team.PostAsync($"/api/campaigns/{_test.CampaignId}/invitees", new StringContent(BadList, Encoding.UTF8, "text/csv"));

        var problem = await ProblemAssert.IsProblemAsync(response, 400);
        var errors = problem["errors"]!.AsObject()
            .SelectMany(e => e.Value!.AsArray().Select(m => $"{e.Key}|{m!.GetValue<string>()}")).ToList();
        Assert.Equal(Expected, errors);
        AssertNothingStored();
    }

    [Fact]
    public async Task ExcelsCsvUtf8WithAByteOrderMarkAndBlankLinesIsTaken()
    {
        var excel = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Email,Unit\r\nÁine.Ó@trust.test,team-1\r\nbob@trust.test,TEAM-2\r\n,\r\n")).ToArray();

        var response = await _test.UploadListAsync(excel);

        // The accented address is not one the platform takes (plain ASCII addresses only), and says so: a second file without it is taken.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var summary = (await WorkspaceClient.ParseAsync(response)).QuerySelectorAll(".error-summary li a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Row 2, email: 'Áine.Ó@trust.test' is not an e-mail address (one address such as name@trust.example)."], summary);

        var fixedList = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Email,Unit\r\naine.o@trust.test,team-1\r\nBob@Trust.test,TEAM-2\r\n,\r\n")).ToArray();
        var taken = await _test.UploadListAsync(fixedList);
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        var mails = await _test.Smtp.WaitForAsync(2);
        Assert.Equal(["aine.o@trust.test", "bob@trust.test"], mails.Select(m => m.To).Order());

        // Listing someone again is refused: one invitation per person.
        var again = await _test.Team.PostAsync($"/api/campaigns/{_test.CampaignId}/invitees",
            new StringContent("email,unit\nBOB@trust.test,TEAM-2\n", Encoding.UTF8, "text/csv"));
        Assert.Contains("already invited", (await ProblemAssert.HasFieldErrorAsync(again, "row 2: email"))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AListForACampaignWithSharedLinksIsRefused()
    {
        await using var shared = new MailTest();
        await shared.WithOpenCampaignAsync(invitationsOnly: false);

        var response = await shared.Team.PostAsync($"/api/campaigns/{shared.CampaignId}/invitees", new StringContent(MailTest.List(1), Encoding.UTF8, "text/csv"));

        var problem = await ProblemAssert.IsProblemAsync(response, 409);
        Assert.Equal("This campaign uses shared links.", problem["title"]!.GetValue<string>());
        Assert.Equal(0, shared.App.Count("invitation_recipients"));
    }

    private void AssertNothingStored()
    {
        Assert.Equal(0, _test.App.Count("invitation_recipients"));
        Assert.Equal(0, _test.App.Count("invitation_outbox"));
        Assert.Equal(0, _test.App.Count("invitations"));
        Assert.Empty(_test.Smtp.Received);
    }
}
