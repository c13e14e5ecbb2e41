using Npgsql;

namespace CultureDiagnostics.Api.Tests.Support;

/// <summary>
/// Which database the tests run on. ./test.sh starts a throwaway PostgreSQL server and names it in
/// CD_TEST_POSTGRES (a connection string to its maintenance database); the API tests then run twice,
/// the second time with CD_TEST_DATABASE=postgres. Each PostgreSQL test app gets a database of its own.
/// </summary>
public static class TestDatabases
{
    public const string ServerVariable = "CD_TEST_POSTGRES";
    public const string ProviderVariable = "CD_TEST_DATABASE";

    public static string? Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : null;

    /// <summary>Whether test apps default to PostgreSQL; asking for it without a server fails every test, never passes them.</summary>
    public static bool PostgresByDefault => string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "postgres", StringComparison.OrdinalIgnoreCase);

    public static string MissingServerReason =>
        $"PostgreSQL is not available: {ServerVariable} is not set. Run ./test.sh, which starts a throwaway PostgreSQL server "
        + $"(Debian's postgresql package), or set {ServerVariable} to a connection string of a server where databases may be created.";

    /// <summary>Creates an empty database on the test server and returns a connection string to it.</summary>
    public static string CreatePostgres(string? name = null)
    {
        var server = Server ?? throw new InvalidOperationException(MissingServerReason);
        name ??= "cd_test_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>The database for a test that keeps data in <paramref name="directory"/> across apps (created on first use).</summary>
    public static string PostgresFor(string directory)
    {
        var name = "cd_test_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(directory))))[..24];
        using var connection = new NpgsqlConnection(Server ?? throw new InvalidOperationException(MissingServerReason));
        connection.Open();
        using var exists = new NpgsqlCommand("SELECT COUNT(*) FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        return (long)exists.ExecuteScalar()! > 0
            ? new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString
            : CreatePostgres(name);
    }

    public static void DropPostgres(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }
}

/// <summary>A test that needs PostgreSQL: reported as skipped, with the reason, when no server is available.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabases.Server is null)
        {
            Skip = TestDatabases.MissingServerReason;
        }
    }
}
