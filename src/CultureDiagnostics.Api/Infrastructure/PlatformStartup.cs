using System.Diagnostics;
using CultureDiagnostics.Api.Campaigns;
using CultureDiagnostics.Api.Demo;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Data;
using CultureDiagnostics.Data.Accounts;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Surveys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace CultureDiagnostics.Api.Infrastructure;

public static partial class PlatformStartup
{
    /// <summary>
    /// Brings the database up to date and refuses to start if a published instrument changed; then
    /// loads the demo into an empty database, or issues a setup token if nobody can sign in yet.
    /// </summary>
    public static async Task InitialisePlatformAsync(this WebApplication app)
    {
        var services = app.Services;
        var database = services.GetRequiredService<Database>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PlatformStartup).FullName!);
        string? setupToken;
        // Instances sharing a PostgreSQL database start one at a time through here, so the schema is
        // upgraded once, the demo is loaded once and the first data-protection key is made once.
        await using (await database.LockStartupAsync())
        {
            var started = Stopwatch.GetTimestamp();
            database.Migrate();
            var elapsed = Stopwatch.GetElapsedTime(started);
            Log.SchemaReady(logger, database.Provider, elapsed.TotalMilliseconds);
            await CheckInstrumentsAsync(services);
            setupToken = await LoadFirstDataAsync(services, database, logger);
            services.GetRequiredService<IDataProtectionProvider>().CreateProtector("startup").Protect("key ring ready"u8.ToArray());
        }

        var demo = await DemoSignInAsync(services);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            Log.Started(logger, database.Provider);
            PrintWelcome(app, database, setupToken, demo);
        });
    }

    private static async Task CheckInstrumentsAsync(IServiceProvider services)
    {
        var catalogue = services.GetRequiredService<InstrumentCatalogue>();
        var changed = await services.GetRequiredService<InstrumentVersionStore>()
            .CheckAsync((id, version) => catalogue.Find(id, version) is null ? null : catalogue.FingerprintOf(id, version));
        if (changed.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, changed.Select(c => c.Problem)));
        }
    }

    /// <summary>Loads the demo into an empty database; otherwise issues a setup token if nobody can sign in yet.</summary>
    private static async Task<string?> LoadFirstDataAsync(IServiceProvider services, Database database, ILogger logger)
    {
        var options = services.GetRequiredService<IOptions<PlatformOptions>>().Value;
        var accounts = services.GetRequiredService<AccountStore>();
        if (options.Demo && !await accounts.AnyAsync() && await DemoData.IsDatabaseEmptyAsync(database))
        {
            await services.GetRequiredService<DemoData>().LoadAsync();
            Log.DemoLoaded(logger);
            return null;
        }

        if (await accounts.AnyAsync())
        {
            return null;
        }

        // The token itself goes to the console for the person starting the platform, never to the logs.
        Log.SetupTokenIssued(logger);
        return await accounts.IssueSetupTokenAsync();
    }

    /// <summary>The demo's first respondent link, while the demo administrator still has the published password.</summary>
    private static async Task<string?> DemoSignInAsync(IServiceProvider services)
    {
        var code = await DemoData.FirstRespondentCodeAsync(services.GetRequiredService<CampaignStore>());
        return code is not null && await services.GetRequiredService<AccountStore>().HasPasswordAsync(DemoData.AdminEmail, DemoData.AdminPassword)
            ? code
            : null;
    }

    private static void PrintWelcome(WebApplication app, Database database, string? setupToken, string? demoLink)
    {
        var links = app.Services.GetRequiredService<CampaignLinks>();
        var lines = new List<string>
        {
            "",
            "CultureDiagnostics is running.",
            $"  Workspace: {links.BaseUrl}/workspace (the change team: campaigns, results, synthesis)",
            $"  Dashboard: {links.BaseUrl}/dashboard/latest (the board)",
            $"  API:       {links.BaseUrl}/openapi/v1.json",
            $"  Health:    {links.BaseUrl}{HealthChecks.ReadyPath}",
            $"  Database:  {database.Description}",
        };
        if (setupToken is not null)
        {
            lines.Add("  No account exists yet. Create the first administrator with this one-time token:");
            lines.Add($"    POST {links.BaseUrl}/api/setup {{\"token\":\"{setupToken}\",\"email\":\"...\",\"displayName\":\"...\",\"password\":\"...\"}}");
            lines.Add("    or run: culture create-admin --db <database> --email ... --name ...");
        }

        if (demoLink is not null)
        {
            lines.Add($"  Sign in:   {DemoData.AdminEmail} / {DemoData.AdminPassword} (demo account: start with CultureDiagnostics__Demo=false for real use)");
            lines.Add($"  Try the survey as a respondent: {links.RespondentLink(demoLink)}");
        }

        Console.WriteLine(string.Join(Environment.NewLine, lines) + Environment.NewLine);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "The {Provider} database schema is up to date ({Milliseconds:0} ms).")]
        public static partial void SchemaReady(ILogger logger, DatabaseProvider provider, double milliseconds);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "The database was empty: the fictional demo trust is loaded.")]
        public static partial void DemoLoaded(ILogger logger);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "No account exists yet: a one-time setup token was printed on the console.")]
        public static partial void SetupTokenIssued(ILogger logger);

        [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "CultureDiagnostics is running on {Provider}.")]
        public static partial void Started(ILogger logger, DatabaseProvider provider);
    }
}
