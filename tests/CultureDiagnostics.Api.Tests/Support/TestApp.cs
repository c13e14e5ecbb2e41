using System.Data.Common;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CultureDiagnostics.Data.Accounts;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Support;

/// <summary>
/// The whole platform in memory with a database of its own: every test starts from nothing and
/// leaves nothing behind for another. The database is a SQLite file, or a fresh PostgreSQL database
/// when CD_TEST_DATABASE=postgres (see <see cref="TestDatabases"/>).
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.example";
    public const string Password = "correct-horse-battery";

    public static readonly DateTimeOffset Today = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDirectory;
    private readonly bool _ownsPostgres;
    private readonly int? _kestrelPort;

    /// <param name="postgres">
    /// A PostgreSQL database to share with other apps (several instances behind one database); the
    /// caller drops it. Without it the app uses SQLite, or its own PostgreSQL database when CD_TEST_DATABASE=postgres.
    /// </param>
    /// <param name="kestrelPort">Listen on this loopback port (0: any free one) instead of the in-memory test server.</param>
    /// <param name="settings">Configuration on top of the defaults, e.g. low rate limits for the tests of them.</param>
    /// <param name="shippedRateLimits">Keep the rate limits of appsettings.json instead of lifting them.</param>
    public TestApp(
        bool demo = false, string? directory = null, string? surveysDirectory = null, string? postgres = null, int? kestrelPort = null,
        IReadOnlyDictionary<string, string?>? settings = null, bool shippedRateLimits = false)
    {
        _ownsDirectory = directory is null;
        Directory_ = directory ?? Path.Combine(Path.GetTempPath(), "cd-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory_);
        if (postgres is null && TestDatabases.PostgresByDefault)
        {
            // A test that reopens a directory reopens the database that goes with it.
            _ownsPostgres = _ownsDirectory;
            postgres = _ownsDirectory ? TestDatabases.CreatePostgres() : TestDatabases.PostgresFor(Directory_);
        }

        Postgres = postgres;
        _kestrelPort = kestrelPort;
        _settings = new()
        {
            ["CultureDiagnostics:DataDirectory"] = Directory_,
            ["CultureDiagnostics:DatabasePath"] = DatabasePath,
            ["CultureDiagnostics:Database:Provider"] = postgres is null ? "sqlite" : "postgres",
            ["CultureDiagnostics:Database:ConnectionString"] = postgres ?? "",
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

        if (kestrelPort is { } port)
        {
            UseKestrel(port);
        }
    }

    public string Directory_ { get; }

    public string DatabasePath => Path.Combine(Directory_, "culture.db");

    /// <summary>The PostgreSQL connection string, or null when the app runs on SQLite.</summary>
    public string? Postgres { get; }

    public bool IsPostgres => Postgres is not null;

    public TestClock Clock { get; } = new(Today);

    /// <summary>Drops the PostgreSQL database that goes with a directory reopened by several apps (nothing to do on SQLite).</summary>
    public static void DropDatabaseOf(string directory)
    {
        if (TestDatabases.PostgresByDefault)
        {
            TestDatabases.DropPostgres(TestDatabases.PostgresFor(directory));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_kestrelPort is { } port)
        {
            builder.UseUrls($"http://127.0.0.1:{port}");
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A client signed in with a new account of the given role (a unit lead's with the unit of this code).</summary>
    public async Task<HttpClient> SignedInClientAsync(string role = Roles.Administrator, string? unitCode = null)
    {
        var email = await CreateAccountAsync(role, unitCode);
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>A new account of the given role with <see cref="Password"/> (a unit lead's with the unit of this code); its e-mail address.</summary>
    public async Task<string> CreateAccountAsync(string role, string? unitCode = null)
    {
        var email = $"{role}-{Guid.NewGuid():N}@test.example";
        var unitId = unitCode is null ? null
            : (await Services.GetRequiredService<CultureDiagnostics.Data.Organisation.UnitStore>().AllAsync()).Single(u => u.Code == unitCode).Id;
        Assert.NotNull(await Services.GetRequiredService<AccountStore>().CreateAsync(email, role, Password, role, unitId));
        return email;
    }

    public DbConnection OpenDatabase()
    {
        DbConnection connection = IsPostgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Postgres) { Pooling = false }.ConnectionString)
            : new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    public long Count(string table)
    {
        using var connection = OpenDatabase();
        return connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}");
    }

    /// <summary>A table's columns in order, from SQLite's table_info or PostgreSQL's information schema.</summary>
    public IReadOnlyList<string> ColumnsOf(string table)
    {
        using var connection = OpenDatabase();
        return connection.Query<string>(
            IsPostgres
                ? "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position"
                : "SELECT name FROM pragma_table_info(@table) ORDER BY cid",
            new { table }).ToList();
    }

    /// <summary>
    /// Nothing in how a respondent table stores its rows follows the order they arrived in. SQLite: the
    /// table is WITHOUT ROWID (rows are kept in the order of their random key). PostgreSQL: no column
    /// is filled from a sequence, an identity or the clock (the server's own row versions are the caveat the
    /// README explains).
    /// </summary>
    public void AssertNoOrderOfArrivalIsKept(string table)
    {
        using var connection = OpenDatabase();
        if (IsPostgres)
        {
            var filled = connection.Query<string>(
                """
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = @table
                  AND (is_identity = 'YES' OR column_default ~* '(nextval|now|current_|clock_|statement_|transaction_|random|uuid)')
                """,
                new { table }).ToList();
            Assert.True(ColumnsOf(table).Count > 0, $"No table '{table}'.");
            Assert.True(filled.Count == 0, $"{table} has columns the server fills from a sequence or the clock: {string.Join(", ", filled)}");
            return;
        }

        Assert.Contains("WITHOUT ROWID", connection.ExecuteScalar<string>("SELECT sql FROM sqlite_master WHERE name = @table", new { table }), StringComparison.Ordinal);
    }

    /// <summary>The tables of the platform's schema (without the migration journal).</summary>
    public IReadOnlyList<string> Tables()
    {
        using var connection = OpenDatabase();
        return connection.Query<string>(
            IsPostgres
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                : "SELECT name FROM sqlite_master WHERE type = 'table'").ToList();
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
        if (_ownsPostgres)
        {
            TestDatabases.DropPostgres(Postgres!);
        }

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
