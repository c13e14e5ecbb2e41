using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Organisation;

namespace CultureDiagnostics.Application.Campaigns;

// What the change team asks of a campaign, as the JSON API receives it and as the pages' forms are read into it.

/// <summary>An instrument by id; without a version, the latest in the surveys folder.</summary>
public sealed record InstrumentChoice(string? Id, int? Version);

public sealed record CampaignRequest(
    string? Title,
    string? Organiser,
    DateOnly? OpensOn,
    DateOnly? ClosesOn,
    List<InstrumentChoice>? Instruments,
    List<string>? Units,
    int? ScoreThreshold,
    int? CommentThreshold,
    bool? InvitationsOnly);

public sealed record InvitationsRequest(string? Unit, int? Count);

public sealed record ThresholdsRequest(int? ScoreThreshold, int? CommentThreshold);

/// <summary>A campaign with the organisation it was read with, to name its units.</summary>
public sealed record CampaignDetails(Campaign Campaign, OrganisationTree Organisation);

/// <summary>Single-use invitations just issued for one unit: the tokens exist nowhere else (only their hashes are kept).</summary>
public sealed record IssuedInvitations(string UnitCode, IReadOnlyList<string> Tokens);
