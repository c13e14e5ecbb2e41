using CultureDiagnostics.Core.Disclosure;

namespace CultureDiagnostics.Application.Comments;

// The review of comments as the JSON API receives and returns it, and as the page's form is read into it.

/// <summary>
/// A reviewer's decision on one comment: "publish", "withhold", or "remove" (take words out and keep it in the queue).
/// Words to take out, with any decision: stretches of the comment (<see cref="Remove"/>, as the screening's suspects
/// give them) and phrases that occur in it (<see cref="Phrases"/>, every occurrence, in any case).
/// </summary>
public sealed record CommentDecisionRequest(string? Decision, List<SpanChoice>? Remove, List<string>? Phrases);

/// <summary>A stretch of a comment's text by the position of its first character and its length.</summary>
public sealed record SpanChoice(int? Start, int? Length);

/// <summary>The comments waiting for review, by the widest groups whose comments can be published.</summary>
public sealed record ReviewQueue(
    string CampaignId, string Title, int CommentThreshold, int Pending, int Published, int Withheld, IReadOnlyList<ReviewGroup> Groups);

/// <summary>A group whose comments can be published, and its comments to review in their published order (no dates, no sub-units).</summary>
public sealed record ReviewGroup(string Unit, string Name, PublishedCount Respondents, IReadOnlyList<CommentForReview> Comments);

public sealed record CommentForReview(string Id, string Instrument, string Item, string Question, string Text, IReadOnlyList<SuspectResponse> Suspects);

/// <summary>What the screening suspects: a stretch of the text, its kind ("name", "place", "role") and why, in words.</summary>
public sealed record SuspectResponse(int Start, int Length, string Kind, string Why);

/// <summary>A comment after a decision: where its review stands and its text as it would be published.</summary>
public sealed record ReviewedComment(string Id, string Review, string Text);
