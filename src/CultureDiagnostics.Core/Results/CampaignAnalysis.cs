using CultureDiagnostics.Core.Disclosure;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Core.Results;

/// <summary>
/// The answers of one campaign to one instrument, as read from the database: for each respondent the
/// unit whose link they used, and their raw answers to the instrument's scale items in
/// <see cref="Instrument.ScaleItems"/> order (respondent-major; NaN where unanswered or "not applicable").
/// For a breakdown, <see cref="Categories"/> holds each respondent's answer to one demographic question ("" if declined).
/// </summary>
public sealed record InstrumentAnswers(Instrument Instrument, IReadOnlyList<string> UnitOfRespondent, double[] Values, IReadOnlyList<string>? Categories = null)
{
    public int RespondentCount => UnitOfRespondent.Count;

    /// <summary>Only the respondents who gave <paramref name="category"/> to the breakdown's question.</summary>
    public InstrumentAnswers OnlyCategory(string category)
    {
        if (Categories is null)
        {
            throw new InvalidOperationException("These answers were not loaded with a demographic question.");
        }

        var width = Instrument.ScaleItems.Count();
        var units = new List<string>();
        var values = new List<double>();
        for (var r = 0; r < RespondentCount; r++)
        {
            if (Categories[r] == category)
            {
                units.Add(UnitOfRespondent[r]);
                values.AddRange(Values.AsSpan(r * width, width));
            }
        }

        return new InstrumentAnswers(Instrument, units, values.ToArray());
    }
}

/// <summary>Agreement within a team, shown beside a team's score to say whether the score means anything.</summary>
public sealed record TeamAgreement(double? RwgJ, double? RwgJListwise, double? AwgListwise, double? RwgScaleScore)
{
    /// <summary>rwg(j) against the slightly skewed null, over the same answers as <see cref="RwgJ"/>.</summary>
    public double? RwgJSlightSkew { get; init; }

    /// <summary>AD(M)(J) over the team's complete respondents.</summary>
    public double? AdMJListwise { get; init; }

    /// <summary>The rwg(j) that 95% of random teams of the team's size (its scored respondents) stay at or below.</summary>
    public double? RwgJChance95 { get; init; }

    /// <summary>Whether the team's rwg(j) is above what chance gives 95% of random teams of its size.</summary>
    public bool? BeyondChance => RwgJ is { } rwg && RwgJChance95 is { } chance ? rwg > chance : null;

    /// <summary>What the agreement means for the team's score, in words.</summary>
    public string? Reading => Agreement.TeamReading(RwgJ, RwgJSlightSkew, RwgJChance95);
}

/// <summary>
/// One scale for one unit (the unit and everything below it): the scale-score summary, every answer to
/// the scale's items pooled (distribution, and % favourable with an interval that counts each respondent's answers as
/// one cluster: see ClusteredProportion), and each item.
/// </summary>
public sealed record UnitFigures(
    string UnitId,
    ContinuousSummary ScaleScore,
    ItemSummary Pooled,
    IReadOnlyList<ItemSummary> Items,
    TeamAgreement? Agreement);

/// <summary>
/// One scale (construct) of one instrument across the campaign: the full analysis over the units
/// respondents answered through (alpha, ICC, rwg, Kruskal–Wallis), figures for every unit of the tree,
/// and how many answered at least one of its items through each unit's link (for disclosure control).
/// </summary>
public sealed record ScaleResults(
    Instrument Instrument,
    Construct Construct,
    IReadOnlyList<Item> Items,
    int ScaleMin,
    int ScaleMax,
    ScaleAnalysisResult Analysis,
    IReadOnlyDictionary<string, UnitFigures> ByUnit,
    IReadOnlyDictionary<string, int> DirectRespondents)
{
    /// <summary>
    /// Each unit's populations for this scale, counted directly, for <see cref="DisclosureRules.ForScale"/>: who
    /// answered any item, who has a score, who answered each item, and who answered every item where the unit's
    /// listwise agreement is reported. Every unit of the tree appears, with zeros where nobody answered through it.
    /// </summary>
    public IReadOnlyList<ScalePopulations> PopulationsIn(OrganisationTree tree)
    {
        var byLabel = Analysis.Groups.ToDictionary(g => g.Label, StringComparer.Ordinal);
        return [.. tree.Units.Select(unit =>
        {
            if (!byLabel.TryGetValue(unit.Id, out var group))
            {
                return new ScalePopulations(unit.Id, unit.ParentId, 0, 0, [.. Items.Select(_ => 0)]);
            }

            var listwise = ByUnit.TryGetValue(unit.Id, out var figures) && figures.Agreement is not null ? group.ListwiseN : (int?)null;
            return new ScalePopulations(
                unit.Id, unit.ParentId, DirectRespondents.GetValueOrDefault(unit.Id), Analysis.ScoresByGroup[group.Group].Count,
                [.. group.Items.Select(i => i.N)], listwise, DirectRespondents.GetValueOrDefault(unit.Id) - group.ListwiseN);
        })];
    }
}

/// <summary>Everything computed for a campaign, before disclosure control decides what may be shown.</summary>
public sealed record CampaignAnalysis(IReadOnlyList<ScaleResults> Scales)
{
    public ScaleResults? Find(string instrumentId, string constructId) =>
        Scales.FirstOrDefault(s => s.Instrument.Id == instrumentId && s.Construct.Id == constructId);
}
