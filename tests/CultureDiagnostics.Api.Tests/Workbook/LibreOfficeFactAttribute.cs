namespace CultureDiagnostics.Api.Tests.Workbook;

/// <summary>A test that needs LibreOffice (soffice) on PATH; skipped with the reason when it is not installed.</summary>
public sealed class LibreOfficeFactAttribute : FactAttribute
{
    public LibreOfficeFactAttribute()
    {
        if (Path is null)
        {
            Skip = "LibreOffice is not on PATH (apt-get install libreoffice-calc-nogui): the workbook's conversion to PDF was not checked.";
        }
    }

    public static string? Path { get; } = Environment.GetEnvironmentVariable("PATH")?
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .SelectMany(directory => new[] { "libreoffice", "soffice" }.Select(name => System.IO.Path.Combine(directory, name)))
        .FirstOrDefault(File.Exists);
}
