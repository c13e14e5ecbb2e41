namespace CultureDiagnostics.Cli.Commands;

internal static class SurveysDirectory
{
    /// <summary>The surveys folder beside the executable, else ./surveys.</summary>
    public static string Default()
    {
        var besideExecutable = Path.Combine(AppContext.BaseDirectory, "surveys");
        return Directory.Exists(besideExecutable) ? besideExecutable : Path.Combine(Directory.GetCurrentDirectory(), "surveys");
    }
}
