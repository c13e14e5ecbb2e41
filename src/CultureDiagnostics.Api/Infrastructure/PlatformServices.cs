using System.Text.Json.Serialization;
using CultureDiagnostics.Api.Campaigns;
using CultureDiagnostics.Api.Results;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Data;
using CultureDiagnostics.Data.Accounts;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Organisation;
using CultureDiagnostics.Data.Responses;
using CultureDiagnostics.Data.Results;
using CultureDiagnostics.Data.Surveys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace CultureDiagnostics.Api.Infrastructure;

public static class PlatformServices
{
    /// <summary>Options, the database, the instrument catalogue (validated now: a bad file stops startup) and the stores.</summary>
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(PlatformOptions.Section);
        builder.Services.Configure<PlatformOptions>(section);
        var options = section.Get<PlatformOptions>() ?? new PlatformOptions();
        var contentRoot = builder.Environment.ContentRootPath;

        builder.Services.AddSingleton(TimeProvider.System);
        var database = options.CreateDatabase(contentRoot);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(LoadCatalogue(options.ResolveSurveysDirectory()));
        builder.Services.AddSingleton<UnitStore>();
        builder.Services.AddSingleton<CampaignStore>();
        builder.Services.AddSingleton<ResponseStore>();
        builder.Services.AddSingleton<LogCheckpointer>();
        builder.Services.AddSingleton<ResponseWriter>();
        builder.Services.AddHostedService<LogCheckpoints>();
        builder.Services.AddMemoryCache();
        builder.Services.AddHybridCache();
        builder.Services.AddSingleton<Responses.ResponseIntake>();
        builder.Services.AddSingleton<AccountStore>();
        builder.Services.AddSingleton<InstrumentVersionStore>();
        builder.Services.AddSingleton<ResultsStore>();
        builder.Services.AddSingleton<CampaignResultsService>();
        builder.Services.AddSingleton<CultureDiagnostics.Application.Workbook.WorkbookService>();
        builder.Services.AddSingleton<CampaignLinks>();
        builder.Services.AddChangeTeamUseCases();

        builder.AddKeyRing(database, options.ResolveDataDirectory(contentRoot));
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        builder.Services.AddPlatformProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddPlatformAuth();
        return builder;
    }

    /// <summary>
    /// The data-protection keys that seal sign-in cookies and survey progress: in files beside a SQLite
    /// database, or in a shared PostgreSQL database so that every instance holds the same keys.
    /// </summary>
    private static void AddKeyRing(this WebApplicationBuilder builder, Database database, string dataDirectory)
    {
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("CultureDiagnostics");
        if (database.Provider == DatabaseProvider.Postgres)
        {
            builder.Services.AddSingleton<DataProtectionKeyStore>();
            builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services => new ConfigureOptions<KeyManagementOptions>(
                keys => keys.XmlRepository = new DatabaseKeyRepository(services.GetRequiredService<DataProtectionKeyStore>())));
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        }
    }

    private static InstrumentCatalogue LoadCatalogue(string directory)
    {
        var result = SurveyFolder.Load(directory);
        if (result.Catalogue is null || result.Errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"The instrument files in {directory} are not valid; fix them (or run 'culture validate-surveys'):{Environment.NewLine}"
                + string.Join(Environment.NewLine, result.Errors.Select(e => "  " + e)));
        }

        return result.Catalogue;
    }
}
