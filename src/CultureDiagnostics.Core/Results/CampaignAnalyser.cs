using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Core.Results;

/// <summary>
/// Analyses every scale of a campaign. Each scale is analysed once over the units respondents answered
/// through; the figures of directorates and the organisation are then built from their units' item
/// histograms and scale scores, so a whole trust costs one pass over its answers per scale.
/// </summary>
public static class CampaignAnalyser
{
    public static CampaignAnalysis Analyse(OrganisationTree tree, IReadOnlyList<InstrumentAnswers> answers)
    {
        var work = new List<(InstrumentAnswers Data, RespondentUnits Units, Construct Construct, List<Item> ScaleItems, int[] Columns)>();
        foreach (var data in answers)
        {
            var scaleItems = data.Instrument.ScaleItems.ToList();
            var units = RespondentUnits.Of(data);
            foreach (var construct in data.Instrument.Constructs)
            {
                var columns = Enumerable.Range(0, scaleItems.Count).Where(i => scaleItems[i].Construct == construct.Id).ToArray();
                if (columns.Length > 0)
                {
                    work.Add((data, units, construct, scaleItems, columns));
                }
            }
        }

        // Scales are independent: analyse them side by side, keeping the instruments' order.
        var scales = new ScaleResults[work.Count];
        Parallel.For(0, work.Count, i =>
        {
            var (data, units, construct, scaleItems, columns) = work[i];
            scales[i] = AnalyseScale(tree, data, units, construct, scaleItems, columns);
        });
        return new CampaignAnalysis(scales);
    }

    /// <summary>Each respondent's unit as an index into the distinct units, worked out once per instrument.</summary>
    private sealed record RespondentUnits(string[] Labels, int[] IndexOfRespondent)
    {
        public static RespondentUnits Of(InstrumentAnswers data)
        {
            var index = new Dictionary<string, int>();
            var labels = new List<string>();
            var ofRespondent = new int[data.RespondentCount];
            for (var r = 0; r < ofRespondent.Length; r++)
            {
                var unit = data.UnitOfRespondent[r];
                if (!index.TryGetValue(unit, out var u))
                {
                    index[unit] = u = labels.Count;
                    labels.Add(unit);
                }

                ofRespondent[r] = u;
            }

            return new RespondentUnits(labels.ToArray(), ofRespondent);
        }
    }

    private static ScaleResults AnalyseScale(
        OrganisationTree tree, InstrumentAnswers data, RespondentUnits units, Construct construct, List<Item> scaleItems, int[] columns)
    {
        var instrument = data.Instrument;
        var items = columns.Select(c => scaleItems[c]).ToList();
        var scale = instrument.FindScale(items[0].Scale!)!;
        var k = columns.Length;
        var width = scaleItems.Count;

        // Keep respondents who answered at least one item of this scale (a leader-only section is
        // answered by leaders only); group them by the unit whose link they used, groups numbered
        // in order of first appearance.
        var groupOfUnit = new int[units.Labels.Length];
        Array.Fill(groupOfUnit, -1);
        var groupLabels = new List<string>();
        var groups = new int[data.RespondentCount];
        var values = new double[data.RespondentCount * k];
        var kept = 0;
        for (var r = 0; r < data.RespondentCount; r++)
        {
            var row = values.AsSpan(kept * k, k);
            var any = false;
            for (var c = 0; c < k; c++)
            {
                row[c] = data.Values[(r * width) + columns[c]];
                any |= !double.IsNaN(row[c]);
            }

            if (!any)
            {
                continue;
            }

            var unit = units.IndexOfRespondent[r];
            if (groupOfUnit[unit] < 0)
            {
                groupOfUnit[unit] = groupLabels.Count;
                groupLabels.Add(units.Labels[unit]);
            }

            groups[kept++] = groupOfUnit[unit];
        }

        var dataSet = new ScaleDataSet(
            items.Select(i => i.Id).ToList(), scale.Min, scale.Max, items.Select(i => i.Reverse).ToList(),
            groupLabels, groups[..kept], values[..(kept * k)]);
        var analysis = ScaleAnalysis.Analyse(dataSet);
        var direct = groupLabels.ToDictionary(label => label, _ => 0);
        foreach (var g in groups.AsSpan(0, kept))
        {
            direct[groupLabels[g]]++;
        }

        return new ScaleResults(
            instrument, construct, items, scale.Min, scale.Max, analysis,
            FiguresByUnit(tree, construct.Id, analysis, scale.Min, scale.Max - scale.Min + 1, construct.IsTeamConstruct), direct);
    }

