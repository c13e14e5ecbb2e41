using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Invitations;
using CultureDiagnostics.Data.Organisation;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CultureDiagnostics.Application.Invitations;

/// <summary>How a sender works through the outbox; the defaults suit a deployment, tests choose quicker ones.</summary>
/// <param name="Batch">E-mails claimed at once and sent over one connection to the mail server.</param>
/// <param name="PollInterval">How often the outbox is read when nothing wakes the sender (rows queued by other instances, retries falling due).</param>
public sealed record InvitationSenderSettings(int Batch, TimeSpan PollInterval)
{
    public static InvitationSenderSettings Default { get; } = new(10, TimeSpan.FromSeconds(15));
}

/// <summary>
/// Sends what the outbox holds, in the background of every instance: claims a few e-mails at a time (no other
/// sender, on this instance or another on the same database, takes them until the lease ends), gives each
/// invitation a new token, sends it over SMTP, and deletes the row once sent. A failure puts the e-mail back with
/// a due time that doubles with each attempt (from a minute up to an hour); an address the mail server refuses,
/// or an e-mail that failed <see cref="MaxAttempts"/> times, is counted as undeliverable. Each round also deletes
/// the address lists of campaigns that have ended (closed, or past their closing date). Delivery is at least once:
/// a sender that stops between sending and deleting the row leaves it to be sent again when the lease ends.
/// </summary>
public sealed partial class InvitationSender(
    InvitationOutboxStore outbox, InvitationListStore lists, CampaignStore campaigns, UnitStore units, InstrumentCatalogue catalogue,
    IRespondentLinks links, IOptions<CultureDiagnosticsOptions> options, InvitationOutboxSignal signal, TimeProvider clock,
    ILogger<InvitationSender> logger, InvitationSenderSettings? settings = null) : BackgroundService
{
    /// <summary>About a day of attempts, the waits doubling up to an hour.</summary>
    public const int MaxAttempts = 24;

    /// <summary>How long one exchange with the mail server may take before it counts as failed.</summary>
    public static readonly TimeSpan ServerTimeout = TimeSpan.FromSeconds(30);

    private readonly InvitationSenderSettings _settings = settings ?? InvitationSenderSettings.Default;

    /// <summary>This sender's name in the rows it claims: unique, so that two senders never take each other's rows for their own.</summary>
    public string Name { get; } = $"{Environment.MachineName}/{Guid.NewGuid():N}";

    private SmtpOptions Smtp => options.Value.Smtp;

    /// <summary>Covers sending a whole batch with every exchange at its timeout (connecting, then each e-mail's three steps).</summary>
    private TimeSpan Lease => ServerTimeout * (2 + (3 * _settings.Batch));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await lists.ForgetEndedAsync(clock.Today(), stoppingToken);
                if (Smtp.IsConfigured)
                {
                    while (await SendDueAsync(stoppingToken) > 0)
                    {
                    }
                }

                await signal.WaitAsync(_settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database was out of reach, say: the rows stay, and the next round tries again.
                LogRoundFailed(logger, e);
                await Task.Delay(_settings.PollInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Claims one batch of due e-mails and sends them; the value is how many were claimed (0: nothing is due).</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var claimed = await outbox.ClaimAsync(Name, _settings.Batch, clock.GetUtcNow(), Lease, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var context = new BatchContext(campaigns, units, catalogue);
        SmtpClient? client = null;
        var done = 0;
        try
        {
            foreach (var mail in claimed)
            {
                client = await SendAsync(mail, client, context, cancellationToken);
                done++;
            }
        }
        finally
        {
            // Stopped part-way: the rest are handed back at once rather than when the lease ends.
            foreach (var mail in claimed.Skip(done))
            {
                await outbox.RetryLaterAsync(mail, Name, clock.GetUtcNow(), "The sender stopped before sending it.", CancellationToken.None);
            }

            if (client is not null)
            {
                await DisconnectAsync(client);
            }
        }

        return claimed.Count;
    }

    /// <summary>Sends one e-mail (or finds there is nothing to send); the value is the connection to use for the next.</summary>
    private async Task<SmtpClient?> SendAsync(ClaimedMail mail, SmtpClient? client, BatchContext context, CancellationToken cancellationToken)
    {
        try
        {
            // Connected before a new token replaces the person's current one: with the mail server out of reach a
            // reminder would otherwise disable the link they hold without bringing them another.
            client ??= await ConnectAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await FailedAsync(mail, e);
            return null;
        }

        var token = CampaignStore.NewInvitationToken();
        var recipient = await outbox.IssueTokenAsync(mail, CampaignStore.HashToken(token), cancellationToken);
        var campaign = recipient is null ? null : await context.CampaignAsync(mail.CampaignId, cancellationToken);
        if (recipient is null || campaign is null)
        {
            // Spent (the person has answered), a reminder before any invitation was sent, or the list is gone.
            await outbox.CompleteAsync(mail, Name, cancellationToken);
            return client;
        }

        var message = InvitationMail.Compose(Smtp, mail.Kind, recipient.Address, campaign,
            await context.UnitNameAsync(campaign.Id, recipient.UnitId, cancellationToken), context.Minutes(campaign), links.RespondentLink(token));
        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await FailedAsync(mail, e);
            // After a refusal of one e-mail the server still talks; after anything else, start a new connection.
            if (e is not SmtpCommandException)
            {
                await DisconnectAsync(client);
                client = null;
            }

            return client;
        }

        await outbox.CompleteAsync(mail, Name, CancellationToken.None);
        return client;
    }

    private async Task FailedAsync(ClaimedMail mail, Exception e)
    {
        var error = $"{e.GetType().Name}: {e.Message}";
        error = error[..Math.Min(error.Length, 500)];
        var refused = e is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } command && (int)command.StatusCode >= 500;
        if (refused || mail.Attempts >= MaxAttempts)
        {
            LogGaveUp(logger, mail.Id, mail.Attempts, error);
            await outbox.GiveUpAsync(mail, Name, error, CancellationToken.None);
            return;
        }

        var wait = RetryDelay(mail.Attempts);
        LogWillRetry(logger, mail.Id, mail.Attempts, wait, error);
        await outbox.RetryLaterAsync(mail, Name, clock.GetUtcNow() + wait, error, CancellationToken.None);
    }

    /// <summary>A minute after the first failure, doubling after each one, never more than an hour.</summary>
    public static TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Clamp(attempts - 1, 0, 10))));

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)ServerTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(Smtp.Host.Trim(), Smtp.EffectivePort, Smtp.SocketOptions, cancellationToken);
            if (!string.IsNullOrWhiteSpace(Smtp.UserName))
            {
                await client.AuthenticateAsync(Smtp.UserName, Smtp.Password, cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task DisconnectAsync(SmtpClient client)
    {
        using (client)
        {
            if (client.IsConnected)
            {
                try
                {
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
                catch (Exception e) when (e is IOException or ServiceNotConnectedException or ProtocolException or TimeoutException)
                {
                    // Sent and recorded already: a connection that fails while saying goodbye loses nothing.
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending e-mailed invitations failed; the outbox is tried again at the next round.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    // The e-mail's row id, never its address or link: the logs hold no personal data.
    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {Id} was not sent (attempt {Attempts}); trying again in {Wait}: {Error}")]
    private static partial void LogWillRetry(ILogger logger, string id, int attempts, TimeSpan wait, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {Id} is undeliverable after {Attempts} attempt(s): {Error}")]
    private static partial void LogGaveUp(ILogger logger, string id, int attempts, string error);

    /// <summary>Campaigns and unit names read once per batch.</summary>
    private sealed class BatchContext(CampaignStore campaigns, UnitStore units, InstrumentCatalogue catalogue)
    {
        private readonly Dictionary<string, Campaign?> _campaigns = [];
        private readonly Dictionary<string, Dictionary<string, string>> _unitNames = new(StringComparer.Ordinal);

        public async Task<Campaign?> CampaignAsync(string id, CancellationToken cancellationToken)
        {
            if (!_campaigns.TryGetValue(id, out var campaign))
            {
                _campaigns[id] = campaign = await campaigns.FindAsync(id, cancellationToken);
            }

            return campaign;
        }

        /// <summary>The unit's name in the structure its campaign runs with.</summary>
        public async Task<string> UnitNameAsync(string campaignId, string unitId, CancellationToken cancellationToken)
        {
            if (!_unitNames.TryGetValue(campaignId, out var names))
            {
                _unitNames[campaignId] = names = (await units.ForCampaignAsync(campaignId, cancellationToken)).ToDictionary(u => u.Id, u => u.Name);
            }

            return names.GetValueOrDefault(unitId, "your team");
        }

        public int Minutes(Campaign campaign) =>
            campaign.Instruments.Sum(i => catalogue.Find(i.InstrumentId, i.Version)?.EstimatedMinutes ?? 0);
    }
}
