using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Disclosure;
using CultureDiagnostics.Core.Organisation;

namespace CultureDiagnostics.Api.Workspace;

public sealed record ResponseRateRow(string Code, string Name, int Depth, PublishedCount Responses, int? Headcount, int? RatePercent);

public sealed record ResponseRatesResponse(string CampaignId, int Threshold, IReadOnlyList<ResponseRateRow> Rows);

/// <summary>
/// Live response counts and rates by unit under disclosure control: the counts pass through
/// DisclosureRules.ForTree (direct counts per unit) and only the published form ever leaves here.
/// </summary>
public static class ResponseRates
{
    public static ResponseRatesResponse For(Campaign campaign, OrganisationTree tree, IReadOnlyDictionary<string, int> directCounts)
    {
        var threshold = campaign.Thresholds.Scores;
        var disclosure = DisclosureRules.ForTree(
            tree.Units.Select(u => new GroupCount(u.Id, u.ParentId, directCounts.GetValueOrDefault(u.Id))).ToList(), threshold);
        var taking = campaign.Units.Select(u => u.UnitId).ToHashSet();
        var shown = taking.SelectMany(id => tree.AncestorsOf(id).Select(a => a.Id).Append(id)).ToHashSet();
        var rows = tree.InTreeOrder().Where(x => shown.Contains(x.Unit.Id)).Select(x =>
        {
            var d = disclosure[x.Unit.Id];
            var headcount = tree.HeadcountOf(x.Unit.Id);
            return new ResponseRateRow(x.Unit.Code, x.Unit.Name, x.Depth, d.Published, headcount, DisclosureRules.ResponseRatePercent(d, headcount));
        }).ToList();
        return new ResponseRatesResponse(campaign.Id, threshold, rows);
    }
}
