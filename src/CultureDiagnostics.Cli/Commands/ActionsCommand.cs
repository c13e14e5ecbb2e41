using System.CommandLine;
using CultureDiagnostics.Application;
using CultureDiagnostics.Application.Deliver;
using CultureDiagnostics.Core.Deliver;
using CultureDiagnostics.Data;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Cli.Commands;

/// <summary>
/// <c>culture actions import --db PATH --file actions.csv</c> adds Phase 3 actions from a file, all or none, through the
/// same use case as POST /api/actions/import; <c>culture actions list --db PATH</c> prints them with what is overdue.
/// </summary>
public static class ActionsCommand
{
    public static Command Create(TimeProvider? clock = null)
    {
        var command = new Command("actions", "Phase 3 action plans: import them from a CSV file, or list them.");
        var db = new Option<string>("--db") { Description = "Path of the platform's SQLite database.", Required = true };
        var surveys = new Option<string?>("--surveys") { Description = "Folder of instrument files and interventions.json (default: the one beside the executable)." };
        var file = new Option<string>("--file") { Description = $"The CSV file: columns {string.Join(",", ActionsCsv.Columns)}; units and measures separated by ';'.", Required = true };

        var import = new Command("import", "Add every action of a CSV file; if any row is wrong, every problem is listed and nothing is added.") { db, file, surveys };
        import.SetAction(async (parse, ct) => await RunAsync(parse.GetValue(db)!, parse.GetValue(surveys), clock, parse.InvocationConfiguration.Error, async actions =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"--file: no file at '{Path.GetFullPath(path)}'.");
                return 2;
            }

            if (new FileInfo(path).Length > ActionService.MaxCsvBytes)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"--file: the file is larger than {ActionService.MaxCsvBytes / 1024} KB.");
                return 2;
            }

            var text = await File.ReadAllTextAsync(path, ct);
            var outcome = await actions.ImportAsync(text.TrimStart('\uFEFF'), ct);
            if (outcome.Status != OutcomeStatus.Done)
            {
                foreach (var error in outcome.Errors)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync(error.Row is { } row ? $"--file: row {row}, {error.Field}: {error.Message}" : $"--file: {error.Field}: {error.Message}");
                }

                await parse.InvocationConfiguration.Error.WriteLineAsync("Nothing was imported.");
                return 2;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync($"Imported {outcome.Value} {(outcome.Value == 1 ? "action" : "actions")}.");
            return 0;
        }));

        var list = new Command("list", "Every action, the soonest due first, with its status and whether it is overdue.") { db, surveys };
        list.SetAction(async (parse, ct) => await RunAsync(parse.GetValue(db)!, parse.GetValue(surveys), clock, parse.InvocationConfiguration.Error, async actions =>
        {
            var output = parse.InvocationConfiguration.Output;
            var all = await actions.AllAsync(ct);
            foreach (var action in all)
            {
                await output.WriteLineAsync($"{action.DueOn:yyyy-MM-dd}  {ActionStatuses.Title(action.Status)}{(action.OverdueOn(actions.Today) ? " (overdue)" : "")}  {action.Title}  ({action.OwnerName})");
            }

            await output.WriteLineAsync($"{all.Count} {(all.Count == 1 ? "action" : "actions")}, {all.Count(a => a.OverdueOn(actions.Today))} overdue.");
            return 0;
        }));

        command.Subcommands.Add(import);
        command.Subcommands.Add(list);
        return command;
    }

    private static async Task<int> RunAsync(
        string databasePath, string? surveysDirectory, TimeProvider? clock, TextWriter error, Func<ActionService, Task<int>> run)
    {
        if (!File.Exists(databasePath))
        {
            await error.WriteLineAsync($"--db: no database at '{Path.GetFullPath(databasePath)}'.");
            return 2;
        }

        var surveys = surveysDirectory ?? SurveysDirectory.Default();
        await using var services = CliServices.Build(databasePath, surveys, DatabaseAccess.ReadWrite, clock ?? TimeProvider.System);
        return await CliServices.GuardedAsync(databasePath, surveys, error, async () =>
        {
            // Brought up to date as the platform does when it starts, so the actions tables are there.
            services.GetRequiredService<Database>().Migrate();
            return await run(services.GetRequiredService<ActionService>());
        });
    }
}