    /// <summary>
    /// Each unit's figures from the groups at or below it. Agreement within a team is computed only for a team
    /// construct (psychological safety, reflexivity: something the team shares, so that its members' agreement says
    /// whether a team score means anything), never for leaders' ratings of themselves or perceptions that are not a
    /// shared property of the team.
    /// </summary>
    private static Dictionary<string, UnitFigures> FiguresByUnit(
        OrganisationTree tree, string constructId, ScaleAnalysisResult analysis, int scaleMin, int options, bool teamConstruct)
    {
        // Which analysed groups each unit contains: every group counts for its own unit and each ancestor.
        var contained = new Dictionary<string, List<int>>();
        foreach (var group in analysis.Groups)
        {
            foreach (var unitId in new[] { group.Label }.Concat(tree.AncestorsOf(group.Label).Select(u => u.Id)))
            {
                if (!contained.TryGetValue(unitId, out var list))
                {
                    contained[unitId] = list = [];
                }

                list.Add(group.Group);
            }
        }

        var figures = new Dictionary<string, UnitFigures>();
        foreach (var (unitId, groupIds) in contained)
        {
            var isOwnGroupOnly = groupIds.Count == 1 && analysis.Groups[groupIds[0]].Label == unitId;
            var itemCount = analysis.Items.Count;
            var counts = new int[itemCount * options];
            var scores = new List<double>();
            ClusteredCounts favourable = default, unfavourable = default;
            foreach (var g in groupIds)
            {
                var group = analysis.Groups[g];
                favourable += group.PooledFavourable;
                unfavourable += group.PooledUnfavourable;
                for (var i = 0; i < itemCount; i++)
                {
                    var distribution = group.Items[i].Distribution;
                    for (var p = 0; p < options; p++)
                    {
                        counts[(i * options) + p] += distribution[p];
                    }
                }

                scores.AddRange(analysis.ScoresByGroup[g]);
            }

            var itemSummaries = new List<ItemSummary>(itemCount);
            var pooled = new int[options];
            for (var i = 0; i < itemCount; i++)
            {
                var span = counts.AsSpan(i * options, options);
                itemSummaries.Add(ItemSummary.FromCounts(analysis.Items[i].Item, span, scaleMin));
                for (var p = 0; p < options; p++)
                {
                    pooled[p] += span[p];
                }
            }

            var own = isOwnGroupOnly ? analysis.Groups[groupIds[0]] : null;
            var agreement = teamConstruct && own is not null && tree.ChildrenOf(unitId).Count == 0
                ? new TeamAgreement(own.RwgJ, own.RwgJListwise, own.AwgListwise, own.RwgScaleScore)
                {
                    RwgJSlightSkew = own.RwgJSlightSkew,
                    AdMJListwise = own.AdMJListwise,
                    RwgJChance95 = AgreementByChance.RwgJ95(own.ScaleScore.N, itemCount, options),
                }
                : null;
            figures[unitId] = new UnitFigures(
                unitId,
                Descriptive.SummariseInPlace(scores.ToArray(), scaleMin, scaleMin + options - 1),
                ItemSummary.FromCounts(constructId, pooled, scaleMin) with
                {
                    Favourable = ClusteredProportion.Summarise(favourable),
                    Unfavourable = ClusteredProportion.Summarise(unfavourable),
                },
                itemSummaries,
                agreement);
        }

        return figures;
    }
}
