using CultureDiagnostics.Application;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CultureDiagnostics.Cli.Commands;

/// <summary>
/// The platform's object graph for a command: the registration the web host uses
/// (<see cref="CultureDiagnosticsServices.AddCultureDiagnostics"/>), configured from the command's options
/// instead of the host's settings.
/// </summary>
internal static class CliServices
{
    /// <param name="surveysDirectory">The survey folder, or null for the program's own (a command that reads no instrument).</param>
    public static ServiceProvider Build(string databasePath, string? surveysDirectory, DatabaseAccess access, TimeProvider clock)
    {
        var database = Path.GetFullPath(databasePath);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{CultureDiagnosticsOptions.Section}:Database:Provider"] = "sqlite",
            [$"{CultureDiagnosticsOptions.Section}:DatabasePath"] = database,
            [$"{CultureDiagnosticsOptions.Section}:DataDirectory"] = Path.GetDirectoryName(database),
            [$"{CultureDiagnosticsOptions.Section}:SurveysDirectory"] = surveysDirectory is null ? "" : Path.GetFullPath(surveysDirectory),
        }).Build();
        var services = new ServiceCollection().AddCultureDiagnostics(configuration, Directory.GetCurrentDirectory(), access);
        services.AddSingleton(clock);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Runs a command's work on the platform's services, saying in the command's words why the settings, the survey
    /// folder or the database cannot be used (exit code 2) instead of failing with an exception.
    /// </summary>
    public static async Task<int> GuardedAsync(string databasePath, string surveysDirectory, TextWriter error, Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (OptionsValidationException e)
        {
            await error.WriteLineAsync(string.Join(Environment.NewLine, InOptionWords(e)));
            return 2;
        }
        catch (Data.Surveys.SurveyFolderException e)
        {
            await error.WriteLineAsync(string.Join(Environment.NewLine, e.Errors));
            await error.WriteLineAsync($"--surveys: the files in '{surveysDirectory}' are not valid.");
            return 2;
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            await error.WriteLineAsync($"--db: '{Path.GetFullPath(databasePath)}' cannot be read as the platform's database: {e.Message}");
            return 2;
        }
    }

    /// <summary>The settings' problems in the command's words: each setting named by the option that gave it.</summary>
    public static IEnumerable<string> InOptionWords(OptionsValidationException problems) => problems.Failures.Select(failure => failure
        .Replace($"{CultureDiagnosticsOptions.Section}:DatabasePath", "--db", StringComparison.Ordinal)
        .Replace($"{CultureDiagnosticsOptions.Section}:SurveysDirectory", "--surveys", StringComparison.Ordinal));
}
