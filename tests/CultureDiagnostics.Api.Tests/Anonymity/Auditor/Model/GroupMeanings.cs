using CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver;
using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Model;

public enum AgreementKind
{
    RwgJ,
    RwgJSlightSkew,
    RwgJListwise,
    AwgListwise,
    AdMJListwise,
}

/// <summary>
/// A team's agreement. rwg(j) is a function of each item's distribution over the team's answerers of it; the
/// listwise indices of each item's distribution over the team's complete respondents (all items answered).
/// </summary>
public sealed record AgreementStat(string Wave, string UnitId, ScaleInfo Scale, AgreementKind Kind) : Meaning
{
    public override string Words(AuditModel model) => $"{Kind} of {model.Truth.Units[UnitId].Code} on {Scale.Construct}";

    public override double? Truth(AuditModel model)
    {
        var members = model.Members(Population.Group(Wave, UnitId, new Condition.AnsweredScale(Scale)));
        if (members.Count == 0)
        {
            return null;
        }

        var group = model.Cached(("agreement", Wave, UnitId, Scale.Key), () => Recompute.Analyse(members, Scale, _ => UnitId).Groups[0]);
        return Kind switch
        {
            AgreementKind.RwgJ => group.RwgJ,
            AgreementKind.RwgJSlightSkew => group.RwgJSlightSkew,
            AgreementKind.RwgJListwise => group.RwgJListwise,
            AgreementKind.AdMJListwise => group.AdMJListwise,
            _ => group.AwgListwise,
        };
    }

    public override IEnumerable<Sum> Sums(AuditModel model) =>
        Enumerable.Range(0, Scale.Items.Count).SelectMany(i =>
        {
            var population = Kind is AgreementKind.RwgJ or AgreementKind.RwgJSlightSkew
                ? Population.Group(Wave, UnitId, new Condition.AnsweredItem(Scale.Instrument, Scale.Items[i].Id))
                : Population.Group(Wave, UnitId, new Condition.Complete(Scale));
            return Enumerable.Range(1, Scale.Points).Select(k => new Sum(ScaleBlock(Wave, Scale), population, ItemPoint.Form(Scale, i, k)));
        });
}

/// <summary>
/// The rwg(j) that 95% of random teams of a team's size (its scored respondents) stay at or below: a function of that
/// count alone, which the worst-case reader knows anyway, so it gives no equation and only checks the mapping.
/// </summary>
public sealed record ChanceLimit(Population Scored, ScaleInfo Scale) : Meaning
{
    public override string Words(AuditModel model) => $"rwg(j) reached by chance by teams the size of {Scored.Words(model.Truth)}";

    public override double? Truth(AuditModel model) => AgreementByChance.RwgJ95(model.Members(Scored).Count, Scale.Items.Count, Scale.Points);
}

public enum ReliabilityKind
{
    AlphaRaw,
    AlphaStandardised,
    AverageR,
    RDrop,
    AlphaIfDeleted,
    SpearmanBrown,
}

/// <summary>
/// Cronbach's alpha and its item statistics: functions of the pairwise-complete covariances over the whole wave,
/// so of each pair's sums (products, and each item's answers) over the respondents who answered both.
/// </summary>
public sealed record ReliabilityStat(string Wave, ScaleInfo Scale, ReliabilityKind Kind, int? Item = null) : Meaning
{
    public override string Words(AuditModel model) => $"{Kind}{(Item is { } i ? $" of {Scale.Items[i].Id}" : "")} of {Scale.Construct} over every respondent";

