using CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Model;

/// <summary>
/// A respondent's unknowns in one scale: for each item they answered, the indicators of points 2..K (point 1 is
/// implied, since exactly one point holds), then for each pair of items they answered the product of their two
/// points (an unknown of its own: the model keeps what is linear and treats products as free), then, where they
/// answered two items or more, how many pairs of their answers are both favourable, and both unfavourable (free as
/// well: the square of a respondent's count of favourable answers is that count plus twice those pairs).
/// </summary>
public sealed class ScalePattern : Pattern
{
    private ScalePattern(ScaleInfo scale, IReadOnlyList<int> answered, IReadOnlyList<string> quantities)
        : base($"{scale.Key}:{string.Join(",", answered)}", quantities)
    {
        Scale = scale;
        Answered = answered;
    }

    public ScaleInfo Scale { get; }

    public IReadOnlyList<int> Answered { get; }

    public static ScalePattern Of(ScaleInfo scale, IReadOnlyList<int> answered)
    {
        var quantities = new List<string>();
        foreach (var item in answered)
        {
            quantities.AddRange(Enumerable.Range(2, scale.Points - 1).Select(k => $"{scale.Items[item].Id} answered {scale.Min + k - 1}"));
        }

        for (var a = 0; a < answered.Count; a++)
        {
            for (var b = a + 1; b < answered.Count; b++)
            {
                quantities.Add($"{scale.Items[answered[a]].Id} × {scale.Items[answered[b]].Id}");
            }
        }

        if (answered.Count >= 2)
        {
            quantities.Add($"pairs of favourable answers to {scale.Construct}");
            quantities.Add($"pairs of unfavourable answers to {scale.Construct}");
        }

        return new ScalePattern(scale, answered, quantities);
    }

    /// <summary>The unknown "item answered with point k" (k = 2..K), or −1 when the item was not answered.</summary>
    public int Indicator(int item, int point)
    {
        var position = IndexOf(item);
        return position < 0 ? -1 : (position * (Scale.Points - 1)) + point - 2;
    }

    public int Product(int first, int second)
    {
        var (a, b) = (IndexOf(Math.Min(first, second)), IndexOf(Math.Max(first, second)));
        var m = Answered.Count;
        var before = (a * m) - (a * (a + 1) / 2);
        return (m * (Scale.Points - 1)) + before + (b - a - 1);
    }

    /// <summary>The unknown "pairs of answers both favourable" (or unfavourable), or −1 with fewer than two answers.</summary>
    public int BoxPairs(bool favourable)
    {
        var m = Answered.Count;
        return m < 2 ? -1 : (m * (Scale.Points - 1)) + (m * (m - 1) / 2) + (favourable ? 0 : 1);
    }

    public int IndexOf(int item) => Answered.ToList().IndexOf(item);
}

/// <summary>A per-respondent form over a scale's unknowns.</summary>
public abstract record ScaleForm : ILinearForm
{
    public abstract string Key { get; }

    public abstract string Words { get; }

    public IReadOnlyList<(int Quantity, Rational Coefficient)> On(Pattern pattern) => On((ScalePattern)pattern).ToList();

    protected abstract IEnumerable<(int Quantity, Rational Coefficient)> On(ScalePattern pattern);

    /// <summary>f(point) for one answered item, as coefficients on its indicators (f(1) is the known constant).</summary>
    protected static IEnumerable<(int, Rational)> OfPoint(ScalePattern pattern, int item, Func<int, Rational> f)
    {
        if (pattern.IndexOf(item) < 0)
        {
            yield break;
        }

        for (var k = 2; k <= pattern.Scale.Points; k++)
        {
            var coefficient = f(k) - f(1);
            if (!coefficient.IsZero)
            {
                yield return (pattern.Indicator(item, k), coefficient);
            }
        }
    }

    protected static Rational Value(ScaleInfo scale, int point) => scale.Min + point - 1;

    /// <summary>Whether the item's answer is one of the points (1..K, after reverse-scoring).</summary>
    public sealed record ItemPoints(int Item, IReadOnlyList<int> Points, string What) : ScaleForm
    {
        public override string Key => $"points:{Item}:{string.Join(",", Points)}";

        public override string Words => What;

        protected override IEnumerable<(int, Rational)> On(ScalePattern pattern) =>
            OfPoint(pattern, Item, k => Points.Contains(k) ? 1 : 0);
    }

    public sealed record ItemValue(int Item, string Id) : ScaleForm
    {
        public override string Key => $"value:{Item}";

        public override string Words => $"answer to {Id}";

