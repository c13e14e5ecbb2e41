using CultureDiagnostics.Application.Dashboard;
using CultureDiagnostics.Application.Diagnostics;
using CultureDiagnostics.Application.Workbook;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Application.Results;

public static class PublishingServices
{
    /// <summary>
    /// The use cases that publish figures: the cached analyses, the one disclosure gate, the synthesis, the
    /// board's dashboard and the workbook. The host registers what they stand on: the stores, the instrument
    /// and intervention catalogues and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddResultsPublishing(this IServiceCollection services)
    {
        services.AddHybridCache().AddSerializer<AnalysedCampaign, KeptInMemoryOnly>();
        services.AddSingleton<CampaignResultsService>();
        services.AddSingleton<ResultsPublisher>();
        services.AddSingleton<ReachedResults>();
        services.AddSingleton<SynthesisService>();
        services.AddSingleton<DashboardService>();
        services.AddSingleton<WorkbookService>();
        return services;
    }
}