    /// <summary>
    /// Alpha from the covariances of exactly the populations the sums are over (each pair's respondents who answered
    /// both), so that a platform computing it over other respondents is caught as a mismatch. The covariances are
    /// exact: where the sum a statistic divides by is exactly zero, the statistic is not defined.
    /// </summary>
    public override double? Truth(AuditModel model)
    {
        var (alpha, covariance) = model.Cached(("alpha", Wave, Scale.Key), () => Alpha(model));
        var k = Scale.Items.Count;
        Rational Total(int? without) => Enumerable.Range(0, k).Where(i => i != without)
            .SelectMany(i => Enumerable.Range(0, k).Where(j => j != without).Select(j => covariance[i, j] ?? Rational.Zero))
            .Aggregate(Rational.Zero, (sum, c) => sum + c);
        return Kind switch
        {
            ReliabilityKind.AlphaRaw => Total(null).IsZero ? null : alpha.Raw,
            ReliabilityKind.AlphaStandardised => alpha.Standardised,
            ReliabilityKind.AverageR => alpha.AverageR,
            ReliabilityKind.RDrop => alpha.Items[Item!.Value].RDrop,
            ReliabilityKind.SpearmanBrown => alpha.SpearmanBrown,
            _ => Total(Item).IsZero ? null : alpha.Items[Item!.Value].AlphaIfDeleted,
        };
    }

    private (ReliabilityResult Result, Rational?[,] Covariance) Alpha(AuditModel model)
    {
        var k = Scale.Items.Count;
        var exact = new Rational?[k, k];
        var covariance = new double[k, k];
        var pairCorrelation = double.NaN;
        for (var i = 0; i < k; i++)
        {
            for (var j = i; j < k; j++)
            {
                var pair = model.Members(Pair(i, j));
                var n = pair.Count;
                if (n < 2)
                {
                    covariance[i, j] = covariance[j, i] = double.NaN;
                    continue;
                }

                long sx = 0, sy = 0, sxy = 0, sxx = 0, syy = 0;
                foreach (var respondent in pair)
                {
                    var (x, y) = (Scale.PointOf(respondent, i), Scale.PointOf(respondent, j));
                    (sx, sy, sxy, sxx, syy) = (sx + x, sy + y, sxy + (x * y), sxx + (x * x), syy + (y * y));
                }

                if (i != j)
                {
                    // The pair's own correlation (over those who answered both), for a two-item scale's Spearman–Brown.
                    pairCorrelation = ((n * (double)sxy) - ((double)sx * sy)) / Math.Sqrt(((n * (double)sxx) - ((double)sx * sx)) * ((n * (double)syy) - ((double)sy * sy)));
                }

                var c = new Rational((n * (System.Numerics.BigInteger)sxy) - ((System.Numerics.BigInteger)sx * sy), (System.Numerics.BigInteger)n * (n - 1));
                exact[i, j] = exact[j, i] = c;
                covariance[i, j] = covariance[j, i] = (double)c.Numerator / (double)c.Denominator;
            }
        }

        return (Reliability.Alpha(covariance, Scale.Items.Select(i => i.Id).ToList(), k == 2 ? pairCorrelation : null), exact);
    }

    private Population Pair(int i, int j) => Population.Campaign(Wave, i == j
        ? new Condition.AnsweredItem(Scale.Instrument, Scale.Items[i].Id)
        : new Condition.AnsweredPair(Scale.Instrument, Scale.Items[i].Id, Scale.Items[j].Id));

    public override IEnumerable<Sum> Sums(AuditModel model)
    {
        var block = ScaleBlock(Wave, Scale);
        for (var i = 0; i < Scale.Items.Count; i++)
        {
            var a = Scale.Items[i].Id;
            yield return new Sum(block, Pair(i, i), new ScaleForm.ItemValue(i, a));
            yield return new Sum(block, Pair(i, i), new ScaleForm.ItemSquare(i, a));
            for (var j = i + 1; j < Scale.Items.Count; j++)
            {
                var b = Scale.Items[j].Id;
                yield return new Sum(block, Pair(i, j), new ScaleForm.ItemProduct(i, j, $"product of the answers to {a} and {b}"));
                yield return new Sum(block, Pair(i, j), new ScaleForm.ItemValue(i, a));
                yield return new Sum(block, Pair(i, j), new ScaleForm.ItemValue(j, b));
                if (Scale.Items.Count == 2)
                {
                    // Spearman–Brown's correlation: each item's squares over those who answered both.
                    yield return new Sum(block, Pair(i, j), new ScaleForm.ItemSquare(i, a));
                    yield return new Sum(block, Pair(i, j), new ScaleForm.ItemSquare(j, b));
                }
            }
        }
    }
}

