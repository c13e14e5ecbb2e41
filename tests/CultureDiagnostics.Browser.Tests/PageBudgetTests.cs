using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace CultureDiagnostics.Browser.Tests;

/// <summary>
/// The first page's weight on the wire, which is deterministic and asserted, and its load on a slow
/// phone, which is not: those timings are only written to bench/survey-page-budget.md when
/// CD_WRITE_BENCH=1 (speed is never a pass/fail test on a shared CI machine).
/// </summary>
public sealed class PageBudgetTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const int BudgetBytes = 60 * 1024;

    // Chromium DevTools' "Slow 3G" preset (front_end/core/sdk/NetworkManager.ts, Slow3GConditions):
    // download = upload = 500 kbit/s × 0.8 = 50,000 B/s, latency = 400 ms × 5 = 2,000 ms.
    private const double Slow3GBytesPerSecond = 500 * 1000 / 8 * 0.8;
    private const double Slow3GLatencyMs = 400 * 5;
    private const int CpuSlowdown = 4;

    [Fact]
    public async Task TheFirstPageAndAllItLoadsWeighUnder60KilobytesOnTheWire()
    {
        var (_, code) = await fixture.OpenCampaignAsync("leadership-behaviours", "psychological-safety", "team-reflexivity");
        var context = await fixture.PhoneAsync();
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        var urls = new Dictionary<string, string>();
        var transferred = new Dictionary<string, double>();
        cdp.Event("Network.responseReceived").OnEvent += (_, e) =>
            urls[e!.Value.GetProperty("requestId").GetString()!] = e.Value.GetProperty("response").GetProperty("url").GetString()!;
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
            transferred[e!.Value.GetProperty("requestId").GetString()!] = e.Value.GetProperty("encodedDataLength").GetDouble();
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.setCacheDisabled", new Dictionary<string, object> { ["cacheDisabled"] = true });
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = Slow3GLatencyMs,
            ["downloadThroughput"] = Slow3GBytesPerSecond,
            ["uploadThroughput"] = Slow3GBytesPerSecond,
        });
        await cdp.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = CpuSlowdown });

        await page.GotoAsync($"{fixture.BaseUrl}/s/{code}", new() { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
        await page.WaitForTimeoutAsync(500); // let the last loadingFinished events arrive
        var timing = await page.EvaluateAsync<JsonElement>("""
            () => { const n = performance.getEntriesByType('navigation')[0];
                    return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd }; }
            """);
        // Responsiveness to the first tap: from the click on "Start" to the next frame showing question 1.
        var firstTap = await page.EvaluateAsync<double>("""
            () => new Promise(done => {
              const start = performance.now();
              document.querySelector('button[value=start]').click();
              requestAnimationFrame(() => setTimeout(() => done(performance.now() - start), 0));
            })
            """);
        await Assertions.Expect(page.Locator("main section.screen:not([hidden]) .progress-text")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Question 1 of"));

        var total = transferred.Values.Sum();
        var lines = transferred.OrderBy(t => urls.GetValueOrDefault(t.Key), StringComparer.Ordinal)
            .Select(t => $"| `{new Uri(urls.GetValueOrDefault(t.Key, "about:unknown")).PathAndQuery}` | {t.Value:N0} |").ToList();
        Assert.True(total < BudgetBytes, $"The first page and all it loads transferred {total:N0} bytes:\n{string.Join('\n', lines)}");
        Assert.True(transferred.Count >= 3, "Expected the page, its stylesheet and its script.");
        Assert.All(urls.Values, url => Assert.StartsWith(fixture.BaseUrl, url, StringComparison.Ordinal));

        if (Environment.GetEnvironmentVariable("CD_WRITE_BENCH") == "1")
        {
            WriteBench(total, lines, timing, firstTap);
        }

        await context.CloseAsync();
    }

    private static void WriteBench(double total, List<string> lines, JsonElement timing, double firstTap)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CultureDiagnostics.sln")))
        {
            root = root.Parent;
        }

        var ms = (string name) => timing.GetProperty(name).GetDouble().ToString("N0", CultureInfo.InvariantCulture);
        var text = new StringBuilder()
            .AppendLine("# Survey first page: weight and load on a slow phone")
            .AppendLine()
            .AppendLine("Measured by `PageBudgetTests` (tests/CultureDiagnostics.Browser.Tests) with `CD_WRITE_BENCH=1 ./test.sh`, in headless")
            .AppendLine("Debian Chromium at 390×844, cache disabled, on the heaviest campaign the platform ships: all three instruments")
            .AppendLine("(leadership behaviours, psychological safety, team reflexivity: 68 questions, every screen in the first page).")
            .AppendLine()
            .AppendLine("Throttling through the DevTools protocol: `Network.emulateNetworkConditions` with Chromium DevTools' own \"Slow 3G\"")
            .AppendLine("preset (`front_end/core/sdk/NetworkManager.ts`, `Slow3GConditions`: download = upload = 500 kbit/s × 0.8 = 50,000 B/s,")
            .AppendLine($"latency = 400 ms × 5 = 2,000 ms) and `Emulation.setCPUThrottlingRate` rate {CpuSlowdown}. The server is on loopback on a 2-core machine.")
            .AppendLine()
            .AppendLine("The byte budget (60 KB compressed) is asserted by the test; the timings are a record, not a test.")
            .AppendLine()
            .AppendLine("| request | bytes on the wire (headers included) |")
            .AppendLine("| --- | ---: |")
            .AppendJoin(Environment.NewLine, lines).AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"| **total** | **{total:N0}** (budget {BudgetBytes:N0}) |")
            .AppendLine()
            .AppendLine("| moment (ms from navigation start) | Slow 3G + 4× CPU |")
            .AppendLine("| --- | ---: |")
            .AppendLine(CultureInfo.InvariantCulture, $"| DOMContentLoaded (script run: interactive) | {ms("dcl")} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| load event | {ms("load")} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| first tap (\"Start\") to the next frame showing question 1 | {firstTap:N0} |")
            .AppendLine()
            .AppendLine("Most of the time is the preset's 2 s round trip, paid once for the page and once for the stylesheet and script")
            .AppendLine("(requested in parallel); the bytes themselves take well under a second at 50,000 B/s.");
        Directory.CreateDirectory(Path.Combine(root!.FullName, "bench"));
        File.WriteAllText(Path.Combine(root.FullName, "bench", "survey-page-budget.md"), text.ToString());
    }
}
