namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Model;

/// <summary>A field of a published shape (a JSON path below the shape, e.g. "scaleScore.mean") and what it means.</summary>
public sealed record Field(string Path, Meaning Meaning);

/// <summary>
/// What each number of each published shape means, once: the collectors read these paths from the API's JSON
/// (and map the CSV's and the workbook's columns onto them), and hand-made publications fill them from the truth.
/// </summary>
public static class Shapes
{
    /// <summary>A scale's figures for a unit (a ScaleCellResponse), optionally for one category of a demographic question.</summary>
    public static IEnumerable<Field> Cell(string wave, string unitId, ScaleInfo scale, string? question = null, string? category = null)
    {
        var scored = new Population(wave, unitId, Scope.Subtree, question, category, new Condition.Scored(scale));
        var answered = scored with { Condition = new Condition.AnsweredScale(scale) };
        yield return new Field("scaleScore.n", new Count(scored));
        foreach (var (path, stat) in new[] { ("mean", Stat.Mean), ("ci95.low", Stat.CiLow), ("ci95.high", Stat.CiHigh), ("sd", Stat.Sd), ("median", Stat.Median) })
        {
            yield return new Field($"scaleScore.{path}", new ScaleStat(scored, scale, stat));
        }

        foreach (var favourable in new[] { true, false })
        {
            var name = favourable ? "favourable" : "unfavourable";
            foreach (var (path, stat) in Proportion)
            {
                yield return new Field($"{name}.{path}", new PooledBox(answered, scale, favourable, stat));
            }

            yield return new Field($"{name}.respondents", new Count(answered));
        }
    }

    /// <summary>An item of a unit's drill-down (an ItemResponse).</summary>
    public static IEnumerable<Field> Item(string wave, string unitId, ScaleInfo scale, int item)
    {
        var answerers = Population.Unit(wave, unitId, new Condition.AnsweredItem(scale.Instrument, scale.Items[item].Id));
        yield return new Field("n", new Count(answerers));

        // Published as answered: a reverse-keyed item's mean, interval and median are the scored ones mirrored, and
        // its distribution runs from the most favourable point.
        var reverse = scale.Items[item].Reverse;
        Meaning AsAnswered(Stat stat) => reverse
            ? new Mirrored(new ItemStat(answerers, scale, item, stat switch { Stat.CiLow => Stat.CiHigh, Stat.CiHigh => Stat.CiLow, _ => stat }), scale.Min + scale.Max)
            : new ItemStat(answerers, scale, item, stat);
        foreach (var (path, stat) in new[] { ("mean", Stat.Mean), ("ci95.low", Stat.CiLow), ("ci95.high", Stat.CiHigh), ("median", Stat.Median) })
        {
            yield return new Field(path, AsAnswered(stat));
        }

        yield return new Field("sd", new ItemStat(answerers, scale, item, Stat.Sd));
        for (var k = 1; k <= scale.Points; k++)
        {
            yield return new Field($"distribution[{k - 1}].value", new Fixed("a point of the answer scale", scale.Min + k - 1));
            yield return new Field($"distribution[{k - 1}].count", new ItemPoint(answerers, scale, item, reverse ? scale.Points + 1 - k : k));
        }


        foreach (var favourable in new[] { true, false })
        {
            foreach (var (path, stat) in Proportion)
            {
                yield return new Field($"{(favourable ? "favourable" : "unfavourable")}.{path}", new ItemBox(answerers, scale, item, favourable, stat));
            }
        }
    }

    /// <summary>Which answers to an item count as favourable (published for withheld items too): nothing anyone answered.</summary>
    public static IReadOnlyList<Fixed> FavourableAnswers(ScaleInfo scale, int item) =>
        [.. ItemBox.Box(scale, favourable: true)
            .Select(point => scale.Items[item].Reverse ? scale.Max + 1 - point : scale.Min + point - 1)
            .Order()
            .Select(answer => new Fixed("an answer counted favourable", answer))];

