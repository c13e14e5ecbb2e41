using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Data.Campaigns;

namespace CultureDiagnostics.Api.Results;

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
        string id, CampaignStore campaigns, CampaignResultsService results, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await PublishableAsync(id, campaigns, clock, cancellationToken) is { } problem)
        {
            return problem;
        }

        var analysed = await results.GetAsync(id, cancellationToken);
        return analysed is null ? NotFound($"No campaign has the id '{id}'.") : TypedResults.Ok(ResultsMapper.Campaign(analysed));
    }

    /// <summary>One unit in depth: each scale's items, agreement, and comparisons with the organisation and the previous wave.</summary>
    private static async Task<Results<Ok<UnitResultsResponse>, ProblemHttpResult>> GetUnitAsync(
        string id, string code, CampaignStore campaigns, CampaignResultsService results, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await PublishableAsync(id, campaigns, clock, cancellationToken) is { } problem)
        {
            return problem;
        }

        var analysed = await results.GetAsync(id, cancellationToken);
        if (analysed is null)
        {
            return NotFound($"No campaign has the id '{id}'.");
        }

        var unit = analysed.Tree.Units.FirstOrDefault(u => string.Equals(u.Code, code, StringComparison.OrdinalIgnoreCase));
        if (unit is null)
        {
            return NotFound($"No unit has the code '{code}'.");
        }

        var previous = new Dictionary<string, AnalysedCampaign?>();
        foreach (var instrument in analysed.Campaign.Instruments)
        {
            previous[instrument.InstrumentId] = await results.PreviousWaveAsync(analysed.Campaign, instrument.InstrumentId, cancellationToken);
        }

        return TypedResults.Ok(ResultsMapper.Unit(analysed, unit.Id, instrumentId => previous.GetValueOrDefault(instrumentId)));
    }

    /// <summary>
    /// Scores are published only once a campaign has closed: while it is open, comparing results before
    /// and after a colleague says they have answered would reveal that colleague's answers.
    /// </summary>
    private static async Task<ProblemHttpResult?> PublishableAsync(string id, CampaignStore campaigns, TimeProvider clock, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.FindAsync(id, cancellationToken);
        if (campaign is null)
        {
            return NotFound($"No campaign has the id '{id}'.");
        }

        return NotPublishedYet(campaign, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    }

    public static ProblemHttpResult? NotPublishedYet(Campaign campaign, DateOnly today) =>
        Publication.NotPublishedYet(campaign, today) is { } detail
            ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: Publication.NotPublishedTitle, detail: detail)
            : null;

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: detail);
}