public enum TeamLevelKind
{
    Icc1,
    Icc2,
    Msb,
    Msw,
    K,
    TeamsWithRwgJ,
    ShareOfTeamsAgreeing,
    KruskalWallisH,
    KruskalWallisDf,
    KruskalWallisP,
    EpsilonSquared,
}

/// <summary>
/// A statistic across the groups (units respondents answered through) of a scale. Which groups it includes cannot
/// be seen from outside, so <see cref="Resolve"/> recomputes it over the published groups first and over all groups
/// next, and keeps the set that reproduces the published value. ICC, MSB/MSW, k and the rank test are modelled
/// by each included group's scale sum and sum of squares (what the analysis of variance is a function of; the
/// rank test rests on the same groups' scores); the teams meeting rwg(j) by each included group's item distributions.
/// </summary>
public sealed record TeamLevelStat(string Wave, ScaleInfo Scale, TeamLevelKind Kind, IReadOnlyList<string> ShownUnits, IReadOnlyList<string>? Groups = null) : Meaning
{
    public override string Words(AuditModel model) =>
        $"{Kind} of {Scale.Construct} across {(Groups is null ? "teams" : string.Join(", ", Groups.Select(g => model.Truth.Units[g].Code)))}";

    public override Meaning Resolve(AuditModel model, double published)
    {
        var answering = model.Members(Population.Campaign(Wave, new Condition.AnsweredScale(Scale))).Select(r => r.UnitId).Distinct().ToList();
        var shown = answering.Where(ShownUnits.Contains).ToList();
        bool InWave(TreeUnit unit) => model.Truth.Respondents.Any(r => r.Wave == Wave && model.Truth.IsWithin(Wave, r.UnitId, unit.Id));
        var candidates = new List<List<string>>();
        if (Kind is TeamLevelKind.TeamsWithRwgJ or TeamLevelKind.ShareOfTeamsAgreeing)
        {
            // The platform's rule for the teams meeting rwg(j): the teams (no unit below them) whose own rwg(j) is shown.
            candidates.Add([.. answering.Where(u => !model.Truth.ChildrenOf(Wave, u).Any(InWave) && model.PublishedRwgJ.Contains((Wave, Scale.Key, u)))]);
        }

        candidates.AddRange(
        [
            // The platform's rule: a group whose unit's score is shown and so is every child's (in the wave).
            shown.Where(u => model.Truth.ChildrenOf(Wave, u).Where(InWave).All(c => ShownUnits.Contains(c.Id))).ToList(),
            shown.Where(u => model.Truth.ChildrenOf(Wave, u).All(c => ShownUnits.Contains(c.Id))).ToList(),
            shown.Where(u => !model.Truth.ChildrenOf(Wave, u).Any()).ToList(),
            shown,
            answering,
            [],
        ]);
        foreach (var groups in candidates)
        {
            var candidate = this with { Groups = groups };
            if (AuditModel.Agrees(published, candidate.Truth(model), null))
            {
                return candidate;
            }
        }

        return this;
    }

