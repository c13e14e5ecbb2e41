using CultureDiagnostics.Core.Disclosure;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Core.Results;

/// <summary>
/// The disclosure step of a campaign's analysis: which units' respondents are shown, each scale's figures on
/// their own populations, and the statistics across teams recomputed over published teams only.
/// </summary>
public sealed record CampaignDisclosure(
    IReadOnlyDictionary<string, GroupDisclosure> Units,
    IReadOnlyList<IReadOnlyDictionary<string, ScaleFigureDisclosure>> Scales,
    IReadOnlyList<AcrossGroupsResult> AcrossGroups)
{
    /// <param name="directCounts">Respondents who answered through each unit's own link.</param>
    public static CampaignDisclosure Decide(OrganisationTree tree, CampaignAnalysis analysis, IReadOnlyDictionary<string, int> directCounts, int threshold)
    {
        var units = DisclosureRules.ForTree(
            [.. tree.Units.Select(u => new GroupCount(u.Id, u.ParentId, directCounts.GetValueOrDefault(u.Id)))], threshold);
        // Scales are independent: decide them side by side.
        var scales = new IReadOnlyDictionary<string, ScaleFigureDisclosure>[analysis.Scales.Count];
        var across = new AcrossGroupsResult[analysis.Scales.Count];
        Parallel.For(0, analysis.Scales.Count, index =>
        {
            var scale = analysis.Scales[index];
            scales[index] = DisclosureRules.ForScale(scale.PopulationsIn(tree), threshold, units);
            across[index] = Statistics.AcrossGroups.Over(scale.Analysis, PublishedGroups(tree, scale, scales[index]), AgreementGroups(scale, scales[index]));
        });
        return new CampaignDisclosure(units, scales, across);
    }

    /// <summary>
    /// The analysed groups whose own rwg(j) is published: a unit whose figures carry agreement (a team, on a team
    /// construct: see CampaignAnalyser) and whose agreement is shown. Only these are counted among the teams meeting rwg(j).
    /// </summary>
    private static List<int> AgreementGroups(ScaleResults scale, IReadOnlyDictionary<string, ScaleFigureDisclosure> figures) =>
        [.. scale.Analysis.Groups
            .Where(g => scale.ByUnit.TryGetValue(g.Label, out var unit) && unit.Agreement is not null && figures.TryGetValue(g.Label, out var d) && d.Agreement)
            .Select(g => g.Group)];

    /// <summary>
    /// The analysed groups (the respondents who answered through one unit's own link) whose scores can be read from
    /// published figures: the unit's score is shown and so is every child's, so the group is the unit less its
    /// children. Only these enter statistics across groups.
    /// </summary>
    private static List<int> PublishedGroups(OrganisationTree tree, ScaleResults scale, IReadOnlyDictionary<string, ScaleFigureDisclosure> figures)
    {
        bool Shown(string unitId) => figures.TryGetValue(unitId, out var d) && d.Score.Shown;
        return [.. scale.Analysis.Groups
            .Where(g => Shown(g.Label) && tree.ChildrenOf(g.Label).All(child => Shown(child.Id)))
            .Select(g => g.Group)];
    }
}
