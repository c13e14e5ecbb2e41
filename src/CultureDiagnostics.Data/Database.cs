using System.Data.Common;
using Dapper;
using DbUp;
using DbUp.Engine;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CultureDiagnostics.Data;

/// <summary>
/// A database's schema beside the program's: <paramref name="Missing"/> upgrades the program would apply, and
/// <paramref name="Unknown"/> upgrades applied by a newer version of the program. Equal when both are empty.
/// </summary>
public sealed record SchemaComparison(IReadOnlyList<string> Missing, IReadOnlyList<string> Unknown)
{
    public bool IsCurrent => Missing.Count == 0 && Unknown.Count == 0;
}

public enum DatabaseProvider
{
    /// <summary>One file on one machine: the default, right for one organisation on one server.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by several instances of the platform.</summary>
    Postgres,
}

/// <summary>
/// The platform's database: a SQLite file in WAL mode with foreign keys on, or a PostgreSQL database
/// shared by several instances. The stores run the same SQL on both; the few differences are in
/// <see cref="SqlDialect"/>. Each call to <see cref="OpenAsync"/> gives one connection for one unit of
/// work (pooled underneath).
/// </summary>
public sealed class Database
{
    // Any fixed number: instances of the platform hold this advisory lock while they migrate and seed.
    private const long StartupLockKey = 0x43_44_53_54_41_52_54; // "CDSTART"

    /// <summary>A SQLite database in the file at <paramref name="path"/> (created by <see cref="Migrate"/> if missing).</summary>
    public Database(string path)
        : this(path, SqliteOpenMode.ReadWriteCreate)
    {
    }

    private Database(string path, SqliteOpenMode mode)
    {
        Provider = DatabaseProvider.Sqlite;
        Path = System.IO.Path.GetFullPath(path);
        IsReadOnly = mode == SqliteOpenMode.ReadOnly;
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = mode,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        Dialect = SqlDialect.Sqlite;
    }

    private Database(DatabaseProvider provider, string connectionString, SqlDialect dialect)
    {
        Provider = provider;
        Path = "";
        ConnectionString = connectionString;
        Dialect = dialect;
    }

    /// <summary>A PostgreSQL database (which must exist; the schema is created by <see cref="Migrate"/>).</summary>
    public static Database Postgres(string connectionString)
    {
        if (PostgresConnectionProblem(connectionString) is { } problem)
        {
            throw new ArgumentException($"The PostgreSQL connection string is not usable: {problem}.", nameof(connectionString));
        }

        return new Database(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(connectionString).ConnectionString, SqlDialect.Postgres);
    }

    /// <summary>
    /// An existing SQLite database opened for reading only, as the command line's export and analysis open the
    /// live database: SQLite itself refuses every write, so the file is never created, upgraded or changed.
    /// </summary>
    public static Database ReadOnly(string path) => new(path, SqliteOpenMode.ReadOnly);

