using System.Globalization;
using CultureDiagnostics.Api.Components;
using CultureDiagnostics.Api.Components.Forms;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application;
using CultureDiagnostics.Application.Comments;
using Microsoft.AspNetCore.Mvc;
using static CultureDiagnostics.Api.Components.PageResults;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>One comment's review form as posted: the button pressed, the ticked suspects ("start:length") and the typed words.</summary>
public sealed class CommentReviewForm
{
    public string? Decision { get; init; }

    public List<string>? Remove { get; init; }

    public string? Phrase { get; init; }
}

/// <summary>
/// The review queue in the workspace (reached from a closed campaign's page) and the form of each comment, through
/// <see cref="CommentReviewService"/> as the JSON API's endpoints are. Works without script: every decision is a
/// form post, followed by the queue again.
/// </summary>
public static class CommentReviewPages
{
    /// <summary>The comments shown at once: the queue may hold hundreds, and the next appear as these are decided.</summary>
    public const int PageSize = 20;

    public static IEndpointRouteBuilder MapCommentReviewPages(this IEndpointRouteBuilder routes)
    {
        var group = routes.Pages("/workspace/campaigns/{id}/comments", Policies.ChangeTeam).RequireAntiforgeryToken();
        group.MapGet("/", async (string id, string? done, CommentReviewService review, CancellationToken ct) =>
            await ShowAsync(id, Confirmation(done), null, review, ct));
        group.MapPost("/{commentId}", DecideAsync);
        return routes;
    }

    /// <summary>What the page shows after a decision, beside the queue: a confirmation, or the problems with the form sent.</summary>
    private sealed record Feedback(string CommentId, FormErrors Errors, CommentReviewForm Entered, string? Problem, int Status);

    private static async Task<IResult> ShowAsync(string id, string? confirmation, Feedback? feedback, CommentReviewService review, CancellationToken ct)
    {
        var queue = await review.QueueAsync(id, ct);
        if (queue.Status != OutcomeStatus.Done)
        {
            return Refused(id, queue.Status, queue.Title, queue.Detail);
        }

        return Page<CommentReviewPage>(new
        {
            Queue = queue.Value!,
            Confirmation = confirmation,
            Problem = feedback?.Problem,
            Errors = feedback?.Errors ?? FormErrors.None,
            ErrorCommentId = feedback?.CommentId,
            EnteredPhrase = feedback?.Entered.Phrase,
            EnteredRemove = (IReadOnlyCollection<string>?)feedback?.Entered.Remove ?? [],
        }, feedback?.Status ?? StatusCodes.Status200OK);
    }

    private static async Task<IResult> DecideAsync(
        string id, string commentId, [FromForm] CommentReviewForm? sent, CommentReviewService review, CancellationToken ct)
    {
        var form = sent ?? new CommentReviewForm();
        var reading = new List<InputError>();
        var spans = (form.Remove ?? []).Select((value, index) => ReadSpan(value, index, reading)).ToList();
        var phrases = string.IsNullOrWhiteSpace(form.Phrase) ? [] : new List<string> { form.Phrase };
        var outcome = await review.DecideAsync(id, commentId, new CommentDecisionRequest(form.Decision, spans, phrases), reading, ct);
        return outcome.Status switch
        {
            OutcomeStatus.Done when outcome.Value!.Review == "pending" =>
                TypedResults.Redirect($"/workspace/campaigns/{id}/comments?done=removed#comment-{commentId}"),
            OutcomeStatus.Done => TypedResults.Redirect($"/workspace/campaigns/{id}/comments?done={outcome.Value!.Review}"),
            OutcomeStatus.Invalid => await ShowAsync(id, null,
                new Feedback(commentId, outcome.Errors.ToFormErrors(Fields(commentId)), form, null, StatusCodes.Status400BadRequest), review, ct),
            OutcomeStatus.Conflict => await ShowAsync(id, null,
                new Feedback(commentId, FormErrors.None, form, outcome.Detail, StatusCodes.Status409Conflict), review, ct),
            _ => Refused(id, outcome.Status, outcome.Title, outcome.Detail),
        };
    }

    /// <summary>The ids of one comment's fields, as the error summary links to them; the decision's buttons are in the comment itself.</summary>
    public static FormField[] Fields(string commentId) =>
    [
        new("decision", CommentReviewPage.ItemId(commentId), "Choose what to do with the comment: publish it, remove the chosen words, or withhold it."),
        new("remove", CommentReviewPage.RemoveId(commentId)),
        new("phrases", CommentReviewPage.PhraseId(commentId)),
    ];

    /// <summary>A ticked suspect's value, "start:length" as the page wrote it.</summary>
    private static SpanChoice ReadSpan(string value, int index, List<InputError> reading)
    {
        var parts = value.Split(':');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return new SpanChoice(start, length);
        }

        reading.Add(new InputError("remove", "The words ticked were not understood: tick them again.", Index: index));
        return new SpanChoice(null, null);
    }

    /// <summary>Words for the confirmation after a decision: only these, never text from the address bar.</summary>
    private static string? Confirmation(string? done) => done switch
    {
        "published" => "The comment is published.",
        "withheld" => "The comment is withheld: it will never be published.",
        "removed" => "The words are removed. The comment is still to review: publish or withhold it.",
        _ => null,
    };

    private static RazorComponentResult<MessagePage> Refused(string id, OutcomeStatus status, string? title, string? detail) => status == OutcomeStatus.Conflict
        ? Page<MessagePage>(
            new { Title = "Not ready for review", Heading = title, Message = detail ?? "", LinkHref = $"/workspace/campaigns/{id}", LinkText = "Back to the campaign" },
            StatusCodes.Status409Conflict)
        : Page<MessagePage>(
            new { Title = "Not found", Message = detail ?? "", LinkHref = "/workspace/campaigns", LinkText = "All campaigns" },
            StatusCodes.Status404NotFound);
}
