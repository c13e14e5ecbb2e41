using CultureDiagnostics.Api.Infrastructure;

namespace CultureDiagnostics.Api.Results;

/// <summary>A closed campaign's results, from the disclosure gate (<see cref="ResultsPublisher"/>).</summary>
public static class ResultsApi
{
    public static RouteGroupBuilder MapResults(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/campaigns/{id}/results").WithTags("Results").RequireAuthorization(Policies.Reader);
        group.MapGet("/", GetCampaignAsync);
        group.MapGet("/units/{code}", GetUnitAsync);
        return group;
    }

    /// <summary>Every scale for the organisation, and the heatmap of units × scales.</summary>
    private static async Task<Results<Ok<CampaignResultsResponse>, ProblemHttpResult>> GetCampaignAsync(
        string id, ResultsPublisher publisher, CancellationToken cancellationToken) =>
        (await publisher.CampaignAsync(id, cancellationToken)).ToHttp();

    /// <summary>One unit in depth: each scale's items, agreement, and comparisons with the organisation and the previous wave.</summary>
    private static async Task<Results<Ok<UnitResultsResponse>, ProblemHttpResult>> GetUnitAsync(
        string id, string code, ResultsPublisher publisher, CancellationToken cancellationToken) =>
        (await publisher.UnitAsync(id, code, cancellationToken)).ToHttp();
}
