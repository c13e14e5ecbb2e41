using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Model;

public enum Stat
{
    Mean,
    CiLow,
    CiHigh,
    Sd,
    Median,
    Count,
    Share,
}

/// <summary>The 95% interval ends and shares of a summary, as the publisher reads them.</summary>
internal static class Summaries
{
    public static double? Of(ContinuousSummary s, Stat stat) => Of(s.Mean, s.MeanCi95, s.Sd, s.Median, stat);

    public static double? Of(ItemSummary s, Stat stat) => Of(s.Mean, s.MeanCi95, s.Sd, s.Median, stat);

    private static double? Of(double? mean, Interval? ci, double? sd, double? median, Stat stat) => stat switch
    {
        Stat.Mean => mean,
        Stat.CiLow => ci?.Low,
        Stat.CiHigh => ci?.High,
        Stat.Sd => sd,
        Stat.Median => median,
        _ => throw new ArgumentOutOfRangeException(nameof(stat)),
    };

    public static double? Of(ProportionSummary p, Stat stat) => stat switch
    {
        Stat.Count => p.Count,
        Stat.Share => p.Share,
        Stat.CiLow => p.Ci95?.Low,
        Stat.CiHigh => p.Ci95?.High,
        _ => throw new ArgumentOutOfRangeException(nameof(stat)),
    };

    /// <summary>The sums a statistic of answers or scores is a function of: the total, and the total of squares for spread.</summary>
    public static bool NeedsSquares(Stat stat) => stat is Stat.CiLow or Stat.CiHigh or Stat.Sd or Stat.Median;
}

/// <summary>A statistic of one item over the population that answered it (mean, interval, SD, median).</summary>
public sealed record ItemStat(Population Population, ScaleInfo Scale, int Item, Stat Stat) : Meaning
{
    public override string Words(AuditModel model) => $"{Stat} of {Scale.Items[Item].Id} over {Population.Words(model.Truth)}";

    public override double? Truth(AuditModel model) => Summaries.Of(ItemOf(model, Population, Scale, Item), Stat);

    public static ItemSummary ItemOf(AuditModel model, Population population, ScaleInfo scale, int item) =>
        model.Cached(("item", population, scale.Key, item), () => Recompute.Item(model.Members(population), scale, item));

    public override IEnumerable<Sum> Sums(AuditModel model)
    {
        var block = ScaleBlock(Population.Wave, Scale);
        var id = Scale.Items[Item].Id;
        if (Stat == Stat.Median)
        {
            // A median is read off the distribution.
            return Enumerable.Range(1, Scale.Points).Select(k => new Sum(block, Population, ItemPoint.Form(Scale, Item, k)));
        }

        var sums = new List<Sum> { new(block, Population, new ScaleForm.ItemValue(Item, id)) };
        if (Summaries.NeedsSquares(Stat))
        {
            sums.Add(new(block, Population, new ScaleForm.ItemSquare(Item, id)));
        }

        return sums;
    }
}

/// <summary>
/// A statistic published mirrored on its scale (a reverse-keyed item's mean as answered is min + max less the scored
/// mean): the same sums, the truth mirrored.
/// </summary>
public sealed record Mirrored(Meaning Scored, double Ends) : Meaning
{
    public override string Words(AuditModel model) => $"{Scored.Words(model)}, as answered";

    public override double? Truth(AuditModel model) => Scored.Truth(model) is { } x ? Ends - x : null;

    public override IEnumerable<Sum> Sums(AuditModel model) => Scored.Sums(model);
}

/// <summary>How many of an item's answerers gave one point (after reverse-scoring: 1 is the least favourable).</summary>
public sealed record ItemPoint(Population Population, ScaleInfo Scale, int Item, int Point) : Meaning
{
    public override string Words(AuditModel model) => $"answers {Scale.Min + Point - 1} to {Scale.Items[Item].Id} from {Population.Words(model.Truth)}";

    public override double? Truth(AuditModel model) => ItemStat.ItemOf(model, Population, Scale, Item).Distribution[Point - 1];

    public override IEnumerable<Sum> Sums(AuditModel model) => [new(ScaleBlock(Population.Wave, Scale), Population, Form(Scale, Item, Point))];

    public static ScaleForm Form(ScaleInfo scale, int item, int point) =>
        new ScaleForm.ItemPoints(item, [point], $"answers {scale.Min + point - 1} to {scale.Items[item].Id}");
}

