using CultureDiagnostics.Data;
using Microsoft.Extensions.Options;

namespace CultureDiagnostics.Application;

/// <summary>
/// The settings the web host and the command line share (the "CultureDiagnostics" configuration section):
/// where the data and the survey files are. Checked when the program starts (<see cref="CultureDiagnosticsOptionsValidator"/>).
/// </summary>
public class CultureDiagnosticsOptions
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

    /// <summary>The mail server for invitations and reminders (optional: without it the platform sends no e-mail).</summary>
    public Invitations.SmtpOptions Smtp { get; set; } = new();

    /// <summary>Sign-in with the organisation's identity provider (optional: without it, local accounts only).</summary>
    public Accounts.IdentityProviderOptions OpenIdConnect { get; set; } = new();

    public bool IsPostgres => Database.Provider.Trim().ToLowerInvariant() is "postgres" or "postgresql";

    public string ResolveDataDirectory(string contentRoot) => Path.GetFullPath(DataDirectory, contentRoot);

    public string ResolveDatabasePath(string contentRoot) =>
        string.IsNullOrWhiteSpace(DatabasePath) ? Path.Combine(ResolveDataDirectory(contentRoot), "culture.db") : Path.GetFullPath(DatabasePath, contentRoot);

    public string ResolveSurveysDirectory() =>
        string.IsNullOrWhiteSpace(SurveysDirectory) ? Path.Combine(AppContext.BaseDirectory, "surveys") : Path.GetFullPath(SurveysDirectory);

    /// <summary>The database these (checked) settings name.</summary>
    public Data.Database CreateDatabase(string contentRoot, DatabaseAccess access) =>
        IsPostgres ? Data.Database.Postgres(Database.ConnectionString)
        : access == DatabaseAccess.ReadOnly ? Data.Database.ReadOnly(ResolveDatabasePath(contentRoot))
        : new Data.Database(ResolveDatabasePath(contentRoot));
}

/// <summary>The "CultureDiagnostics:Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>"sqlite" (one file, one machine) or "postgres" (a shared server, for several instances).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>The Npgsql connection string when <see cref="Provider"/> is "postgres"; unused for SQLite.</summary>
    public string ConnectionString { get; set; } = "";
}

/// <summary>How a program uses the database: the web host writes (and upgrades it at start); an export only reads.</summary>
public enum DatabaseAccess
{
    ReadWrite,

    /// <summary>An existing SQLite file, opened so that nothing can change it (see <see cref="Data.Database.ReadOnly"/>).</summary>
    ReadOnly,
}

/// <summary>
/// Refuses settings that cannot work, each message naming the setting as it is written in configuration
/// (an environment variable replaces each ':' by "__"), so the person starting the platform knows what to fix.
/// </summary>
public sealed class CultureDiagnosticsOptionsValidator(string contentRoot) : IValidateOptions<CultureDiagnosticsOptions>
{
    private const string Provider = CultureDiagnosticsOptions.Section + ":Database:Provider";
    private const string ConnectionString = CultureDiagnosticsOptions.Section + ":Database:ConnectionString";

    public ValidateOptionsResult Validate(string? name, CultureDiagnosticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Database.Provider.Trim().ToLowerInvariant() is not ("" or "sqlite" or "postgres" or "postgresql"))
        {
            failures.Add($"{Provider} is '{options.Database.Provider}': it must be 'sqlite' or 'postgres'.");
        }
        else if (options.IsPostgres && string.IsNullOrWhiteSpace(options.Database.ConnectionString))
        {
            failures.Add($"{Provider} is 'postgres' but {ConnectionString} is empty "
                + "(set it, e.g. CultureDiagnostics__Database__ConnectionString=\"Host=db;Database=culture;Username=culture;Password=...\").");
        }
        else if (options.IsPostgres && Data.Database.PostgresConnectionProblem(options.Database.ConnectionString) is { } problem)
        {
            failures.Add($"{ConnectionString} is not usable: {problem}.");
        }

        CheckFolder(failures, nameof(options.DataDirectory), options.DataDirectory, contentRoot, mustExist: false);
        if (!options.IsPostgres && !string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            CheckFile(failures, nameof(options.DatabasePath), options.DatabasePath);
        }

        if (!string.IsNullOrWhiteSpace(options.SurveysDirectory))
        {
            // Resolved as ResolveSurveysDirectory does: from the working folder.
            CheckFolder(failures, nameof(options.SurveysDirectory), options.SurveysDirectory, Directory.GetCurrentDirectory(), mustExist: true);
        }

        failures.AddRange(options.Smtp.Problems());
        failures.AddRange(options.OpenIdConnect.Problems());
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckFolder(List<string> failures, string setting, string value, string relativeTo, bool mustExist)
    {
        var key = $"{CultureDiagnosticsOptions.Section}:{setting}";
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{key} is empty: it must name a folder.");
        }
        else if (FullPath(value, relativeTo) is not { } path)
        {
            failures.Add($"{key} is '{value}', which is not a valid path.");
        }
        else if (File.Exists(path))
        {
            failures.Add($"{key} is '{value}', which is a file: it must name a folder.");
        }
        else if (mustExist && !Directory.Exists(path))
        {
            failures.Add($"{key} is '{value}', but there is no folder at {path}.");
        }
    }

    private void CheckFile(List<string> failures, string setting, string value)
    {
        var key = $"{CultureDiagnosticsOptions.Section}:{setting}";
        if (FullPath(value, contentRoot) is not { } path)
        {
            failures.Add($"{key} is '{value}', which is not a valid path.");
        }
        else if (Directory.Exists(path))
        {
            failures.Add($"{key} is '{value}', which is a folder: it must name the database file (or be empty for culture.db in the data folder).");
        }
    }

    private static string? FullPath(string value, string relativeTo)
    {
        try
        {
            return value.IndexOfAny(Path.GetInvalidPathChars()) >= 0 ? null : Path.GetFullPath(value, relativeTo);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
