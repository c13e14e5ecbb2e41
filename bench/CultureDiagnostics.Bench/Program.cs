using CultureDiagnostics.Bench;

// bench generate --db PATH --respondents N [--teams 500]
// bench analyse  --db PATH [--repeat 3]
// bench export-csv --db PATH --out FILE   (the same answers for R)
// bench core --db PATH                    (alpha, rwg(j) and ICC only, as R computes them)
// bench export --db PATH [--repeat 3]     (the synthesis workbook, as culture export writes it)
// bench dashboard --db PATH [--renders 50] (the board's dashboard rendered by the whole platform, server time)
return args.FirstOrDefault() switch
{
    "generate" => await Generate.RunAsync(Arguments.Parse(args)),
    "analyse" => await Analyse.RunAsync(Arguments.Parse(args)),
    "export-csv" => await ExportCsv.RunAsync(Arguments.Parse(args)),
    "core" => await CoreOnly.RunAsync(Arguments.Parse(args)),
    "export" => await Export.RunAsync(Arguments.Parse(args)),
    "dashboard" => await Dashboard.RunAsync(Arguments.Parse(args)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: bench generate|analyse|export-csv|core|export|dashboard --db PATH [options]; see bench/README.md");
    return 2;
}
