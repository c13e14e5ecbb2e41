using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CultureDiagnostics.Data;
using CultureDiagnostics.Data.Accounts;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Bench;

/// <summary>
/// How long a failed sign-in takes, by case: an unknown address, a wrong password, a locked account. Each is
/// POST /api/auth/sign-in to the whole platform in process (<see cref="BenchHost"/>, its sign-in rate limit lifted),
/// timed inside the server. The cases take turns in a rotating order, so drift on a busy machine falls on all
/// three alike. Before each wrong password the account's failures are cleared (untimed), so it never locks; the
/// locked account stays locked for the run.
/// </summary>
public static class SignIn
{
    private const string Password = "bench-password-1";
    private const string WrongPassword = "not-the-password";
    private const string KnownEmail = "known@bench.example";
    private const string LockedEmail = "locked@bench.example";

    private static readonly (string Name, string Email, HttpStatusCode Status)[] Cases =
    [
        ("unknown-address", "nobody@bench.example", HttpStatusCode.Unauthorized),
        ("wrong-password", KnownEmail, HttpStatusCode.Unauthorized),
        ("locked-account", LockedEmail, HttpStatusCode.TooManyRequests),
    ];

    public static async Task<int> RunAsync(Arguments args)
    {
        var rounds = args.Number("rounds", 300);
        var folder = Path.Combine(Path.GetTempPath(), "culture-bench-sign-in-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        try
        {
            await using var host = new BenchHost(Path.Combine(folder, "sign-in.db"), folder, new Dictionary<string, string>
            {
                ["CultureDiagnostics:RateLimits:SignInsPerMinute"] = "1000000",
            });
            var accounts = host.Services.GetRequiredService<AccountStore>();
            await accounts.CreateAsync(KnownEmail, "Known", Password, Roles.Analyst);
            await accounts.CreateAsync(LockedEmail, "Locked", Password, Roles.Analyst);
            var database = host.Services.GetRequiredService<Database>();
            await using (var connection = await database.OpenAsync())
            {
                await connection.ExecuteAsync(
                    "UPDATE users SET locked_until = @Until WHERE email = @Email",
                    new { Until = DateTimeOffset.UtcNow.AddDays(1).ToString("O"), Email = LockedEmail });
            }

            using var client = host.CreateClient();
            var times = Cases.ToDictionary(c => c.Name, _ => new List<double>());
            const int warmUp = 10;
            for (var round = 0; round < warmUp + rounds; round++)
            {
                for (var turn = 0; turn < Cases.Length; turn++)
                {
                    var (name, email, status) = Cases[(round + turn) % Cases.Length];
                    await ClearFailuresAsync(database);
                    host.Timings.Clear();
                    using var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password = WrongPassword });
                    if (response.StatusCode != status)
                    {
                        throw new InvalidOperationException($"{name}: expected {(int)status}, got {(int)response.StatusCode}.");
                    }

                    if (round >= warmUp)
                    {
                        times[name].Add(host.Timings.Single().Milliseconds);
                    }
                }
            }

            var baseline = Median(times["wrong-password"]);
            foreach (var (name, _, _) in Cases)
            {
                var sorted = times[name].Order().ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"sign-in case={name} n={sorted.Count} median_ms={Median(sorted):0.0} p25_ms={Percentile(sorted, 0.25):0.0} p75_ms={Percentile(sorted, 0.75):0.0} p95_ms={Percentile(sorted, 0.95):0.0} mean_ms={sorted.Average():0.0} ratio_to_wrong_password={Median(sorted) / baseline:0.00}"));
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task ClearFailuresAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("UPDATE users SET failed_attempts = 0 WHERE email = @Email", new { Email = KnownEmail });
    }

    private static double Median(List<double> values) => Percentile(values.Order().ToList(), 0.5);

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
