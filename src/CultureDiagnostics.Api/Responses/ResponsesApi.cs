using System.Text.Json;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application.Responses;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Data.Responses;

namespace CultureDiagnostics.Api.Responses;

public sealed record AnswerRequest(string? Instrument, string? Item, JsonElement? Value);

public sealed record CommentRequest(string? Instrument, string? Item, string? Text);

public sealed record DemographicRequest(string? Question, string? Value);

public sealed record SubmissionRequest(
    string? AccessCode,
    string? IdempotencyKey,
    List<AnswerRequest>? Answers,
    List<CommentRequest>? Comments,
    List<DemographicRequest>? Demographics);

/// <summary>What a respondent is told after submitting. Deliberately carries no response id.</summary>
public sealed record SubmissionReceipt(string Status, string Message);

/// <summary>POST /api/responses: binds the JSON submission, takes it through <see cref="ResponseIntake"/> and words the outcome as HTTP.</summary>
public static class ResponsesApi
{
    /// <summary>The largest submission accepted: far above a long survey with several full comments.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapResponses(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/responses").WithTags("Responses").AllowAnonymous();
        group.MapPost("/", SubmitAsync)
            .RequireRateLimiting(RequestLimits.Submissions)
            .Accepts<SubmissionRequest>("application/json")
            .Produces<SubmissionReceipt>(StatusCodes.Status201Created)
            .Produces<SubmissionReceipt>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    private static async Task<IResult> SubmitAsync(
        HttpContext context, ResponseIntake intake, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync<SubmissionRequest>(context.Request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return await intake.SubmitAsync(request!.AccessCode, request.IdempotencyKey, ToSubmission(request), cancellationToken) switch
        {
            IntakeResult.UnknownCode => Problems.NotFound("No survey has this access code. Check the link or the code on the poster."),
            IntakeResult.NotYetOpen(var campaign) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The survey is not open yet.",
                detail: $"'{campaign.Title}' opens on {campaign.OpensOn:d MMMM yyyy}."),
            IntakeResult.Closed(var campaign) => TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "The survey has closed.",
                detail: $"'{campaign.Title}' closed on {campaign.EndedOn:d MMMM yyyy}."),
            IntakeResult.Invalid(var submissionErrors) => Problems.Validation(submissionErrors),
            IntakeResult.InvitationRequired => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This survey needs a personal invitation.",
                detail: "Use the link from your own invitation: each one can be used once."),
            IntakeResult.InvitationUsed => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "This invitation has been used.",
                detail: "Each invitation can be used for one response, and this one already has been."),
            IntakeResult.Stored { Outcome: StoreOutcome.Stored } =>
                TypedResults.Created((string?)null, new SubmissionReceipt("stored", "Thank you. Your answers have been received.")),
            _ => TypedResults.Ok(new SubmissionReceipt("already-stored", "Thank you. These answers had already been received; they are counted once.")),
        };
    }

    private static Submission ToSubmission(SubmissionRequest request) => new(
        (request.Answers ?? []).Select(a => new SubmittedAnswer(a?.Instrument, a?.Item, ToValue(a?.Value))).ToList(),
        (request.Comments ?? []).Select(c => new SubmittedComment(c?.Instrument, c?.Item, c?.Text)).ToList(),
        (request.Demographics ?? []).Select(d => new SubmittedDemographic(d?.Question, d?.Value)).ToList());

    private static SubmittedValue? ToValue(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.Number } number when number.TryGetDecimal(out var d) => new SubmittedValue.Number(d),
        { ValueKind: JsonValueKind.String } text => new SubmittedValue.Text(text.GetString()!),
        { } other => new SubmittedValue.Other(other.ValueKind.ToString()),
    };
}
