using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Disclosure;
using CultureDiagnostics.Core.Organisation;

namespace CultureDiagnostics.Api.Results;

public sealed record ResponseRateRow(string Unit, string Name, string Level, int Depth, PublishedCount Respondents, int? Headcount, int? ResponseRatePercent);

public sealed record ResponseRatesResponse(string CampaignId, string Title, bool AcceptingResponses, int ScoreThreshold, IReadOnlyList<ResponseRateRow> Units);

/// <summary>
/// Live response counts and rates by unit, for the API and the campaign page alike: the direct counts pass
/// through DisclosureRules.ForTree and only their published form leaves here ("fewer than N" for small groups).
/// </summary>
public static class ResponseRates
{
    public static ResponseRatesResponse For(Campaign campaign, OrganisationTree tree, IReadOnlyDictionary<string, int> directCounts, DateOnly today)
    {
        var disclosure = DisclosureRules.ForTree(
            tree.Units.Select(u => new GroupCount(u.Id, u.ParentId, directCounts.GetValueOrDefault(u.Id))).ToList(), campaign.Thresholds.Scores);
        var inScope = campaign.Units.SelectMany(u => tree.AncestorsOf(u.UnitId).Select(a => a.Id).Append(u.UnitId)).ToHashSet();
        var rows = tree.InTreeOrder()
            .Where(x => inScope.Contains(x.Unit.Id))
            .Select(x => new ResponseRateRow(
                x.Unit.Code, x.Unit.Name, tree.LevelOf(x.Unit.Id), x.Depth, disclosure[x.Unit.Id].Published, tree.HeadcountOf(x.Unit.Id),
                DisclosureRules.ResponseRatePercent(disclosure[x.Unit.Id], tree.HeadcountOf(x.Unit.Id))))
            .ToList();
        return new ResponseRatesResponse(
            campaign.Id, campaign.Title, CampaignRules.AcceptanceOn(campaign, today) == Acceptance.Accepting, campaign.Thresholds.Scores, rows);
    }
}
