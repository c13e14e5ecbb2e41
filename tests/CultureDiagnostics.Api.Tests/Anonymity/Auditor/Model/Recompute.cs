using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Model;

/// <summary>
/// The statistics of a population recomputed from the true answers with the platform's own statistics code, so
/// that a published number equal to them proves it rests on exactly that population.
/// </summary>
public static class Recompute
{
    public static int[] Counts(IEnumerable<Respondent> members, ScaleInfo scale, int item)
    {
        var counts = new int[scale.Points];
        foreach (var respondent in members)
        {
            if (respondent.Scored.TryGetValue((scale.Instrument, scale.Items[item].Id), out var point))
            {
                counts[point - scale.Min]++;
            }
        }

        return counts;
    }

    public static ItemSummary Item(IEnumerable<Respondent> members, ScaleInfo scale, int item) =>
        ItemSummary.FromCounts(scale.Items[item].Id, Counts(members, scale, item), scale.Min);

    /// <summary>Every answer the members gave to the scale's items, pooled; the shares' intervals with each member's answers a cluster.</summary>
    public static ItemSummary Pooled(IReadOnlyCollection<Respondent> members, ScaleInfo scale)
    {
        var counts = new int[scale.Points];
        for (var i = 0; i < scale.Items.Count; i++)
        {
            var item = Counts(members, scale, i);
            for (var p = 0; p < counts.Length; p++)
            {
                counts[p] += item[p];
            }
        }

        ClusteredCounts favourable = default, unfavourable = default;
        foreach (var respondent in members)
        {
            var points = scale.Items.Select(item => respondent.Scored.TryGetValue((scale.Instrument, item.Id), out var point) ? point : (int?)null)
                .OfType<int>().ToList();
            favourable += ClusteredCounts.Of(points.Count(p => p > scale.Max - ItemSummary.TopBoxPoints), points.Count);
            unfavourable += ClusteredCounts.Of(points.Count(p => p < scale.Min + ItemSummary.TopBoxPoints), points.Count);
        }

        return ItemSummary.FromCounts(scale.Construct, counts, scale.Min) with
        {
            Favourable = ClusteredProportion.Summarise(favourable),
            Unfavourable = ClusteredProportion.Summarise(unfavourable),
        };
    }

    public static ContinuousSummary Scores(IEnumerable<Respondent> members, ScaleInfo scale) =>
        Descriptive.SummariseInPlace(members.Select(scale.Score).OfType<double>().ToArray(), scale.Min, scale.Max);

    /// <summary>
    /// The whole analysis of a scale over the members (those with an answer to it), grouped as
    /// <paramref name="groupOf"/> says: the platform's alpha, agreement, ICC and rank test for exactly these people.
    /// Answers go in already reverse-scored, so no item is reversed again.
    /// </summary>
    public static ScaleAnalysisResult Analyse(IEnumerable<Respondent> members, ScaleInfo scale, Func<Respondent, string> groupOf)
    {
        var kept = members.Where(r => scale.Answered(r).Count > 0).ToList();
        var labels = kept.Select(groupOf).Distinct().ToList();
        var values = new double[kept.Count * scale.Items.Count];
        for (var r = 0; r < kept.Count; r++)
        {
            for (var i = 0; i < scale.Items.Count; i++)
            {
                values[(r * scale.Items.Count) + i] = kept[r].Scored.TryGetValue((scale.Instrument, scale.Items[i].Id), out var point) ? point : double.NaN;
            }
        }

        var data = new ScaleDataSet(
            scale.Items.Select(i => i.Id).ToList(), scale.Min, scale.Max, scale.Items.Select(_ => false).ToList(),
            labels, kept.Select(r => labels.IndexOf(groupOf(r))).ToArray(), values);
        return ScaleAnalysis.Analyse(data);
    }

    public static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
