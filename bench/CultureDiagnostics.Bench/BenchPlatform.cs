using CultureDiagnostics.Application;
using CultureDiagnostics.Application.Results;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Data;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Comments;
using CultureDiagnostics.Data.Diagnostics;
using CultureDiagnostics.Data.Organisation;
using CultureDiagnostics.Data.Responses;
using CultureDiagnostics.Data.Results;
using CultureDiagnostics.Data.Surveys;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Bench;

/// <summary>The platform's own stores and services over one database file, as the host wires them.</summary>
public sealed class BenchPlatform
{
    public BenchPlatform(string databasePath)
    {
        Database = new Database(databasePath);
        Database.Migrate();
        Catalogue = LoadCatalogue();
        Units = new UnitStore(Database, TimeProvider.System);
        Campaigns = new CampaignStore(Database, TimeProvider.System);
        Responses = new ResponseStore(Database, TimeProvider.System);
        Results = new ResultsStore(Database);
    }

    public Database Database { get; }

    public InstrumentCatalogue Catalogue { get; }

    public UnitStore Units { get; }

    public CampaignStore Campaigns { get; }

    public ResponseStore Responses { get; }

    public ResultsStore Results { get; }

    /// <summary>The instruments shipped beside the program.</summary>
    public static InstrumentCatalogue LoadCatalogue()
    {
        var loaded = SurveyFolder.Load(Path.Combine(AppContext.BaseDirectory, "surveys"));
        return loaded.Catalogue ?? throw new InvalidOperationException(string.Join(Environment.NewLine, loaded.Errors));
    }

    /// <summary>The application layer's services over this database, as the host registers them, with nothing cached yet.</summary>
    public ServiceProvider NewServices(InterventionCatalogue? interventions = null)
    {
        var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System).AddSingleton(Database).AddSingleton(Catalogue)
            .AddSingleton(Units).AddSingleton(Campaigns).AddSingleton(Responses).AddSingleton(Results)
            .AddSingleton(new DiagnosticsStore(Database, TimeProvider.System)).AddSingleton(new CommentStore(Database))
            .AddMetrics().AddLogging().AddSingleton<Telemetry>()
            .AddResultsPublishing();
        if (interventions is not null)
        {
            services.AddSingleton(interventions);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>A new results service: nothing cached.</summary>
    public CampaignResultsService NewResultsService() => NewServices().GetRequiredService<CampaignResultsService>();

    public const string InstrumentId = "leadership-behaviours";
}