/// <summary>The favourable (top two points) or unfavourable (bottom two) answers to one item: count, share, interval.</summary>
public sealed record ItemBox(Population Population, ScaleInfo Scale, int Item, bool Favourable, Stat Stat) : Meaning
{
    public override string Words(AuditModel model) =>
        $"{(Favourable ? "favourable" : "unfavourable")} {Stat} of {Scale.Items[Item].Id} over {Population.Words(model.Truth)}";

    public override double? Truth(AuditModel model)
    {
        var item = ItemStat.ItemOf(model, Population, Scale, Item);
        return Summaries.Of(Favourable ? item.Favourable : item.Unfavourable, Stat);
    }

    public override IEnumerable<Sum> Sums(AuditModel model) =>
        [new(ScaleBlock(Population.Wave, Scale), Population, new ScaleForm.ItemPoints(Item, Box(Scale, Favourable), $"{(Favourable ? "favourable" : "unfavourable")} answers to {Scale.Items[Item].Id}"))];

    public static int[] Box(ScaleInfo scale, bool favourable) => favourable
        ? Enumerable.Range(scale.Points - ItemSummary.TopBoxPoints + 1, ItemSummary.TopBoxPoints).ToArray()
        : Enumerable.Range(1, ItemSummary.TopBoxPoints).ToArray();
}

/// <summary>A statistic of the scale scores of the population (its members with a score under the half-items rule).</summary>
public sealed record ScaleStat(Population Population, ScaleInfo Scale, Stat Stat) : Meaning
{
    public override string Words(AuditModel model) => $"{Stat} of the {Scale.Construct} scores of {Population.Words(model.Truth)}";

    public override double? Truth(AuditModel model) =>
        Summaries.Of(model.Cached(("scores", Population, Scale.Key), () => Recompute.Scores(model.Members(Population), Scale)), Stat);

    /// <remarks>
    /// A median of scores is one member's score (or the middle two's mean): it names nobody, so the model gives
    /// it the sums of the same population, as for the SD.
    /// </remarks>
    public override IEnumerable<Sum> Sums(AuditModel model)
    {
        var block = ScaleBlock(Population.Wave, Scale);
        var sums = new List<Sum> { new(block, Population, new ScaleForm.Score()) };
        if (Summaries.NeedsSquares(Stat))
        {
            sums.Add(new(block, Population, new ScaleForm.ScoreSquare()));
        }

        return sums;
    }
}

/// <summary>Favourable or unfavourable answers pooled over every item of a scale, over the respondents who answered any.</summary>
public sealed record PooledBox(Population Population, ScaleInfo Scale, bool Favourable, Stat Stat) : Meaning
{
    public override string Words(AuditModel model) =>
        $"pooled {(Favourable ? "favourable" : "unfavourable")} {Stat} of {Scale.Construct} over {Population.Words(model.Truth)}";

    public override double? Truth(AuditModel model)
    {
        var pooled = model.Cached(("pooled", Population, Scale.Key), () => Recompute.Pooled(model.Members(Population), Scale));
        return Summaries.Of(Favourable ? pooled.Favourable : pooled.Unfavourable, Stat);
    }

    /// <remarks>
    /// The interval treats each respondent's answers as a cluster: besides the count it rests on each respondent's
    /// count times their number of answers, and on its square (which brings in the pairs of their answers that are
    /// both favourable). The counts of answers and their squares are known from the pattern of answered items.
    /// </remarks>
    public override IEnumerable<Sum> Sums(AuditModel model)
    {
        var block = ScaleBlock(Population.Wave, Scale);
        var box = ItemBox.Box(Scale, Favourable);
        var what = $"{(Favourable ? "favourable" : "unfavourable")} answers to {Scale.Construct}";
        var sums = new List<Sum> { new(block, Population, new ScaleForm.PooledPoints(box, what)) };
        if (Stat is Stat.CiLow or Stat.CiHigh)
        {
            sums.Add(new(block, Population, new ScaleForm.PooledPointsTimesAnswered(box, $"{what}, times the answers given")));
            sums.Add(new(block, Population, new ScaleForm.PooledPointsSquare(box, Favourable, $"square of the {what}")));
        }

        return sums;
    }
}
