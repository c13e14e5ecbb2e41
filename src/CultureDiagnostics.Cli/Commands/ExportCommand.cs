using System.CommandLine;
using CultureDiagnostics.Application;
using CultureDiagnostics.Application.Workbook;
using CultureDiagnostics.Data;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Cli.Commands;

/// <summary>
/// <c>culture export --db PATH --campaign ID|latest --out FILE.xlsx</c>: the synthesis workbook of a closed
/// campaign, for scheduled board packs. The same published figures as the API, through the same service and
/// the same registration. The live database is opened read-only: an export never changes it, and refuses a
/// database whose schema differs from the program's rather than upgrade it.
/// </summary>
public static class ExportCommand
{
    public static Command Create(TimeProvider? clock = null)
    {
        var db = new Option<string>("--db") { Description = "Path of the platform's SQLite database.", Required = true };
        var campaign = new Option<string>("--campaign") { Description = "The campaign's id, or 'latest' for the board's current diagnostic (the one chosen in the workspace; until then the latest closed survey of every team).", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the workbook (.xlsx).", Required = true };
        var surveys = new Option<string?>("--surveys") { Description = "Folder of instrument files and interventions.json (default: the one beside the executable)." };
        var command = new Command("export", "Write the synthesis workbook (Excel) of a closed campaign.") { db, campaign, output, surveys };
        command.SetAction(async (parseResult, cancellationToken) => await RunAsync(
            parseResult.GetValue(db)!, parseResult.GetValue(campaign)!, parseResult.GetValue(output)!,
            parseResult.GetValue(surveys) ?? SurveysDirectory.Default(), clock ?? TimeProvider.System,
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        string databasePath, string campaignId, string outputPath, string surveysDirectory, TimeProvider clock, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (!File.Exists(databasePath))
        {
            await error.WriteLineAsync($"--db: no database at '{Path.GetFullPath(databasePath)}'.");
            return 2;
        }

        if (!string.Equals(Path.GetExtension(outputPath), ".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            await error.WriteLineAsync($"--out: the workbook's file name must end in .xlsx (got '{outputPath}').");
            return 2;
        }

        if (!Directory.Exists(surveysDirectory))
        {
            await error.WriteLineAsync($"--surveys: no folder at '{Path.GetFullPath(surveysDirectory)}'.");
            return 2;
        }

        await using var services = CliServices.Build(databasePath, surveysDirectory, DatabaseAccess.ReadOnly, clock);
        return await CliServices.GuardedAsync(databasePath, surveysDirectory, error, async () =>
        {
            if (SchemaProblem(services.GetRequiredService<Database>()) is { } problem)
            {
                await error.WriteLineAsync(problem);
                return 2;
            }

            return await WriteAsync(services.GetRequiredService<WorkbookService>(), services.GetRequiredService<Telemetry>(), campaignId, outputPath, output, error, ct);
        });
    }

    /// <summary>Why this program cannot read the database as it is, or null when its schema is the program's.</summary>
    private static string? SchemaProblem(Database database)
    {
        var schema = database.CompareSchema();
        if (schema.Missing.Count > 0)
        {
            return $"--db: the database at '{database.Path}' has an older schema than this program: it lacks {string.Join(", ", schema.Missing)}. "
                + "An export only reads the database and never upgrades it: start the platform on it once (it upgrades the schema as it starts), then export again.";
        }

        return schema.Unknown.Count > 0
            ? $"--db: the database at '{database.Path}' was upgraded by a newer version of the platform ({string.Join(", ", schema.Unknown)}): export it with that version's culture."
            : null;
    }

    private static async Task<int> WriteAsync(WorkbookService service, Telemetry telemetry, string campaignId, string outputPath, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var workbook = await service.GatherAsync(campaignId, ct);
        if (workbook.Refusal is { } refusal)
        {
            await error.WriteLineAsync($"--campaign: {refusal.Detail}");
            return 1;
        }

        var content = workbook.Value!;
        var bytes = SynthesisWorkbook.Write(content);
        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        Directory.CreateDirectory(directory);
        // Written beside the target and moved into place, so a reader never opens half a workbook.
        var partial = Path.Combine(directory, $".{Path.GetFileName(outputPath)}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllBytesAsync(partial, bytes, ct);
        File.Move(partial, outputPath, overwrite: true);
        telemetry.Exported(ExportFormat.Workbook, content.Campaign.Id);
        await output.WriteLineAsync($"Wrote the synthesis workbook of '{content.Campaign.Title}' ({content.Campaign.Id}) to {Path.GetFullPath(outputPath)}.");
        return 0;
    }
}
