using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;

namespace CultureDiagnostics.Api.Survey;

/// <summary>
/// A respondent's answers in progress when the device runs no JavaScript. It travels only inside the
/// page, encrypted and signed, and the server stores nothing until the final "Send": there is no
/// session table, cookie or log to tie a half-finished survey, or a finished one, to anyone. It holds
/// the access code (the unit's, shared by everyone in it), the random idempotency key chosen when the
/// survey started, and the answers; no address, device, name or clock time.
/// </summary>
public sealed record ProgressState(
    [property: JsonPropertyName("c")] string Code,
    [property: JsonPropertyName("k")] string Key,
    [property: JsonPropertyName("a")] Dictionary<string, string> Answers)
{
    public static ProgressState Start(string code) =>
        new(code, Base64Url(RandomNumberGenerator.GetBytes(24)), new Dictionary<string, string>(StringComparer.Ordinal));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Seals and opens <see cref="ProgressState"/> with ASP.NET Core Data Protection, valid for a limited time.</summary>
public sealed class ProgressProtector(IDataProtectionProvider provider)
{
    /// <summary>Long enough for a break that is interrupted; a page left for longer starts again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private readonly ITimeLimitedDataProtector _protector =
        provider.CreateProtector("CultureDiagnostics.Survey.Progress.v1").ToTimeLimitedDataProtector();

    public string Protect(ProgressState state) => _protector.Protect(JsonSerializer.Serialize(state), Lifetime);

    /// <summary>The state, or null when the token was altered, expired, or made for another survey link.</summary>
    public ProgressState? Unprotect(string? token, string code)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100_000)
        {
            return null;
        }

        try
        {
            var state = JsonSerializer.Deserialize<ProgressState>(_protector.Unprotect(token));
            return state is { Code: not null, Key: not null, Answers: not null } && state.Code == code
                ? state with { Answers = new Dictionary<string, string>(state.Answers, StringComparer.Ordinal) }
                : null;
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
