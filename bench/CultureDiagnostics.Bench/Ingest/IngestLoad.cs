using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace CultureDiagnostics.Bench.Ingest;

/// <summary>What one run measured. Latencies are of acknowledged submissions, in milliseconds.</summary>
public sealed record IngestReport(int Clients, TimeSpan Elapsed, long Acknowledged, IReadOnlyDictionary<string, long> Errors, double[] LatenciesMs)
{
    public double PerSecond => Acknowledged / Elapsed.TotalSeconds;

    public long ErrorCount => Errors.Values.Sum();

    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var sorted = LatenciesMs.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>
/// Submits realistic responses to a running platform over HTTP: <c>clients</c> concurrent clients, each
/// sending one response after another (a new idempotency key each) until the time is up. Bodies are
/// prepared beforehand so the generator spends its CPU on sending, not on composing answers.
/// </summary>
public sealed class IngestLoad(Uri baseAddress, IReadOnlyList<RealisticSubmission> pool)
{
    /// <summary>Called for every key sent: acknowledged (201 or 200) or not (error, timeout, refused connection).</summary>
    public Action<string, bool>? OnResult { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public static IReadOnlyList<RealisticSubmission> Pool(RealisticSubmissions factory, IReadOnlyList<IngestTarget> targets, int size, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, size).Select(_ => factory.Next(random, targets[random.Next(targets.Count)])).ToList();
    }

    public async Task<IngestReport> RunAsync(int clients, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, UseCookies = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = RequestTimeout };
        var errors = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentBag<double[]>();
        var acknowledged = 0L;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var mine = new List<double>(4096);
            var next = client;
            while (!stop.IsCancellationRequested)
            {
                var key = Guid.NewGuid().ToString("N");
                using var content = new ByteArrayContent(pool[next++ % pool.Count].Body(key));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                var started = Stopwatch.GetTimestamp();
                string? error;
                try
                {
                    // Not cancelled at the deadline: a request in flight is finished and counted.
                    using var response = await http.PostAsync("/api/responses", content, CancellationToken.None);
                    await response.Content.LoadIntoBufferAsync(CancellationToken.None);
                    error = (int)response.StatusCode is 200 or 201 ? null : "HTTP " + (int)response.StatusCode;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    error = ex.GetType().Name;
                    // The platform is down or restarting: try again shortly rather than spin.
                    await Task.Delay(20, CancellationToken.None);
                }

                OnResult?.Invoke(key, error is null);
                if (error is null)
                {
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Increment(ref acknowledged);
                }
                else
                {
                    errors.AddOrUpdate(error, 1, (_, n) => n + 1);
                }
            }

            latencies.Add([.. mine]);
        }, CancellationToken.None)));
        return new IngestReport(clients, clock.Elapsed, acknowledged, errors, latencies.SelectMany(l => l).ToArray());
    }
}
