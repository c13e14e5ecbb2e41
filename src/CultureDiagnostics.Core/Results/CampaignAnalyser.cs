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
        var scales = new List<ScaleResults>();
        foreach (var data in answers)
        {
            var scaleItems = data.Instrument.ScaleItems.ToList();
            foreach (var construct in data.Instrument.Constructs)
            {
                var columns = Enumerable.Range(0, scaleItems.Count).Where(i => scaleItems[i].Construct == construct.Id).ToArray();
                if (columns.Length > 0)
                {
                    scales.Add(AnalyseScale(tree, data, construct, scaleItems, columns));
                }
            }
        }

        return new CampaignAnalysis(scales);
    }

    private static ScaleResults AnalyseScale(
        OrganisationTree tree, InstrumentAnswers data, Construct construct, List<Item> scaleItems, int[] columns)
    {
        var instrument = data.Instrument;
        var items = columns.Select(c => scaleItems[c]).ToList();
        var scale = instrument.FindScale(items[0].Scale!)!;
        var k = columns.Length;
        var width = scaleItems.Count;

        // Keep respondents who answered at least one item of this scale (a leader-only section is
        // answered by leaders only); group them by the unit whose link they used.
        var groupIndex = new Dictionary<string, int>();
        var groupLabels = new List<string>();
        var groups = new List<int>(data.RespondentCount);
        var values = new List<double>(data.RespondentCount * k);
        var row = new double[k];
        for (var r = 0; r < data.RespondentCount; r++)
        {
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

            var unit = data.UnitOfRespondent[r];
            if (!groupIndex.TryGetValue(unit, out var g))
            {
                groupIndex[unit] = g = groupLabels.Count;
                groupLabels.Add(unit);
            }

            groups.Add(g);
            values.AddRange(row);
        }

        var dataSet = new ScaleDataSet(
            items.Select(i => i.Id).ToList(), scale.Min, scale.Max, items.Select(i => i.Reverse).ToList(),
            groupLabels, groups.ToArray(), values.ToArray());
        var analysis = ScaleAnalysis.Analyse(dataSet);
        var direct = groupLabels.ToDictionary(label => label, _ => 0);
        foreach (var g in groups)
        {
            direct[groupLabels[g]]++;
        }

        return new ScaleResults(
            instrument, construct, items, scale.Min, scale.Max, analysis,
            FiguresByUnit(tree, construct.Id, analysis, scale.Min, scale.Max - scale.Min + 1), direct);
    }

    /// <summary>Each unit's figures from the groups at or below it.</summary>
    private static Dictionary<string, UnitFigures> FiguresByUnit(
        OrganisationTree tree, string constructId, ScaleAnalysisResult analysis, int scaleMin, int options)
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
            foreach (var g in groupIds)
            {
                var group = analysis.Groups[g];
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
            var agreement = own is not null && tree.ChildrenOf(unitId).Count == 0
                ? new TeamAgreement(own.RwgJ, own.RwgJListwise, own.AwgListwise, own.RwgScaleScore)
                : null;
            figures[unitId] = new UnitFigures(
                unitId,
                Descriptive.SummariseInPlace(scores.ToArray()),
                ItemSummary.FromCounts(constructId, pooled, scaleMin),
                itemSummaries,
                agreement);
        }

        return figures;
    }
}
