using System.Globalization;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Data.Invitations;
using MimeKit;

namespace CultureDiagnostics.Application.Invitations;

/// <summary>What an invitation or a reminder says: plain text, the person's own link, and what the platform promises them.</summary>
public static class InvitationMail
{
    /// <param name="minutes">About how long the survey takes.</param>
    public static MimeMessage Compose(
        SmtpOptions smtp, MailKind kind, string address, Campaign campaign, string unitName, int minutes, string link)
    {
        var closes = campaign.ClosesOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var duration = minutes > 0 ? $" It takes about {minutes.ToString(CultureInfo.InvariantCulture)} minutes, on a phone or a computer." : "";
        var threshold = campaign.Thresholds.Scores.ToString(CultureInfo.InvariantCulture);
        var (subject, opening, linkNote, promise) = kind == MailKind.Reminder
            ? ($"Reminder: {campaign.Title}",
                $"You have not answered \"{campaign.Title}\" yet, and there is still time: it is open until {closes}.{duration}",
                "This is a new link: the one in our earlier e-mail no longer works. It is for you alone and sends one response.",
                "Only the survey platform knows that your invitation is unused: it sends reminders itself, and nobody who runs the survey can see who has answered or who is reminded.")
            : ($"Your invitation: {campaign.Title}",
                $"{campaign.Organiser} invites you to answer the survey \"{campaign.Title}\" for {unitName}. It is open until {closes}.{duration}",
                "This link is for you alone and sends one response, so please do not forward it.",
                "Your answers are anonymous. The survey platform sends these e-mails itself: nobody who runs the survey sees your link or can tell whether you have answered.");
        var body = $"""
            Hello,

            {opening}

            Your personal link:
            {link}

            {linkNote}

            {promise} Results are only shown for groups of at least {threshold} people.
            """;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(string.IsNullOrWhiteSpace(smtp.FromName) ? campaign.Organiser : smtp.FromName.Trim(), smtp.FromAddress.Trim()));
        message.To.Add(MailboxAddress.Parse(address));
        message.Subject = subject;
        message.Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = body.ReplaceLineEndings("\r\n") };
        return message;
    }
}
