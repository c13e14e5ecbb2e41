using CultureDiagnostics.Core.Collection;
using Dapper;

namespace CultureDiagnostics.Data.Comments;

/// <summary>A stored comment as it now reads (its reviewed text once a reviewer has removed words) and where its review stands.</summary>
public sealed record StoredComment(string Id, string UnitId, string InstrumentId, string ItemId, string Text, CommentReview Review);

/// <summary>A reviewer's decision on one pending comment, made on the text they read.</summary>
public sealed record CommentDecision(string Id, string TextRead, CommentReview Review, string ReviewedText);

/// <summary>
/// Comments and their review (migration 0004). Comments are written with their response (ResponseStore) but never
/// linked to it, and nothing here reads or writes a date. Callers decide who may read which comments: the review
/// queue, and ResultsPublisher for what is published.
/// </summary>
public sealed class CommentStore(Database database)
{
    private const string Columns = """
        id AS Id, unit_id AS UnitId, instrument_id AS InstrumentId, item_id AS ItemId, COALESCE(reviewed_text, text) AS Text, review AS Review
        """;

    /// <summary>A campaign's published comments with their reviewed text: the only comments that may leave the platform.</summary>
    public async Task<IReadOnlyList<StoredComment>> PublishedAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CommentRow>(new CommandDefinition(
            $"SELECT {Columns} FROM comments WHERE campaign_id = @CampaignId AND review = 'published'",
            new { CampaignId = campaignId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToComment())];
    }

    /// <summary>Every comment of a campaign, whatever its review, for the review queue to choose from.</summary>
    public async Task<IReadOnlyList<StoredComment>> AllAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CommentRow>(new CommandDefinition(
            $"SELECT {Columns} FROM comments WHERE campaign_id = @CampaignId",
            new { CampaignId = campaignId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToComment())];
    }

    /// <summary>
    /// Records decisions in one transaction, each only if its comment is still pending and still reads as the reviewer
    /// read it (so two reviewers at once cannot undo each other, and words are never removed from a text nobody read).
    /// Returns how many were recorded.
    /// </summary>
    public async Task<int> RecordAsync(string campaignId, IReadOnlyList<CommentDecision> decisions, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var recorded = await connection.ExecuteAsync(
            """
            UPDATE comments SET review = @Review, reviewed_text = @ReviewedText
            WHERE campaign_id = @CampaignId AND id = @Id AND review = 'pending' AND COALESCE(reviewed_text, text) = @TextRead
            """,
            decisions.Select(d => new { CampaignId = campaignId, d.Id, d.TextRead, Review = ReviewText(d.Review), d.ReviewedText }),
            transaction);
        await transaction.CommitAsync(cancellationToken);
        return recorded;
    }

    private static string ReviewText(CommentReview review) => review.ToString().ToLowerInvariant();

    // Properties, not a constructor: SQLite types an expression column (the COALESCE) only once a row has it.
    private sealed class CommentRow
    {
        public string Id { get; init; } = "";

        public string UnitId { get; init; } = "";

        public string InstrumentId { get; init; } = "";

        public string ItemId { get; init; } = "";

        public string Text { get; init; } = "";

        public string Review { get; init; } = "";

        public StoredComment ToComment() => new(Id, UnitId, InstrumentId, ItemId, Text, Enum.Parse<CommentReview>(Review, ignoreCase: true));
    }
}
