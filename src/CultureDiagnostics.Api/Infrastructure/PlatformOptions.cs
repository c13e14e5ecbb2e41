using CultureDiagnostics.Application;
using Microsoft.Extensions.Options;

namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>
/// The "CultureDiagnostics" configuration section as the web host reads it: the settings it shares with the
/// command line (<see cref="CultureDiagnosticsOptions"/>: data, database, surveys) and its own.
/// </summary>
public sealed class PlatformOptions : CultureDiagnosticsOptions
{
    /// <summary>Load the fictional demo trust when the database is empty.</summary>
    public bool Demo { get; set; } = true;

    /// <summary>The address respondents use, for printed links and posters; empty means the first listening address.</summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>The "CultureDiagnostics:RateLimits" section, checked here with the rest (RequestLimits applies it).</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>The "CultureDiagnostics:Support" section: where the survey's thank-you page sends staff for support and the privacy notice.</summary>
    public SupportOptions Support { get; set; } = new();
}

/// <summary>
/// The organisation's own pages that respondents are pointed to once they have answered (each optional: without an
/// address the page names the support without a link).
/// </summary>
public sealed class SupportOptions
{
    /// <summary>The organisation's privacy notice for staff surveys.</summary>
    public string PrivacyNoticeUrl { get; set; } = "";

    /// <summary>How to reach the organisation's Freedom to Speak Up guardian.</summary>
    public string FreedomToSpeakUpUrl { get; set; } = "";

    /// <summary>The organisation's staff wellbeing and support page.</summary>
    public string WellbeingUrl { get; set; } = "";
}

/// <summary>Refuses web settings that cannot work, naming each as it is written in configuration.</summary>
public sealed class PlatformOptionsValidator : IValidateOptions<PlatformOptions>
{
    public ValidateOptionsResult Validate(string? name, PlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            && !(Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)))
        {
            failures.Add($"{PlatformOptions.Section}:PublicBaseUrl is '{options.PublicBaseUrl}': it must be an absolute http or https address "
                + "such as https://survey.example.org (or empty to use the first address the platform listens on).");
        }

        else if (string.IsNullOrWhiteSpace(options.PublicBaseUrl) && options.Smtp.IsConfigured)
        {
            failures.Add($"{PlatformOptions.Section}:PublicBaseUrl is empty but {CultureDiagnostics.Application.Invitations.SmtpOptions.Section}:Host is set: "
                + "e-mailed invitations link to the platform, so set the address staff reach it at, such as https://survey.example.org.");
        }

        foreach (var (setting, value) in new[]
        {
            (nameof(SupportOptions.PrivacyNoticeUrl), options.Support.PrivacyNoticeUrl),
            (nameof(SupportOptions.FreedomToSpeakUpUrl), options.Support.FreedomToSpeakUpUrl),
            (nameof(SupportOptions.WellbeingUrl), options.Support.WellbeingUrl),
        }.Where(s => !string.IsNullOrWhiteSpace(s.Item2)))
        {
            if (!(Uri.TryCreate(value, UriKind.Absolute, out var link) && (link.Scheme == Uri.UriSchemeHttps || link.Scheme == Uri.UriSchemeHttp)))
            {
                failures.Add($"{PlatformOptions.Section}:Support:{setting} is '{value}': it must be an absolute http or https address such as https://www.example.nhs.uk/privacy (or empty).");
            }
        }

        var limits = options.RateLimits;
        foreach (var (setting, value) in new[]
        {
            (nameof(limits.SubmissionsPerMinute), limits.SubmissionsPerMinute),
            (nameof(limits.SurveyPagePostsPerMinute), limits.SurveyPagePostsPerMinute),
            (nameof(limits.SignInsPerMinute), limits.SignInsPerMinute),
        }.Where(limit => limit.Item2 < 1))
        {
            failures.Add($"{RateLimitOptions.Section}:{setting} is {value}: it must be a whole number of requests per minute, at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
