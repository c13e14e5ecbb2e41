using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application.Responses;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Instruments;

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

/// <summary>GET /api/survey/{code}: the survey behind a respondent's link, as <see cref="ResponseIntake.OpenAsync"/> finds it.</summary>
public static class SurveyApi
{
    public static RouteGroupBuilder MapSurvey(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/survey").WithTags("Responses").AllowAnonymous();
        group.MapGet("/{code}", GetAsync).Produces<SurveyResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<IResult> GetAsync(string code, ResponseIntake intake, CancellationToken cancellationToken)
    {
        // A shared unit code of an invitations-only campaign is refused like an unknown one, as the survey page refuses it.
        if (await intake.OpenAsync(code, cancellationToken) is not { NeedsInvitation: false } survey)
        {
            return Problems.NotFound("No survey has this access code. Check the link or the code on the poster.");
        }

        var campaign = survey.Campaign;
        var status = survey.Acceptance switch
        {
            Acceptance.Accepting => "open",
            Acceptance.NotYetOpen => "not-yet-open",
            _ => "closed",
        };
        return TypedResults.Ok(new SurveyResponse(
            campaign.Title, campaign.Organiser, survey.UnitName, campaign.OpensOn, campaign.ClosesOn, status,
            campaign.Thresholds.Scores, campaign.Thresholds.Comments, survey.EstimatedMinutes, survey.Instruments));
    }
}
