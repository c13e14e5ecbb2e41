using CultureDiagnostics.Core.Campaigns;

namespace CultureDiagnostics.Application.Results;

public enum RefusalReason
{
    /// <summary>No such campaign, unit or question.</summary>
    NotFound,

    /// <summary>The campaign has not closed yet (see <see cref="Publication"/>).</summary>
    NotPublishedYet,
}

/// <summary>Why nothing was published, in words a person reads (the API's problem detail, a page's message).</summary>
public sealed record Refusal(RefusalReason Reason, string Detail, Campaign? Campaign = null)
{
    public static Refusal NotFound(string detail) => new(RefusalReason.NotFound, detail);

    public static Refusal NoSuchCampaign(string campaignId) => NotFound($"No campaign has the id '{campaignId}'.");

    public static Refusal NotPublished(Campaign campaign, DateOnly today) =>
        new(RefusalReason.NotPublishedYet, Publication.NotPublishedYet(campaign, today) ?? "", campaign);
}

/// <summary>What the disclosure gate answers: the published figures, or why there are none.</summary>
public sealed record Published<T>(T? Value, Refusal? Refusal)
    where T : class
{
    public static implicit operator Published<T>(T value) => new(value, null);

    public static implicit operator Published<T>(Refusal refusal) => new(null, refusal);
}
