namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>The "CultureDiagnostics" configuration section.</summary>
public sealed class PlatformOptions
{
    public const string Section = "CultureDiagnostics";

    /// <summary>Folder for the database file and data-protection keys; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Full path of the SQLite file; empty means culture.db in <see cref="DataDirectory"/>.</summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>Folder of instrument files; empty means the surveys folder shipped beside the program.</summary>
    public string SurveysDirectory { get; set; } = "";

    /// <summary>Load the fictional demo trust when the database is empty.</summary>
    public bool Demo { get; set; } = true;

    /// <summary>The address respondents use, for printed links and posters; empty means the first listening address.</summary>
    public string PublicBaseUrl { get; set; } = "";

    public string ResolveDataDirectory(string contentRoot) => Path.GetFullPath(DataDirectory, contentRoot);

    public string ResolveDatabasePath(string contentRoot) =>
        string.IsNullOrWhiteSpace(DatabasePath) ? Path.Combine(ResolveDataDirectory(contentRoot), "culture.db") : Path.GetFullPath(DatabasePath, contentRoot);

    public string ResolveSurveysDirectory() =>
        string.IsNullOrWhiteSpace(SurveysDirectory) ? Path.Combine(AppContext.BaseDirectory, "surveys") : Path.GetFullPath(SurveysDirectory);
}
