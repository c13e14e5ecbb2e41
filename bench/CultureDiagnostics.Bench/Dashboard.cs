using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using CultureDiagnostics.Api.Demo;
using CultureDiagnostics.Data.Accounts;
using CultureDiagnostics.Data.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Bench;

/// <summary>
/// The board's dashboard of a generated campaign, rendered by the whole platform in process (<see cref="BenchHost"/>,
/// over the generated database). The first request analyses the campaign and fills the
/// caches; then each render is timed inside the server, from the first middleware to the end of the
/// response, so the figure is server time without the client. The demo's metrics are added to the database
/// when it has none, so the page carries SPC charts as a real trust's would.
/// </summary>
public static class Dashboard
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var database = args.Text("db");
        var renders = args.Number("renders", 50);
        var folder = Path.Combine(Path.GetTempPath(), "culture-bench-host-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        try
        {
            await using var host = new BenchHost(database, folder);
            var services = host.Services;
            var diagnostics = services.GetRequiredService<DiagnosticsStore>();
            if ((await diagnostics.MetricsAsync()).Count == 0)
            {
                await DemoDiagnostics.LoadAsync(diagnostics, DateOnly.FromDateTime(DateTime.UtcNow));
            }

            const string email = "bench@bench.example", password = "bench-password-1";
            var accounts = services.GetRequiredService<AccountStore>();
            if (!await accounts.HasPasswordAsync(email, password))
            {
                await accounts.CreateAsync(email, "Benchmark", password, Roles.Board);
            }

            using var client = host.CreateClient();
            (await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password })).EnsureSuccessStatusCode();
            var campaign = (await new BenchPlatform(database).Campaigns.AllAsync())[0];
            var path = $"/dashboard/{campaign.Id}";

            var cold = Stopwatch.StartNew();
            var first = await client.GetAsync(path);
            first.EnsureSuccessStatusCode();
            cold.Stop();
            var html = await first.Content.ReadAsStringAsync();

            host.Timings.Clear();
            for (var i = 0; i < renders; i++)
            {
                using var response = await client.GetAsync(path);
                response.EnsureSuccessStatusCode();
                _ = await response.Content.ReadAsByteArrayAsync();
            }

            var times = host.Timings.Where(t => t.Path == path).Select(t => t.Milliseconds).Order().ToList();
            var respondents = await Respondents(host, campaign.Id);
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"dashboard respondents={respondents} renders={times.Count} first_ms={cold.Elapsed.TotalMilliseconds:0} median_ms={Percentile(times, 0.5):0.0} p95_ms={Percentile(times, 0.95):0.0} max_ms={times[^1]:0.0} page_kb={html.Length / 1024.0:0} charts={CountOf(html, "<svg role=\"img\"") + CountOf(html, " role=\"img\" aria-labelledby")} peak_working_set_mb={process.PeakWorkingSet64 / 1048576.0:0}"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<long> Respondents(BenchHost host, string campaignId)
    {
        await using var connection = await host.Services.GetRequiredService<CultureDiagnostics.Data.Database>().OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM responses WHERE campaign_id = @campaignId", new { campaignId });
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
