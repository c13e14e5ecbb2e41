using System.Diagnostics;
using System.Globalization;
using CultureDiagnostics.Application.Results;
using CultureDiagnostics.Data.Surveys;
using CultureDiagnostics.Application.Workbook;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Bench;

/// <summary>
/// The synthesis workbook of the newest campaign, as `culture export` and the API produce it on a cold
/// cache: read every answer, analyse, apply disclosure control, publish every unit, write the workbook.
/// Each run uses fresh services; the peak working set is the process's over all runs.
/// </summary>
public static class Export
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var platform = new BenchPlatform(args.Text("db"));
        var repeat = args.Number("repeat", 3);
        var interventions = SurveyFolder.LoadInterventions(Path.Combine(AppContext.BaseDirectory, "surveys")).Catalogue!;
        var campaign = (await platform.Campaigns.AllAsync())[0];
        var timings = new List<double>();
        var phases = "";
        // CPU time beside wall time: on a shared, overloaded machine the wall clock mostly measures waiting.
        var cpu = new List<double>();
        var size = 0;
        for (var i = 0; i < repeat; i++)
        {
            await using var services = platform.NewServices(interventions);
            var results = services.GetRequiredService<CampaignResultsService>();
            var service = services.GetRequiredService<WorkbookService>();
            using var self = Process.GetCurrentProcess();
            var cpuBefore = self.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await results.GetAsync(campaign.Id);
            var analysis = clock.Elapsed.TotalMilliseconds;
            var content = (await service.GatherAsync(campaign.Id)).Value!;
            var gathered = clock.Elapsed.TotalMilliseconds;
            var bytes = SynthesisWorkbook.Write(content);
            clock.Stop();
            timings.Add(clock.Elapsed.TotalMilliseconds);
            self.Refresh();
            cpu.Add((self.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            phases += string.Create(CultureInfo.InvariantCulture, $" run{i + 1}_analysis_ms={analysis:0} run{i + 1}_publish_ms={gathered - analysis:0} run{i + 1}_write_ms={clock.Elapsed.TotalMilliseconds - gathered:0}");
            size = bytes.Length;
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"export bytes={size} runs_ms={string.Join(',', timings.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))} best_ms={timings.Min():0} cpu_ms={string.Join(',', cpu.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))} peak_working_set_mb={process.PeakWorkingSet64 / 1048576.0:0}{phases}"));
        return 0;
    }
}
