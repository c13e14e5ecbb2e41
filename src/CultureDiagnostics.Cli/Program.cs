using System.CommandLine;

var root = new RootCommand("CultureDiagnostics command-line tool");
return root.Parse(args).Invoke();
