using System.CommandLine;
using CultureDiagnostics.Cli.Commands;

var root = new RootCommand("CultureDiagnostics command-line tool");
root.Subcommands.Add(AnalyseCommand.Create());
root.Subcommands.Add(SpcCommand.Create());
return root.Parse(args).Invoke();
