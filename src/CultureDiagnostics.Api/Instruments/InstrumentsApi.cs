using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Core.Instruments;

namespace CultureDiagnostics.Api.Instruments;

public sealed record InstrumentSummary(string Id, int Version, string Title, int Items, IReadOnlyList<string> Constructs);

public static class InstrumentsApi
{
    public static RouteGroupBuilder MapInstruments(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/instruments").WithTags("Instruments").RequireAuthorization(Policies.Results);
        group.MapGet("/", (InstrumentCatalogue catalogue) => TypedResults.Ok(catalogue.All
            .OrderBy(i => i.Id, StringComparer.Ordinal).ThenBy(i => i.Version)
            .Select(i => new InstrumentSummary(i.Id, i.Version, i.Title, i.Items.Count(), i.Constructs.Select(c => c.Id).ToList()))
            .ToList()));
        group.MapGet("/{id}/{version:int}", Results<Ok<Instrument>, ProblemHttpResult> (string id, int version, InstrumentCatalogue catalogue) =>
            catalogue.Find(id, version) is { } instrument
                ? TypedResults.Ok(instrument)
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"No instrument '{id}' version {version}."));
        return group;
    }
}
