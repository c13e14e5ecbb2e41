using System.CommandLine;
using CultureDiagnostics.Data;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Diagnostics;
using CultureDiagnostics.Data.Organisation;
using CultureDiagnostics.Data.Responses;
using CultureDiagnostics.Data.Results;
using CultureDiagnostics.Data.Surveys;
using CultureDiagnostics.Application.Results;
using CultureDiagnostics.Application.Workbook;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Cli.Commands;

/// <summary>
/// <c>culture export --db PATH --campaign ID|latest --out FILE.xlsx</c>: the synthesis workbook of a closed
/// campaign, for scheduled board packs. The same published figures as the API, through the same service.
/// </summary>
public static class ExportCommand
{
    public static Command Create(TimeProvider? clock = null)
    {
        var db = new Option<string>("--db") { Description = "Path of the platform's SQLite database.", Required = true };
        var campaign = new Option<string>("--campaign") { Description = "The campaign's id, or 'latest' for the most recently closed one.", Required = true };
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

        var instruments = SurveyFolder.Load(surveysDirectory);
        var interventions = SurveyFolder.LoadInterventions(surveysDirectory);
        if (instruments.Catalogue is null || interventions.Catalogue is null)
        {
            foreach (var problem in instruments.Errors.Concat(interventions.Errors))
            {
                await error.WriteLineAsync(problem.ToString());
            }

            await error.WriteLineAsync($"--surveys: the instrument files in '{surveysDirectory}' are not valid.");
            return 2;
        }

        var database = new Database(databasePath);
        database.Migrate();
        await using var services = new ServiceCollection()
            .AddSingleton(clock).AddSingleton(database).AddSingleton(instruments.Catalogue).AddSingleton(interventions.Catalogue)
            .AddSingleton<CampaignStore>().AddSingleton<UnitStore>().AddSingleton<ResponseStore>().AddSingleton<ResultsStore>().AddSingleton<DiagnosticsStore>()
            .AddResultsPublishing()
            .BuildServiceProvider();
        var workbook = await services.GetRequiredService<WorkbookService>().GatherAsync(campaignId, ct);
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
        await output.WriteLineAsync($"Wrote the synthesis workbook of '{content.Campaign.Title}' ({content.Campaign.Id}) to {Path.GetFullPath(outputPath)}.");
        return 0;
    }
}
