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
        builder.Services.AddSingleton(new Database(options.ResolveDatabasePath(contentRoot)));
        builder.Services.AddSingleton(LoadCatalogue(options.ResolveSurveysDirectory()));
        builder.Services.AddSingleton<UnitStore>();
        builder.Services.AddSingleton<CampaignStore>();
        builder.Services.AddSingleton<ResponseStore>();
        builder.Services.AddSingleton<ResponseWriter>();
        builder.Services.AddSingleton<Responses.ResponseIntake>();
        builder.Services.AddSingleton<AccountStore>();
        builder.Services.AddSingleton<InstrumentVersionStore>();
        builder.Services.AddSingleton<ResultsStore>();
        builder.Services.AddSingleton<CampaignResultsService>();
        builder.Services.AddSingleton<CampaignLinks>();

        builder.Services.AddDataProtection()
            .SetApplicationName("CultureDiagnostics")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.ResolveDataDirectory(contentRoot), "keys")));
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        builder.Services.AddPlatformProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddPlatformAuth();
        return builder;
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
