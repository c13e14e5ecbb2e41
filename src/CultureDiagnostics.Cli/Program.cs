using System.CommandLine;
using CultureDiagnostics.Cli.Commands;

var root = new RootCommand("culture: the CultureDiagnostics command-line tool");
root.Subcommands.Add(CreateAdminCommand.Create());
return await root.Parse(args).InvokeAsync();