    /// <summary>A team's agreement (an AgreementResponse).</summary>
    public static IEnumerable<Field> Agreement(string wave, string unitId, ScaleInfo scale) =>
    [
        new("rwgJ", new AgreementStat(wave, unitId, scale, AgreementKind.RwgJ)),
        new("rwgJSlightSkew", new AgreementStat(wave, unitId, scale, AgreementKind.RwgJSlightSkew)),
        new("rwgJListwise", new AgreementStat(wave, unitId, scale, AgreementKind.RwgJListwise)),
        new("awgListwise", new AgreementStat(wave, unitId, scale, AgreementKind.AwgListwise)),
        new("adMJListwise", new AgreementStat(wave, unitId, scale, AgreementKind.AdMJListwise)),
        new("rwgJChance95", new ChanceLimit(new Population(wave, unitId, Scope.Subtree, null, null, new Condition.Scored(scale)), scale)),
    ];

    /// <summary>Alpha and its item statistics (a ReliabilityResponse).</summary>
    public static IEnumerable<Field> Reliability(string wave, ScaleInfo scale) =>
    [
        new("alphaRaw", new ReliabilityStat(wave, scale, ReliabilityKind.AlphaRaw)),
        new("alphaStandardised", new ReliabilityStat(wave, scale, ReliabilityKind.AlphaStandardised)),
        new("averageR", new ReliabilityStat(wave, scale, ReliabilityKind.AverageR)),
        new("spearmanBrown", new ReliabilityStat(wave, scale, ReliabilityKind.SpearmanBrown)),
        .. Enumerable.Range(0, scale.Items.Count).SelectMany(i => new Field[]
        {
            new($"items[{i}].rDrop", new ReliabilityStat(wave, scale, ReliabilityKind.RDrop, i)),
            new($"items[{i}].alphaIfDeleted", new ReliabilityStat(wave, scale, ReliabilityKind.AlphaIfDeleted, i)),
        }),
    ];

    /// <summary>
    /// The statistics across teams (a TeamLevelResponse); <paramref name="shownUnits"/> are the units whose scale
    /// figures are published. A hand-made publication names the <paramref name="groups"/> it computes over; the
    /// auditor finds them out from the published values.
    /// </summary>
    public static IEnumerable<Field> TeamLevel(string wave, ScaleInfo scale, IReadOnlyList<string> shownUnits, IReadOnlyList<string>? groups = null) =>
        new (string Path, TeamLevelKind Kind)[]
        {
            ("icc1", TeamLevelKind.Icc1), ("icc2", TeamLevelKind.Icc2), ("msb", TeamLevelKind.Msb), ("msw", TeamLevelKind.Msw), ("k", TeamLevelKind.K),
            ("teamsWithRwgJ", TeamLevelKind.TeamsWithRwgJ), ("shareOfTeamsAgreeing", TeamLevelKind.ShareOfTeamsAgreeing),
            ("kruskalWallisH", TeamLevelKind.KruskalWallisH), ("kruskalWallisDf", TeamLevelKind.KruskalWallisDf),
            ("kruskalWallisP", TeamLevelKind.KruskalWallisP), ("epsilonSquared", TeamLevelKind.EpsilonSquared),
        }.Select(f => new Field(f.Path, new TeamLevelStat(wave, scale, f.Kind, shownUnits, groups)));

    /// <summary>A comparison (a DifferenceResponse) of a unit against the organisation or against its previous wave.</summary>
    public static IEnumerable<Field> Difference(Population unit, Population other, ScaleInfo scale, ScaleInfo otherScale, bool againstWhole) =>
    [
        new("difference", new DifferenceStat(unit, other, scale, otherScale, againstWhole, DifferenceKind.Difference)),
        new("ci95.low", new DifferenceStat(unit, other, scale, otherScale, againstWhole, DifferenceKind.CiLow)),
        new("ci95.high", new DifferenceStat(unit, other, scale, otherScale, againstWhole, DifferenceKind.CiHigh)),
    ];

    private static readonly (string Path, Stat Stat)[] Proportion =
        [("count", Stat.Count), ("share", Stat.Share), ("ci95.low", Stat.CiLow), ("ci95.high", Stat.CiHigh)];

    /// <summary>Figures exactly as the truth gives them: a hand-made publication of these fields.</summary>
    public static IEnumerable<Figure> Publish(AuditModel model, string where, IEnumerable<Field> fields) =>
        fields.Select(f =>
        {
            var meaning = f.Meaning;
            var truth = meaning.Truth(model);
            return new Figure($"{where} {f.Path}", truth is { } t && double.IsFinite(t) ? t : double.NaN, meaning);
        });
}