        protected override IEnumerable<(int, Rational)> On(ScalePattern pattern) => OfPoint(pattern, Item, k => Value(pattern.Scale, k));
    }

    public sealed record ItemSquare(int Item, string Id) : ScaleForm
    {
        public override string Key => $"square:{Item}";

        public override string Words => $"square of the answer to {Id}";

        protected override IEnumerable<(int, Rational)> On(ScalePattern pattern) =>
            OfPoint(pattern, Item, k => Value(pattern.Scale, k) * Value(pattern.Scale, k));
    }

    public sealed record ItemProduct(int First, int Second, string What) : ScaleForm
    {
        public override string Key => $"product:{First}:{Second}";

        public override string Words => What;

        protected override IEnumerable<(int, Rational)> On(ScalePattern pattern) =>
            pattern.IndexOf(First) < 0 || pattern.IndexOf(Second) < 0 ? [] : [(pattern.Product(First, Second), Rational.One)];
    }

    /// <summary>The scale score: the mean of the answered items.</summary>
    public sealed record Score : ScaleForm
    {
        public override string Key => "score";

        public override string Words => "scale score";

        protected override IEnumerable<(int, Rational)> On(ScalePattern pattern)
        {
            var m = new Rational(pattern.Answered.Count, 1);
            return pattern.Answered.SelectMany(i => OfPoint(pattern, i, k => Value(pattern.Scale, k) / m));
        }
    }

    /// <summary>The square of the scale score: (Σ squares + 2 Σ products) / m².</summary>
    public sealed record ScoreSquare : ScaleForm
    {
        public override string Key => "score-square";

        public override string Words => "square of the scale score";

        protected override IEnumerable<(int, Rational)> On(ScalePattern pattern)
        {
            var m = pattern.Answered.Count;
            var scale = new Rational(1, m * m);
            foreach (var entry in pattern.Answered.SelectMany(i => OfPoint(pattern, i, k => Value(pattern.Scale, k) * Value(pattern.Scale, k) * scale)))
            {
                yield return entry;
            }

            for (var a = 0; a < m; a++)
            {
                for (var b = a + 1; b < m; b++)
                {
                    yield return (pattern.Product(pattern.Answered[a], pattern.Answered[b]), 2 * scale);
                }
            }
        }
    }

    /// <summary>How many of the respondent's answers to the scale's items fall on the points (pooled favourable counts).</summary>
    public sealed record PooledPoints(IReadOnlyList<int> Points, string What) : ScaleForm
    {
        public override string Key => $"pooled:{string.Join(",", Points)}";

        public override string Words => What;

        protected override IEnumerable<(int, Rational)> On(ScalePattern pattern) =>
            pattern.Answered.SelectMany(i => OfPoint(pattern, i, k => Points.Contains(k) ? 1 : 0));
    }

    /// <summary>That count times how many of the scale's items the respondent answered (f·m, for a clustered interval).</summary>
    public sealed record PooledPointsTimesAnswered(IReadOnlyList<int> Points, string What) : ScaleForm
    {
        public override string Key => $"pooled-by-answered:{string.Join(",", Points)}";

        public override string Words => What;

        protected override IEnumerable<(int, Rational)> On(ScalePattern pattern)
        {
            var m = new Rational(pattern.Answered.Count, 1);
            return pattern.Answered.SelectMany(i => OfPoint(pattern, i, k => Points.Contains(k) ? m : Rational.Zero));
        }
    }

    /// <summary>The square of that count: the count plus twice the pairs of answers both on the points (f², for a clustered interval).</summary>
    public sealed record PooledPointsSquare(IReadOnlyList<int> Points, bool Favourable, string What) : ScaleForm
    {
        public override string Key => $"pooled-square:{string.Join(",", Points)}";

        public override string Words => What;

        protected override IEnumerable<(int, Rational)> On(ScalePattern pattern)
        {
            foreach (var entry in pattern.Answered.SelectMany(i => OfPoint(pattern, i, k => Points.Contains(k) ? 1 : 0)))
            {
                yield return entry;
            }

            if (pattern.BoxPairs(Favourable) is var pairs and >= 0)
            {
                yield return (pairs, new Rational(2, 1));
            }
        }
    }
}

/// <summary>In a comment block each respondent has one unknown: whether they left a comment on the question.</summary>
public sealed class CommentPattern(string item) : Pattern($"comment:{item}", [$"left a comment on {item}"]);

public sealed record CommentForm(string Item) : ILinearForm
{
    public string Key => "comment";

    public string Words => $"comments on {Item}";

    public IReadOnlyList<(int Quantity, Rational Coefficient)> On(Pattern pattern) => [(0, Rational.One)];
}
