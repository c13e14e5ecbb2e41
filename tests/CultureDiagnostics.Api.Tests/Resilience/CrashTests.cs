using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Bench;
using CultureDiagnostics.Bench.Ingest;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CultureDiagnostics.Api.Tests.Resilience;

/// <summary>
/// The platform killed with SIGKILL, five times, while the ingest load generator submits responses:
/// no acknowledged response may be lost or doubled, and the database must stay intact.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private readonly TempDirectory _directory = new("cd-crash");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task EveryAcknowledgedResponseSurvivesRepeatedKillsExactlyOnceAndTheDatabaseStaysIntact()
    {
        using var server = new ServerProcess(_directory.Path, ServerProcess.FreePort());
        var platform = new BenchPlatform(server.DatabasePath);
        var targets = await IngestWave.CreateAsync(platform, teamCount: 4);
        var pool = IngestLoad.Pool(new RealisticSubmissions(platform.Catalogue), targets, 200, seed: 5);
        SqliteConnection.ClearAllPools();
        var ready = "/api/survey/" + targets[0].AccessCode;

        var acknowledged = new ConcurrentDictionary<string, bool>();
        var unknown = new ConcurrentDictionary<string, bool>();
        var load = new IngestLoad(server.BaseAddress, pool)
        {
            RequestTimeout = TimeSpan.FromSeconds(10),
            OnResult = (key, ok) => (ok ? acknowledged : unknown).TryAdd(key, true),
        };
        var random = new Random(11);
        for (var kill = 0; kill < 5; kill++)
        {
            await server.StartAsync(ready, TimeSpan.FromSeconds(90));
            var before = acknowledged.Count;
            using var stop = new CancellationTokenSource();
            var running = load.RunAsync(clients: 8, TimeSpan.FromSeconds(60), stop.Token);
            // Kill once the load is flowing, at a different moment each time.
            while (acknowledged.Count < before + 50)
            {
                Assert.False(running.IsCompleted, "The load stopped before the platform took 50 responses: " + server.Output);
                await Task.Delay(20);
            }

            await Task.Delay(random.Next(50, 400));
            server.Kill();
            await stop.CancelAsync();
            await running;
        }

        // The devices whose requests died with the server replay them, as the survey page's offline queue does.
        await server.StartAsync(ready, TimeSpan.FromSeconds(90));
        using (var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) })
        {
            foreach (var key in unknown.Keys.Where(k => !acknowledged.ContainsKey(k)).ToList())
            {
                using var content = new ByteArrayContent(pool[0].Body(key));
                content.Headers.ContentType = new("application/json");
                var response = await http.PostAsync("/api/responses", content);
                Assert.True((int)response.StatusCode is 200 or 201, $"Replay got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                acknowledged.TryAdd(key, true);
            }
        }

        server.Kill();
        using var db = new SqliteConnection($"Data Source={server.DatabasePath};Pooling=False");
        db.Open();
        Assert.Equal("ok", db.ExecuteScalar<string>("PRAGMA integrity_check"));
        var stored = db.Query<string>("SELECT key_hash FROM submission_keys").ToHashSet();
        var missing = acknowledged.Keys.Where(k => !stored.Contains(Hash(k))).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged responses were lost");
        // Every key sent was acknowledged in the end; each stands for exactly one response with all its answers.
        Assert.Equal(acknowledged.Count, stored.Count);
        Assert.Equal(stored.Count, db.ExecuteScalar<long>("SELECT COUNT(*) FROM responses"));
        Assert.Equal(0, db.ExecuteScalar<long>("SELECT COUNT(*) FROM responses r WHERE NOT EXISTS (SELECT 1 FROM answers a WHERE a.response_id = r.id)"));
        Assert.True(acknowledged.Count >= 250, $"Only {acknowledged.Count} responses were acknowledged");
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
