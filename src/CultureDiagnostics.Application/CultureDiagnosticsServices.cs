using CultureDiagnostics.Application.Diagnostics;
using CultureDiagnostics.Application.Results;
using CultureDiagnostics.Application.Workbook;
using CultureDiagnostics.Data;
using CultureDiagnostics.Data.Accounts;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Comments;
using CultureDiagnostics.Data.Diagnostics;
using CultureDiagnostics.Data.Organisation;
using CultureDiagnostics.Data.Responses;
using CultureDiagnostics.Data.Results;
using CultureDiagnostics.Data.Surveys;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CultureDiagnostics.Application;

/// <summary>
/// The one registration of the platform, shared by the web host (PlatformServices.AddPlatform) and the command
/// line: checked settings, the clock, the database and its stores, the survey folder's catalogues, the cache,
/// and the use cases of the application layer. The hosts add only what is theirs (HTTP, sign-in, the
/// responses writer).
/// </summary>
public static class CultureDiagnosticsServices
{
    /// <param name="configuration">Holds the "CultureDiagnostics" section (the host's configuration, or one the command line builds from its options).</param>
    /// <param name="contentRoot">The folder relative data paths start from.</param>
    /// <param name="access">Whether the program writes to the database (and upgrades it at start) or only reads it.</param>
    public static IServiceCollection AddCultureDiagnostics(
        this IServiceCollection services, IConfiguration configuration, string contentRoot, DatabaseAccess access = DatabaseAccess.ReadWrite)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CultureDiagnosticsOptions>().Bind(configuration.GetSection(CultureDiagnosticsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CultureDiagnosticsOptions>>(new CultureDiagnosticsOptionsValidator(contentRoot));
        services.AddSingleton(TimeProvider.System);
        // The platform's meter and logs (Telemetry): the host exports them through OpenTelemetry, the command line keeps them local.
        services.AddMetrics();
        services.AddLogging();
        services.TryAddSingleton<Telemetry>();
        services.AddHybridCache();
        return services
            .AddDatabase(contentRoot, access)
            .AddSurveyFolder()
            .AddUseCases();
    }

    /// <summary>
    /// The use cases, one registration per feature of the application layer: a feature that moves here adds
    /// its own <c>AddXxx()</c> (in its folder) to this list, and the host and the command line both get it.
    /// </summary>
    private static IServiceCollection AddUseCases(this IServiceCollection services) => services
        .AddResultsPublishing()
        .AddChangeTeamUseCases()
        .AddInvitations()
        .AddCommentReview();

    /// <summary>The database the settings name, and a store per table group over it.</summary>
    private static IServiceCollection AddDatabase(this IServiceCollection services, string contentRoot, DatabaseAccess access)
    {
        services.AddSingleton(provider =>
        {
            // Every setting is checked before anything opens the database: the hosts' own start checks
            // (ValidateOnStart) run only once the host starts, after the web host has already upgraded the schema.
            provider.GetService<IStartupValidator>()?.Validate();
            return provider.GetRequiredService<IOptions<CultureDiagnosticsOptions>>().Value.CreateDatabase(contentRoot, access);
        });
        services.AddSingleton<UnitStore>();
        services.AddSingleton<CampaignStore>();
        services.AddSingleton<ResponseStore>();
        services.AddSingleton<ResultsStore>();
        services.AddSingleton<CommentStore>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<InstrumentVersionStore>();
        services.AddSingleton<DiagnosticsStore>();
        services.AddSingleton<Data.Deliver.ActionStore>();
        return services;
    }

    /// <summary>The instruments and the Phase 2 catalogue, read once; a folder with any problem stops the program, naming each.</summary>
    private static IServiceCollection AddSurveyFolder(this IServiceCollection services)
    {
        services.AddSingleton(provider => SurveyFolder.Catalogue(SurveysDirectory(provider)));
        services.AddSingleton(provider => SurveyFolder.Interventions(SurveysDirectory(provider)));
        return services;
    }

    private static string SurveysDirectory(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<CultureDiagnosticsOptions>>().Value.ResolveSurveysDirectory();
}
