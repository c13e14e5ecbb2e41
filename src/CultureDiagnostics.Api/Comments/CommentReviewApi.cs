using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application.Comments;

namespace CultureDiagnostics.Api.Comments;

/// <summary>
/// JSON endpoints for the review of comments before they are published: the queue, and a decision on one comment.
/// Each reads the request, calls <see cref="CommentReviewService"/> (as the workspace page does) and maps its outcome.
/// </summary>
public static class CommentReviewApi
{
    private const int MaxBodyBytes = 16 * 1024;

    public static RouteGroupBuilder MapCommentReview(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/campaigns/{id}/comment-review").WithTags("Comments").RequireAuthorization(Policies.ChangeTeam);
        // The queue holds comments nobody has reviewed yet: no copy of it may stay in a cache on the way.
        group.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
        group.MapGet("/", async (string id, CommentReviewService review, CancellationToken ct) =>
                (await review.QueueAsync(id, ct)).ToResult(queue => TypedResults.Ok(queue)))
            .Produces<ReviewQueue>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{commentId}", DecideAsync)
            .Accepts<CommentDecisionRequest>("application/json")
            .Produces<ReviewedComment>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    /// <summary>Publish, withhold, or remove words from one comment of the queue.</summary>
    private static async Task<IResult> DecideAsync(string id, string commentId, HttpContext context, CommentReviewService review, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<CommentDecisionRequest>(context.Request, MaxBodyBytes, ct);
        return problem ?? (await review.DecideAsync(id, commentId, request!, ct: ct)).ToResult(reviewed => TypedResults.Ok(reviewed));
    }
}
