using CultureDiagnostics.Api.Infrastructure;

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
        string id, CampaignResultsService results, CancellationToken cancellationToken)
    {
        var analysed = await results.GetAsync(id, cancellationToken);
        return analysed is null
            ? NotFound($"No campaign has the id '{id}'.")
            : TypedResults.Ok(ResultsMapper.Campaign(analysed));
    }

    /// <summary>One unit in depth: each scale's items, agreement, and comparisons with the organisation and the previous wave.</summary>
    private static async Task<Results<Ok<UnitResultsResponse>, ProblemHttpResult>> GetUnitAsync(
        string id, string code, CampaignResultsService results, CancellationToken cancellationToken)
    {
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

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: detail);
}
