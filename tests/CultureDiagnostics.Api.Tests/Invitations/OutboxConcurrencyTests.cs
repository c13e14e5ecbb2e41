using System.Text;
using CultureDiagnostics.Application.Invitations;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Invitations;

/// <summary>
/// Several senders on one database, as several instances of the platform have (on SQLite here, on PostgreSQL when
/// the suite runs again with CD_TEST_DATABASE=postgres): each e-mail is claimed by one sender and sent once.
/// </summary>
public sealed class OutboxConcurrencyTests
{
    [Fact]
    public async Task SendersWorkingTheSameOutboxNeverSendAnEmailTwice()
    {
        await using var test = new MailTest();
        await test.WithOpenCampaignAsync();
        // Two more loops beside the platform's own, polling all the time, with small batches: every row is contested.
        var quick = new InvitationSenderSettings(3, TimeSpan.FromMilliseconds(20));
        var senders = Enumerable.Range(0, 2)
            .Select(_ => ActivatorUtilities.CreateInstance<InvitationSender>(test.App.Services, quick)).ToList();
        foreach (var sender in senders)
        {
            await sender.StartAsync(CancellationToken.None);
        }

        try
        {
            // The mail server holds the first e-mails back, so that claimed rows stay claimed while the other senders look.
            test.Smtp.Hold();
            var import = await test.Team.PostAsync($"/api/campaigns/{test.CampaignId}/invitees", new StringContent(MailTest.List(150), Encoding.UTF8, "text/csv"));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, import.StatusCode);
            await Task.Delay(1000);
            test.Smtp.Release();

            await test.Smtp.WaitForAsync(150);
            await test.OutboxDrainedAsync();
            await Task.Delay(500);
        }
        finally
        {
            foreach (var sender in senders)
            {
                await sender.StopAsync(CancellationToken.None);
            }
        }

        var received = test.Smtp.Received;
        Assert.Equal(150, received.Select(m => m.To).Distinct().Count());
        Assert.True(received.Count == 150,
            $"{received.Count} e-mails for 150 people; twice to: {string.Join(", ", received.GroupBy(m => m.To).Where(g => g.Count() > 1).Select(g => g.Key))}");
    }
}
