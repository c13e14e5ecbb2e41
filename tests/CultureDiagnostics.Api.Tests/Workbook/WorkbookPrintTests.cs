using System.Diagnostics;
using CultureDiagnostics.Api.Demo;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;
using System.Net.Http.Json;

namespace CultureDiagnostics.Api.Tests.Workbook;

/// <summary>The workbook goes into board packs: LibreOffice, run headless, must turn it into a PDF.</summary>
public sealed class WorkbookPrintTests : IDisposable
{
    private readonly TestApp _app = new(demo: true);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cd-print-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _app.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's own cleaning.
        }
    }

    [LibreOfficeFact]
    public async Task LibreOfficeConvertsTheWorkbookToPdf()
    {
        Directory.CreateDirectory(_directory);
        var client = WorkspaceClient.Anonymous(_app);
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { email = "board@demo.example", password = DemoData.AdminPassword })).EnsureSuccessStatusCode();
        var workbook = Path.Combine(_directory, "synthesis.xlsx");
        await File.WriteAllBytesAsync(workbook, await client.GetByteArrayAsync("/api/campaigns/latest/synthesis.xlsx"));

        // A profile of its own, so a LibreOffice already running on the machine does not take the job.
        var start = new ProcessStartInfo(LibreOfficeFactAttribute.Path!)
        {
            ArgumentList = { $"-env:UserInstallation=file://{Path.Combine(_directory, "profile")}", "--headless", "--convert-to", "pdf", "--outdir", _directory, workbook },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "LibreOffice did not finish within 3 minutes.");
        Assert.True(process.ExitCode == 0, $"LibreOffice exited with {process.ExitCode}: {await output} {await error}");

        var pdf = Path.Combine(_directory, "synthesis.pdf");
        Assert.True(File.Exists(pdf), $"No PDF was written: {await output} {await error}");
        var bytes = await File.ReadAllBytesAsync(pdf);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        // One page or more per sheet.
        Assert.True(System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(bytes), "/Type\\s*/Page[^s]") >= WorkbookFile.SheetNames.Length);
    }
}
