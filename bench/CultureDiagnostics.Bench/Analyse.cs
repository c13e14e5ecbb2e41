using System.Diagnostics;
using System.Globalization;
using CultureDiagnostics.Core.Results;

namespace CultureDiagnostics.Bench;

/// <summary>
/// The full analysis of the newest campaign from the database, as the results API runs it on a cache
/// miss: read every answer, analyse every scale for every unit, apply disclosure control; and the
/// disclosure step alone. Each run
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
        var disclosureTimings = new List<double>();
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

            // The disclosure step on its own (it is part of the full analysis above): every unit, every scale's
            // figures on their populations, and the statistics across published teams.
            var direct = analysed.Tree.Units.ToDictionary(
                u => u.Id, u => analysed.Disclosure[u.Id].Total - analysed.Tree.ChildrenOf(u.Id).Sum(c => analysed.Disclosure[c.Id].Total));
            clock.Restart();
            CampaignDisclosure.Decide(analysed.Tree, analysed.Analysis, direct, analysed.Campaign.Thresholds.Scores);
            disclosureTimings.Add(clock.Elapsed.TotalMilliseconds);
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"analyse respondents={respondents} scales={scales} runs_ms={string.Join(',', timings.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))} best_ms={timings.Min():0} disclosure_best_ms={disclosureTimings.Min():0} peak_working_set_mb={process.PeakWorkingSet64 / 1048576.0:0}"));
        return 0;
    }
}
