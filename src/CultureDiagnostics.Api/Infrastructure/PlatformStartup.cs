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

public static class PlatformStartup
{
    /// <summary>
    /// Brings the database up to date and refuses to start if a published instrument changed; then
    /// loads the demo into an empty database, or issues a setup token if nobody can sign in yet.
    /// </summary>
    public static async Task InitialisePlatformAsync(this WebApplication app)
    {
        var services = app.Services;
        var database = services.GetRequiredService<Database>();
        string? setupToken;
        // Instances sharing a PostgreSQL database start one at a time through here, so the schema is
        // upgraded once, the demo is loaded once and the first data-protection key is made once.
        await using (await database.LockStartupAsync())
        {
            database.Migrate();
            await CheckInstrumentsAsync(services);
            setupToken = await LoadFirstDataAsync(services, database);
            services.GetRequiredService<IDataProtectionProvider>().CreateProtector("startup").Protect("key ring ready"u8.ToArray());
        }

        app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app, database, setupToken));
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

    /// <summary>Loads the demo into an empty database; otherwise returns a setup token if nobody can sign in yet.</summary>
    private static async Task<string?> LoadFirstDataAsync(IServiceProvider services, Database database)
    {
        var options = services.GetRequiredService<IOptions<PlatformOptions>>().Value;
        var accounts = services.GetRequiredService<AccountStore>();
        if (options.Demo && !await accounts.AnyAsync() && await DemoData.IsDatabaseEmptyAsync(database))
        {
            await services.GetRequiredService<DemoData>().LoadAsync();
            return null;
        }

        return await accounts.AnyAsync() ? null : await accounts.IssueSetupTokenAsync();
    }

    private static void PrintWelcome(WebApplication app, Database database, string? setupToken)
    {
        var links = app.Services.GetRequiredService<CampaignLinks>();
        var lines = new List<string>
        {
            "",
            "CultureDiagnostics is running.",
            $"  API:       {links.BaseUrl}/openapi/v1.json",
            $"  Database:  {database.Description}",
        };
        if (setupToken is not null)
        {
            lines.Add("  No account exists yet. Create the first administrator with this one-time token:");
            lines.Add($"    POST {links.BaseUrl}/api/setup {{\"token\":\"{setupToken}\",\"email\":\"...\",\"displayName\":\"...\",\"password\":\"...\"}}");
            lines.Add("    or run: culture create-admin --db <database> --email ... --name ...");
        }

        var demoLink = DemoData.FirstRespondentCodeAsync(app.Services.GetRequiredService<CampaignStore>()).GetAwaiter().GetResult();
        if (demoLink is not null && app.Services.GetRequiredService<AccountStore>().HasPasswordAsync(DemoData.AdminEmail, DemoData.AdminPassword).GetAwaiter().GetResult())
        {
            lines.Add($"  Sign in:   {DemoData.AdminEmail} / {DemoData.AdminPassword} (demo account: start with CultureDiagnostics__Demo=false for real use)");
            lines.Add($"  Try the survey as a respondent: {links.RespondentLink(demoLink)}");
        }

        Console.WriteLine(string.Join(Environment.NewLine, lines) + Environment.NewLine);
    }
}
