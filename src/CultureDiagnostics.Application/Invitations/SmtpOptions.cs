using System.Text.RegularExpressions;
using MailKit.Security;

namespace CultureDiagnostics.Application.Invitations;

/// <summary>
/// The "CultureDiagnostics:Smtp" section: the mail server that sends invitations and reminders. Without a
/// host the platform sends no e-mail, and the pages and API say so where e-mail would be needed.
/// </summary>
public sealed partial class SmtpOptions
{
    public const string Section = CultureDiagnosticsOptions.Section + ":Smtp";

    /// <summary>The mail server's name or address; empty means the platform sends no e-mail.</summary>
    public string Host { get; set; } = "";

    /// <summary>0 means the usual port for <see cref="Security"/>: 25 without encryption, 587 with STARTTLS, 465 with TLS on connect.</summary>
    public int Port { get; set; }

    /// <summary>None, StartTls (the default) or SslOnConnect.</summary>
    public string Security { get; set; } = nameof(SmtpSecurity.StartTls);

    /// <summary>The address invitations come from.</summary>
    public string FromAddress { get; set; } = "";

    /// <summary>The name shown beside <see cref="FromAddress"/>, such as "Staff survey".</summary>
    public string FromName { get; set; } = "";

    /// <summary>Empty when the server takes mail without signing in.</summary>
    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>The words the pages and the API use when e-mail is needed and no server is set.</summary>
    public const string NotConfigured =
        $"No mail server is configured, so the platform cannot e-mail invitations. The person who runs the platform sets {Section}:Host "
        + $"and {Section}:FromAddress (see the README's settings), then restarts it.";

    public SmtpSecurity SecurityMode => Enum.TryParse<SmtpSecurity>(Security.Trim(), ignoreCase: true, out var mode) ? mode : SmtpSecurity.StartTls;

    public int EffectivePort => Port != 0 ? Port : SecurityMode switch
    {
        SmtpSecurity.None => 25,
        SmtpSecurity.SslOnConnect => 465,
        _ => 587,
    };

    public SecureSocketOptions SocketOptions => SecurityMode switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };

    /// <summary>Everything wrong with these settings, each naming the setting; nothing when none is set.</summary>
    public IEnumerable<string> Problems()
    {
        var anySet = IsConfigured || Port != 0 || !string.IsNullOrWhiteSpace(FromAddress) || !string.IsNullOrWhiteSpace(FromName)
            || !string.IsNullOrWhiteSpace(UserName) || !string.IsNullOrWhiteSpace(Password);
        if (!anySet)
        {
            yield break;
        }

        if (!IsConfigured)
        {
            yield return $"{Section}:Host is empty but other {Section} settings are set: name the mail server, or remove the section to run without e-mail.";
        }

        if (Port is < 0 or > 65535)
        {
            yield return $"{Section}:Port is {Port}: it must be from 1 to 65535 (or 0 for the usual port of {Section}:Security).";
        }

        if (!Enum.TryParse<SmtpSecurity>(Security.Trim(), ignoreCase: true, out var security) || !Enum.IsDefined(security) || int.TryParse(Security, out _))
        {
            yield return $"{Section}:Security is '{Security}': it must be None, StartTls or SslOnConnect.";
        }
        else if (security == SmtpSecurity.None && !string.IsNullOrWhiteSpace(UserName))
        {
            yield return $"{Section}:Security is None but {Section}:UserName is set: the password would cross the network unencrypted. Use StartTls or SslOnConnect.";
        }

        if (!IsAddress(FromAddress))
        {
            yield return $"{Section}:FromAddress is '{FromAddress}': it must be one e-mail address, such as staff-survey@trust.example.";
        }

        if (!string.IsNullOrWhiteSpace(UserName) && string.IsNullOrEmpty(Password))
        {
            yield return $"{Section}:UserName is set but {Section}:Password is empty: set both to sign in to the mail server, or neither.";
        }
        else if (string.IsNullOrWhiteSpace(UserName) && !string.IsNullOrEmpty(Password))
        {
            yield return $"{Section}:Password is set but {Section}:UserName is empty: set both to sign in to the mail server, or neither.";
        }
    }

    /// <summary>
    /// One plain address (local@domain.tld), as people type it into a list: no display name, no angle brackets,
    /// no comments, no spaces. Stricter than the RFC on purpose: a typing mistake is reported, not sent.
    /// </summary>
    public static bool IsAddress(string? text) =>
        text is { Length: > 0 and <= 254 } && AddressPattern().IsMatch(text) && MimeKit.MailboxAddress.TryParse(text, out _);

    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\z")]
    private static partial Regex AddressPattern();
}

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}
