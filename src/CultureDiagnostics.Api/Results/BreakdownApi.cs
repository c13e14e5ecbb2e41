using System.Security.Claims;
using CultureDiagnostics.Api.Infrastructure;

namespace CultureDiagnostics.Api.Results;

/// <summary>
/// Results by one demographic question for every unit: a unit's breakdown is shown whole, with every
/// category (and "not answered") at or above the threshold, or not at all (decided by the disclosure gate).
/// </summary>
public static class BreakdownApi
{
    public static RouteGroupBuilder MapBreakdowns(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/campaigns/{id}/results/breakdowns").WithTags("Results").RequireAuthorization(Policies.Results);
        group.MapGet("/{question}", GetAsync);
        return group;
    }

    private static async Task<Results<Ok<BreakdownResponse>, ProblemHttpResult>> GetAsync(
        string id, string question, ClaimsPrincipal user, ReachedResults results, CancellationToken cancellationToken) =>
        (await results.BreakdownAsync(id, question, Policies.ReachOf(user), cancellationToken)).ToHttp();
}
