using CultureDiagnostics.Core.Disclosure;

namespace CultureDiagnostics.Core.Campaigns;

public enum CampaignStatus
{
    Draft,
    Open,
    Closed,
}

/// <summary>
/// A survey wave: which instruments, which units, when, and the disclosure thresholds. With
/// <see cref="InvitationsOnly"/>, each response needs a single-use invitation instead of the unit's shared link;
/// <see cref="ClosedOn"/> is the day someone closed it, if they did.
/// </summary>
[RestsOn(Population.None)]
public sealed record Campaign(
    string Id,
    string Title,
    string Organiser,
    DateOnly OpensOn,
    DateOnly ClosesOn,
    DisclosureThresholds Thresholds,
    CampaignStatus Status,
    IReadOnlyList<CampaignInstrument> Instruments,
    IReadOnlyList<CampaignUnit> Units,
    bool InvitationsOnly = false,
    DateOnly? ClosedOn = null)
{
    /// <summary>
    /// The day it stopped taking responses: the day someone closed it (<see cref="ClosedOn"/>) when that came before
    /// its closing date, else its closing date.
    /// </summary>
    public DateOnly EndedOn => ClosedOn is { } closed && closed < ClosesOn ? closed : ClosesOn;
}

public sealed record CampaignInstrument(string InstrumentId, int Version);

/// <summary>A unit taking part in a campaign, with the unguessable code in its respondents' link (/s/{code}).</summary>
public sealed record CampaignUnit(string UnitId, string AccessCode);

/// <summary>
/// The smallest group for which scores, and comments, may be shown. Fixed once the campaign opens,
/// so nobody can lower them after seeing who has answered.
/// </summary>
public sealed record DisclosureThresholds(int Scores, int Comments)
{
    public const int DefaultScores = 5;
    public const int DefaultComments = 10;

    /// <summary>The floor of the scores threshold.</summary>
    public const int Minimum = 3;

    /// <summary>
    /// The floor of the comments threshold, as the README promises. Higher than the scores floor because a
    /// comment is one person's own words, and its style can point at them where an average cannot.
    /// </summary>
    public const int MinimumComments = 10;

    public static DisclosureThresholds Default { get; } = new(DefaultScores, DefaultComments);

    /// <summary>The comments threshold when none is given: the default, or the scores threshold when that is higher.</summary>
    public static int DefaultCommentsFor(int scores) => Math.Max(DefaultComments, scores);
}
