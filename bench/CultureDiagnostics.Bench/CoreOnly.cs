using System.Diagnostics;
using System.Globalization;
using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Bench;

/// <summary>
/// The statistics R is timed on (alpha, rwg(j) per team, ICC from the one-way ANOVA), computed by the
/// platform's core on the same answers: one ScaleAnalysis per leader-rated scale, grouped by team.
/// Loading is not timed, as R's reading of the CSV is not.
/// </summary>
public static class CoreOnly
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var platform = new BenchPlatform(args.Text("db"));
        var (answers, columns) = await ExportCsv.LoadAsync(platform);
        var scaleItems = answers.Instrument.ScaleItems.ToList();
        var teams = answers.UnitOfRespondent.Distinct().ToList();
        var teamIndex = teams.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i);
        var groups = answers.UnitOfRespondent.Select(u => teamIndex[u]).ToArray();
        var sets = columns.GroupBy(c => c.Construct!).Select(g =>
        {
            var items = g.ToList();
            var index = items.Select(i => scaleItems.IndexOf(i)).ToArray();
            var values = new double[answers.RespondentCount * items.Count];
            for (var r = 0; r < answers.RespondentCount; r++)
            {
                for (var i = 0; i < index.Length; i++)
                {
                    values[(r * index.Length) + i] = answers.Values[(r * scaleItems.Count) + index[i]];
                }
            }

            return new ScaleDataSet(items.Select(i => i.Id).ToList(), 1, 5, items.Select(i => i.Reverse).ToList(), teams, groups, values);
        }).ToList();

        var timings = new List<double>();
        for (var run = 0; run < args.Number("repeat", 3); run++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var set in sets)
            {
                _ = ScaleAnalysis.Analyse(set);
            }

            timings.Add(clock.Elapsed.TotalSeconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"core_seconds={timings.Min():0.000} scales={sets.Count} respondents={answers.RespondentCount}"));
        return 0;
    }
}
