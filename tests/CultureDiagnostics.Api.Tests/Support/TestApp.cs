using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CultureDiagnostics.Data.Accounts;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Support;

/// <summary>
/// The whole platform in memory with a database of its own: every test starts from nothing and
/// leaves nothing behind for another.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.example";
    public const string Password = "correct-horse-battery";

    public static readonly DateTimeOffset Today = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDirectory;

    /// <param name="settings">Configuration on top of the defaults, e.g. low rate limits for the tests of them.</param>
    /// <param name="shippedRateLimits">Keep the rate limits of appsettings.json instead of lifting them.</param>
    public TestApp(
        bool demo = false, string? directory = null, string? surveysDirectory = null, IReadOnlyDictionary<string, string?>? settings = null,
        bool shippedRateLimits = false)
    {
        _ownsDirectory = directory is null;
        Directory_ = directory ?? Path.Combine(Path.GetTempPath(), "cd-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory_);
        _settings = new()
        {
            ["CultureDiagnostics:DataDirectory"] = Directory_,
            ["CultureDiagnostics:DatabasePath"] = DatabasePath,
            ["CultureDiagnostics:Demo"] = demo ? "true" : "false",
            ["CultureDiagnostics:SurveysDirectory"] = surveysDirectory ?? "",
            ["CultureDiagnostics:PublicBaseUrl"] = "https://survey.test",
        };
        if (!shippedRateLimits)
        {
            // Every in-memory client shares one rate-limit partition (no address): tests that are not about the limits lift them.
            _settings["CultureDiagnostics:RateLimits:SubmissionsPerMinute"] = "1000000";
            _settings["CultureDiagnostics:RateLimits:SurveyPagePostsPerMinute"] = "1000000";
            _settings["CultureDiagnostics:RateLimits:SignInsPerMinute"] = "1000000";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string Directory_ { get; }

    public string DatabasePath => Path.Combine(Directory_, "culture.db");

    public TestClock Clock { get; } = new(Today);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A client signed in with a new account of the given role.</summary>
    public async Task<HttpClient> SignedInClientAsync(string role = Roles.Administrator)
    {
        var email = $"{role}-{Guid.NewGuid():N}@test.example";
        await Services.GetRequiredService<AccountStore>().CreateAsync(email, role, Password, role);
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    public SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    public long Count(string table)
    {
        using var connection = OpenDatabase();
        return connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}");
    }

    /// <summary>Everything a submission can write: all must stay empty when one is refused.</summary>
    public long CountRespondentRows() =>
        Count("responses") + Count("answers") + Count("comments") + Count("demographic_answers") + Count("submission_keys");

    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text)?.AsObject() ?? throw new InvalidOperationException("Expected a JSON object, got: " + text);
    }

    public static async Task<JsonArray> ReadArrayAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (!_ownsDirectory)
        {
            return;
        }

        try
        {
            System.IO.Directory.Delete(Directory_, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the runtime is cleaned up with the temp folder.
        }
    }
}

public static class ProblemAssert
{
    /// <summary>Asserts an RFC 9457 validation problem that names <paramref name="field"/>; returns its messages.</summary>
    public static async Task<string[]> HasFieldErrorAsync(HttpResponseMessage response, string field, int status = 400)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        var errors = problem["errors"]?.AsObject();
        Assert.True(errors is not null && errors.ContainsKey(field), $"Expected an error for '{field}' in: {body}");
        return errors![field]!.AsArray().Select(m => m!.GetValue<string>()).ToArray();
    }

    public static async Task<JsonObject> IsProblemAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
        return problem;
    }
}
