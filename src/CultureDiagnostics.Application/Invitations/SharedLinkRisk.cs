using CultureDiagnostics.Core.Organisation;

namespace CultureDiagnostics.Application.Invitations;

/// <summary>A team that shared links put at risk of padding, with its headcount.</summary>
public sealed record SmallTeam(string Code, string Name, int Headcount);

/// <summary>
/// Which teams a shared link leaves open to padding. Anyone with a team's link can answer as often as they like:
/// with enough made-up answers a group that had fewer real respondents than the scores threshold is shown, and
/// subtracting the made-up answers from the published figures gives what those few real people said. That happens
/// when a team's real respondents fall below the threshold, which for a team under twice the threshold is the
/// likely case: staff surveys commonly hear from about half of a team, and half of such a team is below the
/// threshold. Larger teams can fall short too, so the warning's words hold for every team; the list names
/// the teams for which it is the expected outcome rather than a bad week.
/// </summary>
public static class SharedLinkRisk
{
    /// <summary>A team under this many times the scores threshold is listed.</summary>
    public const int SmallTeamFactor = 2;

    /// <summary>The teams among <paramref name="unitIds"/> whose known headcount (with sub-units) is under <see cref="SmallTeamFactor"/> × the threshold.</summary>
    public static IReadOnlyList<SmallTeam> SmallTeams(OrganisationTree tree, IEnumerable<string> unitIds, int scoreThreshold)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return unitIds
            .Select(id => (Unit: tree.Find(id), Headcount: tree.HeadcountOf(id)))
            .Where(x => x.Unit is not null && x.Headcount is { } h && h < SmallTeamFactor * scoreThreshold)
            .Select(x => new SmallTeam(x.Unit!.Code, x.Unit.Name, x.Headcount!.Value))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
    }
}
