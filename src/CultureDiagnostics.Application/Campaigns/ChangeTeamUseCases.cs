using CultureDiagnostics.Application.Campaigns;
using CultureDiagnostics.Application.Diagnostics;
using CultureDiagnostics.Application.Organisation;

// In the container's own namespace, as AddXxx extensions are, so that one line registers them wherever services are set up.
namespace Microsoft.Extensions.DependencyInjection;

public static class ChangeTeamUseCases
{
    /// <summary>
    /// The change team's use cases: campaigns, the organisation structure, metrics and findings. They need
    /// the stores, the instrument catalogue, the synthesis service and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddChangeTeamUseCases(this IServiceCollection services)
    {
        services.AddSingleton<CampaignService>();
        services.AddSingleton<StructureService>();
        services.AddSingleton<MetricsService>();
        services.AddSingleton<FindingsService>();
        services.AddSingleton<CultureDiagnostics.Application.Deliver.ActionService>();
        services.AddSingleton<CultureDiagnostics.Application.Accounts.AccountService>();
        services.AddSingleton<CultureDiagnostics.Application.Accounts.ExternalSignIn>();
        return services;
    }
}
