using System.Data.Common;
using Dapper;
using DbUp;
using Microsoft.Data.Sqlite;

namespace CultureDiagnostics.Data;

/// <summary>
/// The platform's database: a SQLite file in WAL mode with foreign keys on. Each call to
/// <see cref="OpenAsync"/> gives one connection for one unit of work (pooled underneath).
/// </summary>
public sealed class Database
{
    public Database(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public string ConnectionString { get; }

    static Database()
    {
        // Dates are stored as ISO text; Dapper needs to be told how to read and write DateOnly.
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // FULL: a response is acknowledged only after its transaction is on disk, even on power loss.
        // busy_timeout: writers queue behind each other instead of failing under load.
        await connection.ExecuteAsync("PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;");
        return connection;
    }

    /// <summary>Creates the database if needed and brings its schema up to date; throws if a script fails.</summary>
    public void Migrate()
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using (var connection = new SqliteConnection(ConnectionString))
        {
            connection.Open();
            // WAL is a property of the file: set once, readers then never block the writer.
            connection.Execute("PRAGMA journal_mode = WAL;");
        }

        var result = DeployChanges.To
            .SqliteDatabase(ConnectionString)
            .WithScriptsEmbeddedInAssembly(typeof(Database).Assembly, name => name.StartsWith("migrations.sqlite.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"The database schema upgrade failed in script '{result.ErrorScript?.Name}': {result.Error.Message}", result.Error);
        }
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override DateOnly Parse(object value) => Dates.Parse((string)value);

        public override void SetValue(System.Data.IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = System.Data.DbType.String;
            parameter.Value = Dates.Format(value);
        }
    }
}
