using System.Security.Claims;
using CultureDiagnostics.Api.Infrastructure;

namespace CultureDiagnostics.Api.Results;

/// <summary>A closed campaign's results, from the disclosure gate (<see cref="ResultsPublisher"/>).</summary>
public static class ResultsApi
{
    public static RouteGroupBuilder MapResults(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/campaigns/{id}/results").WithTags("Results").RequireAuthorization(Policies.Results);
        group.MapGet("/", GetCampaignAsync);
        group.MapGet("/units/{code}", GetUnitAsync);
        return group;
    }

    /// <summary>Every scale for the organisation, and the heatmap of units × scales.</summary>
    private static async Task<Results<Ok<CampaignResultsResponse>, ProblemHttpResult>> GetCampaignAsync(
        string id, ClaimsPrincipal user, ReachedResults results, CancellationToken cancellationToken) =>
        (await results.CampaignAsync(id, Policies.ReachOf(user), cancellationToken)).ToHttp();

    /// <summary>One unit in depth: each scale's items, agreement, and comparisons with the organisation and the previous wave.</summary>
    private static async Task<Results<Ok<UnitResultsResponse>, ProblemHttpResult>> GetUnitAsync(
        string id, string code, ClaimsPrincipal user, ReachedResults results, CancellationToken cancellationToken) =>
        (await results.UnitAsync(id, code, Policies.ReachOf(user), cancellationToken)).ToHttp();
}
