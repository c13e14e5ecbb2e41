using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;

namespace CultureDiagnostics.Api.Survey;

/// <summary>
/// A respondent's answers in progress when the device runs no JavaScript. It travels only between the
/// server and the device, encrypted and signed: inside the page, and in a cookie for this survey link
/// alone (<see cref="ProgressCookie"/>) so that every step can be a page of its own that the browser's Back
/// button returns to. The server stores nothing until the final "Send": there is no session table or log to
/// tie a half-finished survey, or a finished one, to anyone. It holds the access code (the unit's, shared by
/// everyone in it), the random idempotency key chosen when the survey started, the answers and the screen
/// reached; no address, device, name or clock time.
/// </summary>
public sealed record ProgressState(
    [property: JsonPropertyName("c")] string Code,
    [property: JsonPropertyName("k")] string Key,
    [property: JsonPropertyName("a")] Dictionary<string, string> Answers)
{
    /// <summary>The screen reached, where "continue" returns to.</summary>
    [JsonPropertyName("t")]
    public string? At { get; set; }

    public static ProgressState Start(string code) =>
        new(code, Base64Url(RandomNumberGenerator.GetBytes(24)), new Dictionary<string, string>(StringComparer.Ordinal));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Seals and opens <see cref="ProgressState"/> with ASP.NET Core Data Protection, valid for a limited time.</summary>
public sealed class ProgressProtector(IDataProtectionProvider provider)
{
    /// <summary>
    /// Two hours from the last answer: the survey takes minutes, and two hours outlast a break or a call to a patient; a
    /// shared ward device left longer (into the next shift) holds no one's answers any more. survey.js keeps answers on
    /// the device for as long (LIFETIME).
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

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

/// <summary>
/// The sealed progress in a cookie scoped to one survey link (HttpOnly, SameSite=Strict, chunked when the comments
/// make it long), for as long as the progress itself lasts. It is deleted when the answers are sent or the respondent
/// starts again. It never reaches the database and names nobody.
/// </summary>
public sealed class ProgressCookie(ProgressProtector protector)
{
    private const string Name = "cd-progress";

    /// <summary>Set with the first page; a post that carries it comes from a browser that keeps this link's cookies.</summary>
    private const string ProbeName = "cd-cookies";

    private static readonly Microsoft.AspNetCore.Authentication.Cookies.ChunkingCookieManager Cookies = new();

    public ProgressState? Read(HttpContext context, string code) => protector.Unprotect(Cookies.GetRequestCookie(context, Name), code);

    public void Write(HttpContext context, string code, ProgressState state) =>
        Cookies.AppendResponseCookie(context, Name, protector.Protect(state), Options(context, code, ProgressProtector.Lifetime));

    public void Delete(HttpContext context, string code) => Cookies.DeleteCookie(context, Name, Options(context, code, null));

    /// <summary>Asks the browser to keep a cookie (for the session, holding nothing) so that a post can tell it does.</summary>
    public static void Probe(HttpContext context, string code) => context.Response.Cookies.Append(ProbeName, "1", Options(context, code, null));

    /// <summary>Whether the browser keeps this link's cookies; without them each step is the post's own response.</summary>
    public static bool Accepted(HttpContext context) => context.Request.Cookies.ContainsKey(ProbeName);

    private static CookieOptions Options(HttpContext context, string code, TimeSpan? lifetime) => new()
    {
        Path = "/s/" + Uri.EscapeDataString(code),
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        IsEssential = true,
        MaxAge = lifetime,
    };
}
