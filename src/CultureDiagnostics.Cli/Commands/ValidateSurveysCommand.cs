using System.CommandLine;
using CultureDiagnostics.Data.Surveys;

namespace CultureDiagnostics.Cli.Commands;

/// <summary>
/// <c>culture validate-surveys [--dir PATH]</c>: checks every instrument file (and the intervention
/// catalogue when present) so an organisation can test its own wording before deploying it.
/// </summary>
public static class ValidateSurveysCommand
{
    public static Command Create()
    {
        var directory = new Option<string?>("--dir")
        {
            Description = "Folder holding the instrument files (default: the surveys folder beside the executable, else ./surveys)",
        };
        var command = new Command("validate-surveys", "Check every instrument file and print its fingerprint");
        command.Options.Add(directory);
        command.SetAction(parseResult => Run(
            parseResult.GetValue(directory) ?? SurveysDirectory.Default(),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string directory, TextWriter output, TextWriter error)
    {
        var instruments = SurveyFolder.Load(directory);
        var errors = instruments.Errors.ToList();
        if (File.Exists(Path.Combine(directory, SurveyFolder.InterventionsFileName)))
        {
            var interventions = SurveyFolder.LoadInterventions(directory);
            errors.AddRange(interventions.Errors);
            if (interventions.Catalogue is { } catalogue)
            {
                var elements = catalogue.All.Select(i => i.Element).Distinct().Count();
                output.WriteLine($"{SurveyFolder.InterventionsFileName}: {catalogue.All.Count} interventions across {elements} elements");
            }
        }

        if (errors.Count > 0)
        {
            foreach (var problem in errors)
            {
                error.WriteLine(problem.ToString());
            }

            error.WriteLine($"{errors.Count} problem(s) found in {directory}");
            return 1;
        }

        foreach (var instrument in instruments.Catalogue!.All)
        {
            var fingerprint = instruments.Catalogue.FingerprintOf(instrument.Id, instrument.Version);
            output.WriteLine(
                $"{instrument.Id} v{instrument.Version}: {instrument.Items.Count()} items ({instrument.ScaleItems.Count()} scored), fingerprint {fingerprint[..12]}");
        }

        return 0;
    }
}
