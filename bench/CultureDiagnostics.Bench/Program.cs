using CultureDiagnostics.Bench.Ingest;

namespace CultureDiagnostics.Bench;

// bench generate --db PATH --respondents N [--teams 500]
// bench analyse  --db PATH [--repeat 3]
// bench export-csv --db PATH --out FILE   (the same answers for R)
// bench core --db PATH                    (alpha, rwg(j) and ICC only, as R computes them)
// bench export --db PATH [--repeat 3]     (the synthesis workbook, as culture export writes it)
// bench dashboard --db PATH [--renders 50] (the board's dashboard rendered by the whole platform, server time)
// bench sign-in [--rounds 300]           (failed sign-ins by case: unknown address, wrong password, locked account)
// bench ingest-setup --db PATH --targets FILE                        (open surveys for an ingest run)
// bench ingest --url URL --targets FILE --clients C --seconds D       (load generator against a running platform)
// bench ingest-ceiling --db PATH [--seconds D]                       (the same rows straight into SQLite)
// A named entry point rather than top-level statements: the Api tests reference this project and the
// platform, and both would otherwise get a public Program class.
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args) =>
        args.FirstOrDefault() switch
        {
            "generate" => await Generate.RunAsync(Arguments.Parse(args)),
            "analyse" => await Analyse.RunAsync(Arguments.Parse(args)),
            "export-csv" => await ExportCsv.RunAsync(Arguments.Parse(args)),
            "core" => await CoreOnly.RunAsync(Arguments.Parse(args)),
            "export" => await Export.RunAsync(Arguments.Parse(args)),
            "dashboard" => await Dashboard.RunAsync(Arguments.Parse(args)),
            "sign-in" => await SignIn.RunAsync(Arguments.Parse(args)),
            "ingest-setup" => await IngestCommands.SetupAsync(Arguments.Parse(args)),
            "ingest" => await IngestCommands.LoadAsync(Arguments.Parse(args)),
            "ingest-ceiling" => await IngestCommands.CeilingAsync(Arguments.Parse(args)),
            _ => Usage(),
        };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: bench generate|analyse|export-csv|core|export|dashboard|sign-in|ingest-setup|ingest|ingest-ceiling [options]; the options of each are listed at the top of bench/CultureDiagnostics.Bench/Program.cs");
        return 2;
    }
}
