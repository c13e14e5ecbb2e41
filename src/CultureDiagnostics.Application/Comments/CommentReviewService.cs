using CultureDiagnostics.Application.Results;
using CultureDiagnostics.Core;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Core.Disclosure;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Comments;

namespace CultureDiagnostics.Application.Comments;

/// <summary>
/// The review of comments before they are published, once for the JSON API and the workspace page. A reviewer reads
/// only comments that could be published: those of the widest groups whose comments are shown
/// (<see cref="CommentGroups"/>), never a group too small, in the published order and without dates or sub-units,
/// and only once the campaign has closed (while it runs, a comment appearing in the queue could be matched with a
/// colleague who has just answered). They publish, withhold, or remove words (<see cref="ReviewerRedaction"/>).
/// </summary>
public sealed class CommentReviewService(
    CampaignStore campaigns, CampaignResultsService analyses, CommentStore comments, InstrumentCatalogue catalogue, TimeProvider clock)
{
    public const int MaxPhraseLength = 200;

    public const string Publish = "publish";
    public const string Withhold = "withhold";
    public const string RemoveWords = "remove";

    public async Task<Outcome<ReviewQueue>> QueueAsync(string campaignId, CancellationToken ct = default)
    {
        var (reviewable, failure) = await ReviewableAsync<ReviewQueue>(campaignId, ct);
        if (failure is not null)
        {
            return failure;
        }

        var (campaign, groups) = reviewable!.Value;
        var all = groups.SelectMany(g => g.Comments).ToList();
        return Outcome.Done(new ReviewQueue(
            campaign.Id, campaign.Title, campaign.Thresholds.Comments,
            all.Count(c => c.Review == CommentReview.Pending), all.Count(c => c.Review == CommentReview.Published),
            all.Count(c => c.Review == CommentReview.Withheld),
            [.. groups
                .Select(g => new ReviewGroup(g.Unit.Code, g.Unit.Name, g.Respondents,
                    [.. g.Comments.Where(c => c.Review == CommentReview.Pending).Select(c => ForReview(campaign, c))]))
                .Where(g => g.Comments.Count > 0)]));
    }

    /// <param name="reading">Problems the caller found reading its input, reported with the rest.</param>
    public async Task<Outcome<ReviewedComment>> DecideAsync(
        string campaignId, string commentId, CommentDecisionRequest request, IReadOnlyList<InputError>? reading = null, CancellationToken ct = default)
    {
        var (reviewable, failure) = await ReviewableAsync<ReviewedComment>(campaignId, ct);
        if (failure is not null)
        {
            return failure;
        }

        // Only a comment the reviewer could read in the queue can be decided: any other id is unknown, whether or not it exists.
        var comment = reviewable!.Value.Groups.SelectMany(g => g.Comments).FirstOrDefault(c => c.Id == commentId);
        if (comment is null)
        {
            return Outcome.NotFound<ReviewedComment>($"No comment to review has the id '{commentId}'.");
        }

        if (comment.Review != CommentReview.Pending)
        {
            return AlreadyReviewed(comment.Review);
        }

        var (spans, rules) = Check(comment.Text, request);
        var errors = InputErrors.Merge(reading, rules);
        if (errors.Count > 0)
        {
            return Outcome.Invalid<ReviewedComment>(errors);
        }

        var reviewed = ReviewerRedaction.Remove(comment.Text, spans);
        var review = request.Decision switch
        {
            Publish => CommentReview.Published,
            Withhold => CommentReview.Withheld,
            _ => CommentReview.Pending,
        };
        if (await comments.RecordAsync(campaignId, [new CommentDecision(comment.Id, comment.Text, review, reviewed)], ct) == 0)
        {
            return Outcome.Conflict<ReviewedComment>("The comment changed.",
                "Someone else reviewed this comment, or removed words from it, after you read it. Read it again before deciding.");
        }

        return Outcome.Done(new ReviewedComment(comment.Id, review.ToString().ToLowerInvariant(), reviewed));
    }

    /// <summary>The decision's problems, each naming its field, and the stretches of the text it removes.</summary>
    private static (List<TextSpan> Spans, List<InputError> Errors) Check(string text, CommentDecisionRequest request)
    {
        var errors = new List<InputError>();
        if (request.Decision is not (Publish or Withhold or RemoveWords))
        {
            errors.Add(new("decision", $"The decision is required: '{Publish}', '{Withhold}' or '{RemoveWords}' (take words out and keep the comment in the queue)."));
        }

        var spans = new List<TextSpan>();
        var remove = request.Remove ?? [];
        for (var i = 0; i < remove.Count; i++)
        {
            if (remove[i] is { Start: { } start, Length: { } length } && ReviewerRedaction.Fits(text, new TextSpan(start, length)))
            {
                spans.Add(new TextSpan(start, length));
            }
            else
            {
                errors.Add(new("remove", $"The words to remove must lie within the comment: a start from 0 and a length of at least 1, up to its {text.Length} characters.", Index: i));
            }
        }

        var phrases = request.Phrases ?? [];
        for (var i = 0; i < phrases.Count; i++)
        {
            var phrase = phrases[i] ?? "";
            var found = phrase.Length <= MaxPhraseLength ? ReviewerRedaction.Occurrences(text, phrase) : [];
            if (found.Count == 0)
            {
                errors.Add(new("phrases", phrase.Trim().Length == 0 || phrase.Length > MaxPhraseLength
                    ? $"Type a word or phrase of the comment to remove, at most {MaxPhraseLength} characters."
                    : $"'{phrase.Trim()}' does not occur in the comment. Type the words as they are written in it.", Index: i));
            }

            spans.AddRange(found);
        }

        if (request.Decision == RemoveWords && remove.Count == 0 && phrases.Count == 0)
        {
            errors.Add(new("remove", "Choose the words to remove: tick them, or type them."));
        }

        return (spans, errors);
    }

    private static Outcome<ReviewedComment> AlreadyReviewed(CommentReview review) =>
        Outcome.Conflict<ReviewedComment>("The comment has been reviewed.",
            $"This comment was {review.ToString().ToLowerInvariant()} already: a decision, once made, is not reviewed again.");

    private CommentForReview ForReview(Campaign campaign, StoredComment comment) => new(
        comment.Id, comment.InstrumentId, comment.ItemId, CommentGroups.QuestionText(catalogue, campaign, comment.InstrumentId, comment.ItemId), comment.Text,
        [.. CommentScreening.Screen(comment.Text).Select(s => new SuspectResponse(s.Span.Start, s.Span.Length, s.Kind.ToString().ToLowerInvariant(), s.Why))]);

    private sealed record Group(Unit Unit, PublishedCount Respondents, IReadOnlyList<StoredComment> Comments);

    /// <summary>
    /// The comments a reviewer may read, by the widest groups whose comments are shown, each group's in the stable
    /// keyed shuffle that publishes them; or why there are none to read.
    /// </summary>
    private async Task<((Campaign Campaign, IReadOnlyList<Group> Groups)? Reviewable, Outcome<T>? Failure)> ReviewableAsync<T>(string campaignId, CancellationToken ct)
    {
        var campaign = await campaigns.FindAsync(campaignId, ct);
        if (campaign is null)
        {
            return (null, Outcome.NotFound<T>($"No campaign has the id '{campaignId}'."));
        }

        if (!Publication.IsPublished(campaign, clock.Today()))
        {
            return (null, Outcome.Conflict<T>("Comments are not ready for review yet.",
                $"The comments of '{campaign.Title}' can be reviewed once it closes ({campaign.ClosesOn:d MMMM yyyy}), so that nobody can match a comment with a colleague who has just answered."));
        }

        var analysed = await analyses.GetAsync(campaign, ct);
        var decisions = CommentGroups.Decide(analysed);
        var stored = await comments.AllAsync(campaign.Id, ct);
        var key = await campaigns.CommentKeyAsync(campaign.Id, ct);
        var groups = CommentGroups.Widest(analysed, decisions)
            .Select(g => new Group(g.Group, analysed.Disclosure[g.Group.Id].Published,
                DisclosureRules.StableShuffle(stored.Where(c => g.Units.Contains(c.UnitId)), c => c.Id, key)))
            .ToList();
        return ((campaign, groups), null);
    }
}
