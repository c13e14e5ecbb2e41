using System.CommandLine;
using CultureDiagnostics.Cli.Commands;

namespace CultureDiagnostics.Cli.Tests;

/// <summary>Runs a command in-process, capturing stdout and stderr.</summary>
public static class CliRunner
{
    public static string DataPath(string file) => Path.Combine(AppContext.BaseDirectory, "Data", file);

    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand("test root");
        root.Subcommands.Add(AnalyseCommand.Create());
        root.Subcommands.Add(SpcCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(ActionsCommand.Create());
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
