using System.Diagnostics;
using System.Globalization;

namespace CultureDiagnostics.Bench;

/// <summary>
/// The full analysis of the newest campaign from the database, as the results API runs it on a cache
/// miss: read every answer, analyse every scale for every unit, apply disclosure control. Each run
/// uses a fresh service, so nothing is cached between runs.
/// </summary>
public static class Analyse
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var platform = new BenchPlatform(args.Text("db"));
        var repeat = args.Number("repeat", 3);
        var campaign = (await platform.Campaigns.AllAsync())[0];
        var timings = new List<double>();
        var respondents = 0L;
        var scales = 0;
        for (var i = 0; i < repeat; i++)
        {
            var service = platform.NewResultsService();
            var clock = Stopwatch.StartNew();
            var analysed = await service.GetAsync(campaign.Id);
            clock.Stop();
            timings.Add(clock.Elapsed.TotalMilliseconds);
            respondents = analysed!.Stamp;
            scales = analysed.Analysis.Scales.Count;
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"analyse respondents={respondents} scales={scales} runs_ms={string.Join(',', timings.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))} best_ms={timings.Min():0} peak_working_set_mb={process.PeakWorkingSet64 / 1048576.0:0}"));
        return 0;
    }
}
