using System.Diagnostics;
using System.Globalization;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Data;
using CultureDiagnostics.Data.Responses;
using Microsoft.Data.Sqlite;

namespace CultureDiagnostics.Bench.Ingest;

/// <summary>
/// bench ingest-setup --db PATH --targets FILE      open surveys to answer, their links saved to FILE
/// bench ingest --url URL --targets FILE --clients C --seconds D
/// bench ingest-ceiling --db PATH --seconds D       the same rows inserted directly: ResponseStore and raw SQLite
/// </summary>
public static class IngestCommands
{
    public static async Task<int> SetupAsync(Arguments args)
    {
        var platform = new BenchPlatform(args.Text("db"));
        var targets = await IngestWave.CreateAsync(platform);
        await IngestWave.SaveAsync(targets, args.Text("targets"));
        Console.WriteLine($"ingest-setup: {targets.Count} links in {args.Text("targets")}");
        return 0;
    }

    public static async Task<int> LoadAsync(Arguments args)
    {
        var targets = await IngestWave.LoadAsync(args.Text("targets"));
        var factory = new RealisticSubmissions(BenchPlatform.LoadCatalogue());
        var load = new IngestLoad(new Uri(args.Text("url")), IngestLoad.Pool(factory, targets, 2000, args.Number("seed", 1)));
        var report = await load.RunAsync(args.Number("clients", 16), TimeSpan.FromSeconds(args.Number("seconds", 10)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest clients={report.Clients} seconds={report.Elapsed.TotalSeconds:0.0} acknowledged={report.Acknowledged} per_second={report.PerSecond:0} p50_ms={report.Percentile(50):0.0} p95_ms={report.Percentile(95):0.0} p99_ms={report.Percentile(99):0.0} p999_ms={report.Percentile(99.9):0.0} max_ms={report.Percentile(100):0.0} errors={report.ErrorCount}{string.Concat(report.Errors.Select(e => $" [{e.Key}: {e.Value}]"))}"));
        return report.ErrorCount == 0 ? 0 : 1;
    }

    /// <summary>
    /// The ceiling: how fast the same responses go into SQLite without HTTP. Three ways: one transaction
    /// per response through ResponseStore on pooled connections with SQLite's own checkpoints (what every
    /// request did before group commit), and, set up as the platform runs (the writer's connection and
    /// <see cref="LogCheckpointer"/> on a thread of its own), <see cref="ResponseWriter"/> given
    /// <see cref="ResponseWriter.MaxBatch"/> responses at a time (group commit at its fullest) and raw
    /// prepared statements in batches of the same size.
    /// </summary>
    public static async Task<int> CeilingAsync(Arguments args)
    {
        var platform = new BenchPlatform(args.Text("db"));
        var targets = await IngestWave.CreateAsync(platform);
        var factory = new RealisticSubmissions(platform.Catalogue);
        var random = new Random(2);
        var rows = Enumerable.Range(0, 2000).Select(_ =>
        {
            var next = factory.Next(random, targets[random.Next(targets.Count)]);
            var instruments = next.Target.Instruments.Select(id => platform.Catalogue.Latest(id)!).ToList();
            var accepted = SubmissionRules.Check(next.Submission, instruments).Accepted ?? throw new InvalidOperationException("A generated submission was refused.");
            return (next.Target.AccessCode, accepted);
        }).ToList();
        var access = new Dictionary<string, (string Campaign, string Unit)>();
        foreach (var code in rows.Select(r => r.AccessCode).Distinct())
        {
            var found = (await platform.Campaigns.FindAccessAsync(code))!;
            access[code] = (found.Campaign.Id, found.UnitId);
        }

        KeyedSubmission Keyed(int i)
        {
            var (code, accepted) = rows[i % rows.Count];
            return new KeyedSubmission(access[code].Campaign, access[code].Unit, Guid.NewGuid().ToString("N"), accepted, null);
        }

        var duration = TimeSpan.FromSeconds(args.Number("seconds", 10));
        await Measure("store_one_per_transaction", duration, async n =>
        {
            await platform.Responses.StoreManyAsync([Keyed(n)]);
            return 1;
        });

        var checkpointer = new LogCheckpointer(platform.Database);
        using var stopCheckpoints = new CancellationTokenSource();
        var checkpoints = Task.Run(async () =>
        {
            while (!stopCheckpoints.IsCancellationRequested)
            {
                await checkpointer.CopyAsync();
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        });
        await using (var writer = new ResponseWriter(platform.Responses, checkpointer))
        {
            await writer.StartAsync(CancellationToken.None);
            await Measure("store_batched", duration, async n =>
            {
                var batch = Enumerable.Range(n, ResponseWriter.MaxBatch).Select(Keyed).ToList();
                await Task.WhenAll(batch.Select(k => writer.StoreAsync(k.CampaignId, k.UnitId, k.IdempotencyKey, k.Submission)));
                return batch.Count;
            });
        }

        using var raw = new RawInsert(platform.Database);
        await Measure("raw_batched", duration, async n =>
        {
            var batch = Enumerable.Range(n, ResponseWriter.MaxBatch).Select(Keyed).ToList();
            raw.Insert(batch);
            await checkpointer.CatchUpIfAskedAsync(raw.Connection);
            return batch.Count;
        });
        await stopCheckpoints.CancelAsync();
        await checkpoints;
        return 0;
    }

    private static async Task Measure(string name, TimeSpan duration, Func<int, Task<int>> insert)
    {
        var clock = Stopwatch.StartNew();
        var done = 0;
        while (clock.Elapsed < duration)
        {
            done += await insert(done);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ceiling {name} responses={done} per_second={done / clock.Elapsed.TotalSeconds:0}"));
    }
}
