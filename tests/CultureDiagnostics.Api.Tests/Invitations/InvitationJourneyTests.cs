using System.Net;
using System.Net.Http.Json;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Survey;
using CultureDiagnostics.Api.Tests.Workspace;
using CultureDiagnostics.Application.Invitations;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Invitations;

/// <summary>
/// Invitations the platform e-mails itself, end to end through a real SMTP server: the change team imports a
/// list on the page, each person receives their own link, follows it to answer, and reminders reach only those
/// who have not answered.
/// </summary>
public sealed class InvitationJourneyTests : IAsyncLifetime
{
    private readonly MailTest _test = new();

    public async Task InitializeAsync() => await _test.WithOpenCampaignAsync();

    public async Task DisposeAsync() => await _test.DisposeAsync();

    [Fact]
    public async Task EveryoneImportedOnThePageReceivesOneEmailWithAWorkingLinkOfTheirOwn()
    {
        var page = await _test.ImportOnThePageAsync(MailTest.List(6));

        Assert.Contains("Added 6 people.", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        var mails = await _test.Smtp.WaitForAsync(6);
        await _test.OutboxDrainedAsync();
        Assert.Equal(6, mails.Count);
        Assert.Equal(Enumerable.Range(1, 6).Select(i => $"person{i}@trust.test").Order(), mails.Select(m => m.To).Order());
        Assert.Equal(6, mails.Select(m => m.Token).Distinct().Count());
        Assert.All(mails, m => Assert.Equal("Your invitation: Winter wave", m.Subject));

        // Each link opens the survey for the person's own team.
        var anonymous = WorkspaceClient.Anonymous(_test.App);
        foreach (var mail in mails)
        {
            var survey = await anonymous.GetAsync(mail.Path);
            Assert.Equal(HttpStatusCode.OK, survey.StatusCode);
            var api = await TestApp.ReadObjectAsync(await anonymous.GetAsync($"/api/survey/{mail.Token}"));
            var team = mail.To is "person1@trust.test" or "person3@trust.test" or "person5@trust.test" ? "Team Two" : "Team One";
            Assert.Equal(team, api["unit"]!.GetValue<string>());
        }

        // Only hashes are stored: no token is in the database.
        using var db = _test.App.OpenDatabase();
        var hashes = db.Query<string>("SELECT token_hash FROM invitations").ToList();
        Assert.Equal(6, hashes.Count);
        Assert.All(mails, m => Assert.DoesNotContain(m.Token, hashes));
        Assert.Equal(6, db.ExecuteScalar<long>("SELECT COUNT(*) FROM invitation_recipients WHERE token_hash IS NOT NULL"));
    }

    [Fact]
    public async Task TheLinkInTheEmailLeadsThroughTheSurveyToAStoredResponseOnce()
    {
        await _test.ImportOnThePageAsync(MailTest.List(2));
        var mail = (await _test.Smtp.WaitForAsync(2))[0];

        var respondent = WorkspaceClient.Anonymous(_test.App);
        var form = await new SurveyForm(respondent, mail.Token).OpenAsync();
        await form.StartAsync();
        await form.AnswerAllAsync();
        await form.PostAsync("send");
        Assert.Equal(HttpStatusCode.OK, form.Response.StatusCode);
        Assert.Equal(1, _test.App.Count("responses"));

        // The same link cannot answer again.
        var again = await new SurveyForm(respondent, mail.Token).OpenAsync();
        await again.StartAsync();
        await again.AnswerAllAsync();
        await again.PostAsync("send");
        Assert.NotEqual(HttpStatusCode.OK, again.Response.StatusCode);
        Assert.Equal(1, _test.App.Count("responses"));
    }

    [Fact]
    public async Task RemindersReachExactlyThoseWhoHaveNotAnsweredWithALinkThatWorks()
    {
        await _test.ImportOnThePageAsync(MailTest.List(5));
        var invitations = await _test.Smtp.WaitForAsync(5);
        await _test.OutboxDrainedAsync();
        var answered = invitations.Where(m => m.To is "person2@trust.test" or "person4@trust.test").ToList();
        foreach (var mail in answered)
        {
            await Scenario.SubmitAsync(_test.App, Scenario.ValidSubmission(_test.App, mail.Token));
        }

        var page = await _test.PressRemindersAsync();

        Assert.Equal(MailTestWords.RemindersQueued, page.QuerySelector(".notice")!.TextContent.Trim());
        var all = await _test.Smtp.WaitForAsync(8);
        await _test.OutboxDrainedAsync();
        await Task.Delay(200);
        var reminders = _test.Smtp.Received.Where(m => m.Subject == "Reminder: Winter wave").ToList();
        Assert.Equal(["person1@trust.test", "person3@trust.test", "person5@trust.test"], reminders.Select(m => m.To).Order());
        Assert.Equal(8, _test.Smtp.Received.Count);

        // The reminder's link answers; the invitation's link it replaced no longer does.
        var reminder = reminders.First(m => m.To == "person1@trust.test");
        var replaced = invitations.First(m => m.To == "person1@trust.test");
        Assert.Equal(HttpStatusCode.NotFound, (await _test.App.CreateClient().GetAsync($"/api/survey/{replaced.Token}")).StatusCode);
        await Scenario.SubmitAsync(_test.App, Scenario.ValidSubmission(_test.App, reminder.Token));

        // A second press reminds the two still to answer, once each.
        await _test.PressRemindersAsync();
        await _test.Smtp.WaitForAsync(10);
        await _test.OutboxDrainedAsync();
        await Task.Delay(200);
        Assert.Equal(["person3@trust.test", "person5@trust.test"],
            _test.Smtp.Received.Skip(8).Select(m => m.To).Order());
    }

    [Fact]
    public async Task AListOfThousandsIsTakenAtOnceAndSentInTheBackground()
    {
        _test.Smtp.Hold();

        var response = await _test.Team.PostAsync($"/api/campaigns/{_test.CampaignId}/invitees",
            new StringContent(MailTest.List(2000), System.Text.Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2000, (await TestApp.ReadObjectAsync(response))["added"]!.GetValue<int>());
        Assert.Empty(_test.Smtp.Received);
        var status = await TestApp.ReadObjectAsync(await _test.Team.GetAsync($"/api/campaigns/{_test.CampaignId}/invitees"));
        Assert.Equal(2000, status["listed"]!.GetValue<int>());
        Assert.True(status["waiting"]!.GetValue<int>() > 1900, status.ToJsonString());
        _test.Smtp.Release();
    }

    [Fact]
    public async Task AFailedSendIsRetriedAfterABackOffAndARefusedAddressIsCountedUndeliverable()
    {
        _test.Smtp.RefuseForNow = 1;
        _test.Smtp.RefusedAddresses["person2@trust.test"] = true;

        await _test.ImportOnThePageAsync(MailTest.List(2));

        // The first attempt was refused for now: it waits a minute, by the platform's clock.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Attempted() < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "The sender never tried both e-mails.");
            await Task.Delay(25);
        }

        Assert.Empty(_test.Smtp.Received);
        Assert.Equal(1, _test.Pending());
        _test.App.Clock.Now += InvitationSender.RetryDelay(1);
        _test.App.Services.GetRequiredService<InvitationOutboxSignal>().Pulse();

        var mail = Assert.Single(await _test.Smtp.WaitForAsync(1));
        Assert.Equal("person1@trust.test", mail.To);
        await _test.OutboxDrainedAsync();
        var status = await TestApp.ReadObjectAsync(await _test.Team.GetAsync($"/api/campaigns/{_test.CampaignId}/invitees"));
        Assert.Equal((2, 1, 0, 1), (status["listed"]!.GetValue<int>(), status["sent"]!.GetValue<int>(), status["waiting"]!.GetValue<int>(),
            status["undeliverable"]!.GetValue<int>()));

        long Attempted()
        {
            using var db = _test.App.OpenDatabase();
            return db.ExecuteScalar<long>("SELECT COUNT(*) FROM invitation_outbox WHERE attempts > 0 AND claimed_by IS NULL");
        }
    }

    [Fact]
    public async Task AReminderWhileTheMailServerIsDownLeavesTheHeldLinkWorking()
    {
        await _test.ImportOnThePageAsync(MailTest.List(1));
        var invitation = (await _test.Smtp.WaitForAsync(1))[0];
        await _test.OutboxDrainedAsync();
        await _test.Smtp.StopAsync();

        await _test.PressRemindersAsync();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (FailedAttempts() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The sender never tried the reminder.");
            await Task.Delay(25);
        }

        Assert.Equal(HttpStatusCode.OK, (await _test.App.CreateClient().GetAsync($"/api/survey/{invitation.Token}")).StatusCode);

        long FailedAttempts()
        {
            using var db = _test.App.OpenDatabase();
            return db.ExecuteScalar<long>("SELECT COUNT(*) FROM invitation_outbox WHERE kind = 'reminder' AND last_error IS NOT NULL");
        }
    }

    [Fact]
    public async Task RemindersByTheApiAreAcknowledgedWithoutACount()
    {
        await _test.ImportOnThePageAsync(MailTest.List(3));
        await _test.Smtp.WaitForAsync(3);

        var response = await _test.Team.PostAsync($"/api/campaigns/{_test.CampaignId}/reminders", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await TestApp.ReadObjectAsync(response);
        Assert.Equal(["message", "status"], body.Select(p => p.Key).Order());
        Assert.DoesNotMatch("[0-9]", body["message"]!.GetValue<string>());
        await _test.Smtp.WaitForAsync(6);
    }
}

/// <summary>The platform's confirmations, as the tests expect to read them.</summary>
internal static class MailTestWords
{
    public const string RemindersQueued = CultureDiagnostics.Api.Campaigns.InvitationMailApi.RemindersMessage;
}