    /// <summary>The problem with a PostgreSQL connection string, in words, or null when it names a server and a database.</summary>
    public static string? PostgresConnectionProblem(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database)
                ? "it needs at least Host and Database (e.g. Host=db;Database=culture;Username=culture;Password=...)"
                : null;
        }
        catch (ArgumentException e)
        {
            return $"it is not a connection string ({e.Message})";
        }
    }

    public DatabaseProvider Provider { get; }

    /// <summary>Opened with <see cref="ReadOnly"/>: reads only, and <see cref="Migrate"/> refuses.</summary>
    public bool IsReadOnly { get; }

    /// <summary>The SQLite file; empty for PostgreSQL.</summary>
    public string Path { get; }

    public string ConnectionString { get; }

    public SqlDialect Dialect { get; }

    /// <summary>Where the data lives, for the console: the file, or the server and database (never the password).</summary>
    public string Description
    {
        get
        {
            if (Provider == DatabaseProvider.Sqlite)
            {
                return Path;
            }

            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        }
    }

    static Database()
    {
        // Dates are stored as ISO text; Dapper needs to be told how to read and write DateOnly.
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = CreateConnection();
        await connection.OpenAsync(cancellationToken);
        if (Provider == DatabaseProvider.Sqlite)
        {
            await connection.ExecuteAsync(SqlitePragmas);
        }

        return connection;
    }

    /// <summary>
    /// A connection for the platform's one writer of responses (<see cref="Responses.ResponseWriter"/>), kept
    /// open for as long as it writes. On SQLite it has a page cache of <see cref="WriterCacheMegabytes"/> MB:
    /// responses have random keys, so every one lands on different pages of each table, and a cache that
    /// holds the tables' upper levels and recent leaves spares reading them again for every batch. Copying
    /// the write-ahead log into the database is left to <see cref="LogCheckpointer"/>; the writer does it
    /// by itself only if the log passes <see cref="WriterCheckpointPages"/> pages (nothing else copying it).
    /// </summary>
    public async Task<DbConnection> OpenWriterAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken);
        if (Provider == DatabaseProvider.Sqlite)
        {
            await connection.ExecuteAsync(
                $"PRAGMA cache_size = -{WriterCacheMegabytes * 1024}; PRAGMA wal_autocheckpoint = {WriterCheckpointPages}; PRAGMA journal_size_limit = {LogFileLimitBytes};");
        }

        return connection;
    }

    /// <summary>The page cache of the responses writer's connection on SQLite.</summary>
    public const int WriterCacheMegabytes = 64;

    /// <summary>
    /// The log size (pages of 4 KB) at which the responses writer checkpoints by itself on SQLite: four times
    /// <see cref="LogCheckpointer.RestartPages"/>, reached only if checkpoints on the other thread stopped.
    /// </summary>
    public const int WriterCheckpointPages = 4 * LogCheckpointer.RestartPages;

    /// <summary>The size a SQLite log file is cut back to when it starts again: no less than it reaches in use, so it need not grow on disk again.</summary>
    public const long LogFileLimitBytes = LogCheckpointer.RestartPages * 4096L;

    /// <summary>As <see cref="OpenAsync"/>, for the few callers whose interface is synchronous (the data-protection key ring).</summary>
    public DbConnection Open()
    {
        var connection = CreateConnection();
        connection.Open();
        if (Provider == DatabaseProvider.Sqlite)
        {
            connection.Execute(SqlitePragmas);
        }

        return connection;
    }

    // FULL: a response is acknowledged only after its transaction is on disk, even on power loss.
    // busy_timeout: writers queue behind each other instead of failing under load.
    private const string SqlitePragmas = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";

    private DbConnection CreateConnection() =>
        Provider == DatabaseProvider.Postgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);

    /// <summary>
    /// Held while an instance migrates the schema and loads first data, so that instances starting
    /// together do it one after the other: a PostgreSQL advisory lock, released when disposed (or when
    /// the connection drops). SQLite serves one machine and DbUp's transactions suffice: nothing to hold.
    /// </summary>
    public async Task<IAsyncDisposable> LockStartupAsync(CancellationToken cancellationToken = default)
    {
        if (Provider != DatabaseProvider.Postgres)
        {
            return NoLock.Instance;
        }

        var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@Key)", new { Key = StartupLockKey }, cancellationToken: cancellationToken));
        return new AdvisoryLock(connection);
    }

    /// <summary>Creates the database if needed and brings its schema up to date; throws if a script fails.</summary>
    public void Migrate()
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException($"The database at {Path} is open for reading only; it is never upgraded this way.");
        }

        if (Provider == DatabaseProvider.Sqlite)
        {
            PrepareSqliteFile();
        }

        var result = Upgrade().Build().PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"The database schema upgrade failed in script '{result.ErrorScript?.Name}': {result.Error.Message}", result.Error);
        }
    }

    /// <summary>
    /// How the database's schema compares with this program's, read without changing anything: the upgrades
    /// this program has that the database lacks, and the ones the database had from a newer program.
    /// </summary>
    public SchemaComparison CompareSchema()
    {
        var engine = Upgrade().Build();
        return new SchemaComparison(
            engine.GetScriptsToExecute().Select(s => ScriptName(s.Name)).ToList(),
            engine.GetExecutedButNotDiscoveredScripts().Select(ScriptName).ToList());
    }

    private void PrepareSqliteFile()
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        // WAL is a property of the file: set once, readers then never block the writer.
        connection.Execute("PRAGMA journal_mode = WAL;");
    }

    private DbUp.Builder.UpgradeEngineBuilder Upgrade() =>
        (Provider == DatabaseProvider.Postgres
            ? DeployChanges.To.PostgresqlDatabase(ConnectionString).WithScriptsEmbeddedInAssembly(typeof(Database).Assembly, Scripts("postgres"))
            : DeployChanges.To.SqliteDatabase(ConnectionString).WithScriptsEmbeddedInAssembly(typeof(Database).Assembly, Scripts("sqlite")))
        .WithTransactionPerScript()
        .LogToNowhere();

    // "migrations.sqlite.0003_diagnostics.sql" is shown as "0003_diagnostics.sql", the file in migrations/.
    private static string ScriptName(string name) => name[(name.IndexOf('.', "migrations.".Length) + 1)..];

    private static Func<string, bool> Scripts(string folder) => name => name.StartsWith($"migrations.{folder}.", StringComparison.Ordinal);

    // Unlocked explicitly: a pooled connection's session outlives Dispose, and with it any lock it holds.
    private sealed class AdvisoryLock(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (connection)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@Key)", new { Key = StartupLockKey });
            }
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
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
