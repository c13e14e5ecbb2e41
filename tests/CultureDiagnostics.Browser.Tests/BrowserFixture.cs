using System.Net;
using System.Net.Http.Json;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Accounts;
using Dapper;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CultureDiagnostics.Browser.Tests;

/// <summary>
/// One real server (Kestrel on a loopback port, its own database, no demo) and one Chromium for a
/// whole test class: a browser cannot reach WebApplicationFactory's in-memory server.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly bool _demo;
    private int _campaigns;
    private IPlaywright? _playwright;

    public BrowserFixture()
        : this(demo: false)
    {
    }

    /// <summary>With <paramref name="demo"/>, the server holds the demo trust (and not the small test structure).</summary>
    /// <param name="settings">Configuration on top of the tests' defaults (a mail server, say).</param>
    protected BrowserFixture(bool demo, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _demo = demo;
        App = new TestApp(demo: demo, settings: settings);
    }

    public TestApp App { get; }

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    /// <summary>An administrator a browser can sign in as (with <see cref="TestApp.Password"/>).</summary>
    public string AdminEmail { get; } = "poster-printer@test.example";

    public async Task InitializeAsync()
    {
        // Fail loudly, never skip: ./test.sh installs Debian's Chromium when it is missing.
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install it with 'apt-get install -y chromium' (./test.sh does). The browser tests cannot run without it.");
        App.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        Admin = await App.SignedInClientAsync();
        await App.Services.GetRequiredService<AccountStore>().CreateAsync(AdminEmail, "Poster printer", TestApp.Password, Roles.Administrator);
        if (!_demo)
        {
            var import = await Admin.PostAsync("/api/units/import", new StringContent(Scenario.StructureCsv, System.Text.Encoding.UTF8, "text/csv"));
            import.EnsureSuccessStatusCode();
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A new open campaign with the given instruments, so each test counts only its own responses.</summary>
    public async Task<(string Id, string Code)> OpenCampaignAsync(params string[] instruments)
    {
        var created = await Admin.PostAsJsonAsync("/api/campaigns", new
        {
            title = $"Browser wave {Interlocked.Increment(ref _campaigns)}",
            opensOn = "2026-11-01",
            closesOn = "2026-11-30",
            instruments = instruments.Select(i => new { id = i }),
            units = new[] { "TEAM-1", "TEAM-2" },
        });
        created.EnsureSuccessStatusCode();
        var campaign = await TestApp.ReadObjectAsync(created);
        var id = campaign["id"]!.GetValue<string>();
        (await Admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        var code = campaign["units"]!.AsArray().Single(u => u!["code"]!.GetValue<string>() == "TEAM-1")!["accessCode"]!.GetValue<string>();
        return (id, code);
    }

    public long ResponsesFor(string campaignId)
    {
        using var connection = App.OpenDatabase();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM responses WHERE campaign_id = @campaignId", new { campaignId });
    }

    /// <summary>A fresh browser context (own storage) at a laptop's or projector's size.</summary>
    public Task<IBrowserContext> DesktopAsync(int width = 1366, int height = 768) =>
        Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "en-GB" });

    /// <summary>A fresh browser context (own storage) at a phone's size.</summary>
    public Task<IBrowserContext> PhoneAsync(int width = 390, int height = 844, bool javaScript = true) =>
        Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height },
            JavaScriptEnabled = javaScript,
            HasTouch = true,
            IsMobile = true,
            DeviceScaleFactor = 2,
            Locale = "en-GB",
        });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Admin?.Dispose();
        App.Dispose();
    }
}

/// <summary>A server with the demo trust: two closed waves, an open pulse, metrics, findings and conclusions.</summary>
public sealed class DemoBrowserFixture() : BrowserFixture(demo: true);
