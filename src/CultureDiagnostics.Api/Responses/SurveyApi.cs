using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Organisation;

namespace CultureDiagnostics.Api.Responses;

/// <summary>What a respondent's device needs to show a survey: who runs it, the promise of anonymity, and the questions.</summary>
public sealed record SurveyResponse(
    string Title,
    string Organiser,
    string Unit,
    DateOnly OpensOn,
    DateOnly ClosesOn,
    string Status,
    int ScoreThreshold,
    int CommentThreshold,
    int EstimatedMinutes,
    IReadOnlyList<Instrument> Instruments);

public static class SurveyApi
{
    public static RouteGroupBuilder MapSurvey(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/survey").WithTags("Responses").AllowAnonymous();
        group.MapGet("/{code}", GetAsync).Produces<SurveyResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<IResult> GetAsync(
        string code, CampaignStore campaigns, UnitStore units, InstrumentCatalogue catalogue, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAccessAsync(code.Trim().ToLowerInvariant(), cancellationToken) is not var (campaign, unitId, _))
        {
            return Problems.NotFound("No survey has this access code. Check the link or the code on the poster.");
        }

        var unit = (await units.AllAsync(cancellationToken)).FirstOrDefault(u => u.Id == unitId);
        var instruments = campaign.Instruments.Select(i => catalogue.Find(i.InstrumentId, i.Version)!).ToList();
        var status = CampaignRules.AcceptanceOn(campaign, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)) switch
        {
            Acceptance.Accepting => "open",
            Acceptance.NotYetOpen => "not-yet-open",
            _ => "closed",
        };
        return TypedResults.Ok(new SurveyResponse(
            campaign.Title, campaign.Organiser, unit?.Name ?? "", campaign.OpensOn, campaign.ClosesOn, status,
            campaign.Thresholds.Scores, campaign.Thresholds.Comments, instruments.Sum(i => i.EstimatedMinutes), instruments));
    }
}
