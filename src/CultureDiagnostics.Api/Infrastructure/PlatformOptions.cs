namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>The "CultureDiagnostics" configuration section.</summary>
public sealed class PlatformOptions
{
    public const string Section = "CultureDiagnostics";

    /// <summary>Folder for the database file and data-protection keys; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Full path of the SQLite file; empty means culture.db in <see cref="DataDirectory"/>.</summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>Which database to use: SQLite (the default) or a PostgreSQL server shared by several instances.</summary>
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>Folder of instrument files; empty means the surveys folder shipped beside the program.</summary>
    public string SurveysDirectory { get; set; } = "";

    /// <summary>Load the fictional demo trust when the database is empty.</summary>
    public bool Demo { get; set; } = true;

    /// <summary>The address respondents use, for printed links and posters; empty means the first listening address.</summary>
    public string PublicBaseUrl { get; set; } = "";

    public string ResolveDataDirectory(string contentRoot) => Path.GetFullPath(DataDirectory, contentRoot);

    public string ResolveDatabasePath(string contentRoot) =>
        string.IsNullOrWhiteSpace(DatabasePath) ? Path.Combine(ResolveDataDirectory(contentRoot), "culture.db") : Path.GetFullPath(DatabasePath, contentRoot);

    /// <summary>The database these options name; throws with the setting to fix when they do not add up.</summary>
    public Data.Database CreateDatabase(string contentRoot) => Database.Provider.Trim().ToLowerInvariant() switch
    {
        "" or "sqlite" => new Data.Database(ResolveDatabasePath(contentRoot)),
        "postgres" or "postgresql" when string.IsNullOrWhiteSpace(Database.ConnectionString) => throw new InvalidOperationException(
            $"{Section}:Database:Provider is 'postgres' but {Section}:Database:ConnectionString is empty "
            + "(set it, e.g. CultureDiagnostics__Database__ConnectionString=\"Host=db;Database=culture;Username=culture;Password=...\")."),
        "postgres" or "postgresql" => Data.Database.Postgres(Database.ConnectionString),
        var other => throw new InvalidOperationException($"{Section}:Database:Provider is '{other}'; it must be 'sqlite' or 'postgres'."),
    };

    public string ResolveSurveysDirectory() =>
        string.IsNullOrWhiteSpace(SurveysDirectory) ? Path.Combine(AppContext.BaseDirectory, "surveys") : Path.GetFullPath(SurveysDirectory);
}

/// <summary>The "CultureDiagnostics:Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>"sqlite" (one file, one machine) or "postgres" (a shared server, for several instances).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>The Npgsql connection string when <see cref="Provider"/> is "postgres"; unused for SQLite.</summary>
    public string ConnectionString { get; set; } = "";
}
