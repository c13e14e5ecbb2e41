using System.CommandLine;

var root = new RootCommand("CultureDiagnostics command-line tool");
root.Subcommands.Add(CultureDiagnostics.Cli.Commands.ValidateSurveysCommand.Create());
return root.Parse(args).Invoke();