    public override double? Truth(AuditModel model)
    {
        if (Groups is null)
        {
            // No set of groups reproduces the published value: the mapping fails (reported with the published value).
            return double.NegativeInfinity;
        }

        if (Groups.Count == 0)
        {
            // No group published: the counts are nought and every statistic is not defined.
            return Kind is TeamLevelKind.TeamsWithRwgJ or TeamLevelKind.KruskalWallisDf ? 0 : null;
        }

        var analysis = model.Cached(("groups", Wave, Scale.Key, string.Join(",", Groups)), () => Recompute.Analyse(
            Groups.SelectMany(g => model.Members(Population.Group(Wave, g, new Condition.AnsweredScale(Scale)))).ToList(), Scale, r => r.UnitId));
        return Kind switch
        {
            TeamLevelKind.Icc1 => analysis.Icc?.Icc1,
            TeamLevelKind.Icc2 => analysis.Icc?.Icc2,
            TeamLevelKind.Msb => analysis.Icc?.Msb,
            TeamLevelKind.Msw => analysis.Icc?.Msw,
            TeamLevelKind.K => analysis.Icc?.K,
            TeamLevelKind.TeamsWithRwgJ => analysis.GroupsWithRwgJ,
            TeamLevelKind.ShareOfTeamsAgreeing => analysis.ShareOfGroupsAgreeing,
            TeamLevelKind.KruskalWallisH => analysis.KruskalWallis.H,
            TeamLevelKind.KruskalWallisDf => analysis.KruskalWallis.Df,
            TeamLevelKind.KruskalWallisP => analysis.KruskalWallis.P,
            _ => analysis.KruskalWallis.EpsilonSquared,
        };
    }

    public override IEnumerable<Sum> Sums(AuditModel model)
    {
        var block = ScaleBlock(Wave, Scale);
        foreach (var group in Groups ?? [])
        {
            if (Kind is TeamLevelKind.TeamsWithRwgJ or TeamLevelKind.ShareOfTeamsAgreeing)
            {
                foreach (var sum in new AgreementStat(Wave, group, Scale, AgreementKind.RwgJ).Sums(model))
                {
                    yield return sum;
                }

                continue;
            }

            var scored = Population.Group(Wave, group, new Condition.Scored(Scale));
            yield return new Sum(block, scored, new ScaleForm.Score());
            yield return new Sum(block, scored, new ScaleForm.ScoreSquare());
        }
    }
}

public enum DifferenceKind
{
    Difference,
    CiLow,
    CiHigh,
}

/// <summary>
/// A unit's mean score against the whole organisation's (Welch against the rest of the organisation, scaled), or
/// against the same unit in the previous wave (Welch): functions of both populations' score sums and sums of squares.
/// </summary>
public sealed record DifferenceStat(Population Unit, Population Other, ScaleInfo Scale, ScaleInfo OtherScale, bool AgainstWhole, DifferenceKind Kind) : Meaning
{
    public override string Words(AuditModel model) =>
        $"{Kind} of {Scale.Construct} between {Unit.Words(model.Truth)} and {Other.Words(model.Truth)}";

    public override double? Truth(AuditModel model)
    {
        var unit = Recompute.Scores(model.Members(Unit), Scale);
        var other = Recompute.Scores(model.Members(Other), OtherScale);
        if (!AgainstWhole)
        {
            var welch = MeanComparison.Welch(unit, other);
            return Kind switch
            {
                DifferenceKind.Difference => welch?.Difference,
                DifferenceKind.CiLow => welch?.Ci95.Low,
                _ => welch?.Ci95.High,
            };
        }

        var inUnit = model.Members(Unit).Select(r => r.Id).ToHashSet();
        var rest = Recompute.Scores(model.Members(Other).Where(r => !inUnit.Contains(r.Id)), Scale);
        var share = (double)rest.N / other.N;
        var versus = MeanComparison.Welch(unit, rest);
        return Kind switch
        {
            DifferenceKind.Difference => unit.Mean - other.Mean,
            DifferenceKind.CiLow => versus?.Ci95.Low * share,
            _ => versus?.Ci95.High * share,
        };
    }

    public override IEnumerable<Sum> Sums(AuditModel model) =>
    [
        new(ScaleBlock(Unit.Wave, Scale), Unit, new ScaleForm.Score()),
        new(ScaleBlock(Unit.Wave, Scale), Unit, new ScaleForm.ScoreSquare()),
        new(ScaleBlock(Other.Wave, OtherScale), Other, new ScaleForm.Score()),
        new(ScaleBlock(Other.Wave, OtherScale), Other, new ScaleForm.ScoreSquare()),
    ];
}
