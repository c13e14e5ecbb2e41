using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Data.Responses;

namespace CultureDiagnostics.Application.Responses;

/// <summary>What became of a submission; each channel (JSON API, the survey pages) words it its own way.</summary>
public abstract record IntakeResult
{
    public sealed record UnknownCode : IntakeResult;

    public sealed record NotYetOpen(Campaign Campaign) : IntakeResult;

    public sealed record Closed(Campaign Campaign) : IntakeResult;

    /// <summary>The problems, keyed by the JSON names of the API's submission (accessCode, answers[0].value, ...).</summary>
    public sealed record Invalid(Dictionary<string, string[]> Errors) : IntakeResult;

    /// <summary>The campaign takes responses only through single-use invitations, and this was the unit's shared code.</summary>
    public sealed record InvitationRequired : IntakeResult;

    public sealed record InvitationUsed : IntakeResult;

    /// <summary>Stored now, or already stored under the same idempotency key.</summary>
    public sealed record Stored(StoreOutcome Outcome) : IntakeResult;
}

/// <summary>
/// The survey an access code leads to, read afresh: the campaign, the respondent's unit, the questionnaires
/// and whether it takes responses today.
/// </summary>
/// <param name="Code">The access code as the platform stores it (trimmed, lower case).</param>
/// <param name="Invited">Whether the code is a single-use invitation rather than the unit's shared code.</param>
public sealed record SurveyAtCode(
    string Code, Campaign Campaign, string UnitName, bool Invited, IReadOnlyList<Instrument> Instruments, Acceptance Acceptance)
{
    /// <summary>The unit's shared code of a campaign that takes responses only through invitations.</summary>
    public bool NeedsInvitation => Campaign.InvitationsOnly && !Invited;

    public int EstimatedMinutes => Instruments.Sum(i => i.EstimatedMinutes);

    /// <summary>The organisation running the survey: the name at the top of the unit's structure.</summary>
    public string Organisation { get; init; } = "";
}
