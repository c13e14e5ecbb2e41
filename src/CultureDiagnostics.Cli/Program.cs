using System.CommandLine;
using CultureDiagnostics.Cli.Commands;

var root = new RootCommand("culture: the CultureDiagnostics command-line tool");
root.Subcommands.Add(ValidateSurveysCommand.Create());
root.Subcommands.Add(CreateAdminCommand.Create());
root.Subcommands.Add(AnalyseCommand.Create());
root.Subcommands.Add(SpcCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(BackupCommand.Create());
root.Subcommands.Add(ActionsCommand.Create());
return await root.Parse(args).InvokeAsync();
