using System.Runtime.CompilerServices;
using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Application.Results;

/// <summary>
/// Every comparison of one kind that a campaign publishes (each unit against the organisation, or each unit
/// against its previous wave, for every scale), judged together: the platform shows dozens to thousands of them,
/// and at 5% each a few would look real by chance alone. A comparison is "a real difference" when its
/// Benjamini–Hochberg adjusted p-value (R's p.adjust, "BH") is at most 5%, so that of the differences called
/// real, about 5% at most are expected to be noise. Computed once per analysis and kept beside it.
/// </summary>
internal sealed class ComparisonFamily
{
    private static readonly ConditionalWeakTable<AnalysedCampaign, ComparisonFamily> Organisation = [];

    private static readonly ConditionalWeakTable<AnalysedCampaign, Dictionary<string, ComparisonFamily>> Previous = [];

    private readonly Dictionary<(string Unit, int Scale), DifferenceResponse> _judged;

    private ComparisonFamily(IReadOnlyList<((string Unit, int Scale) Key, ResultsMapper.Compared Compared)> all, string what, string? assumption = null)
    {
        var adjusted = MultipleComparisons.BenjaminiHochberg(all.Select(c => c.Compared.P).ToList());
        var words = $"judged together with the {all.Count} comparisons {what} published for this campaign, at a "
            + $"{MultipleComparisons.FalseDiscoveryRate:0%} false discovery rate (Benjamini–Hochberg){assumption}";
        _judged = all.Select((c, i) => (c.Key, Judged: new DifferenceResponse(
                c.Compared.Against, c.Compared.Difference, c.Compared.Ci95, adjusted[i] <= MultipleComparisons.FalseDiscoveryRate, words)))
            .ToDictionary(x => x.Key, x => x.Judged);
    }

    /// <summary>Each unit against the organisation, for every scale.</summary>
    public static ComparisonFamily WithOrganisation(AnalysedCampaign analysed) =>
        Organisation.GetValue(analysed, a => new ComparisonFamily(All(a, (index, unit) => ResultsMapper.CompareWithOrganisation(a, index, unit)), "of a unit with the organisation"));

    /// <summary>Each unit against itself in its previous wave of the scale's instrument (<see cref="PreviousWaves"/>), for every scale.</summary>
    public static ComparisonFamily WithPreviousWaves(AnalysedCampaign analysed, PreviousWaves previous)
    {
        var families = Previous.GetValue(analysed, _ => []);
        lock (families)
        {
            if (!families.TryGetValue(previous.Key, out var family))
            {
                family = families[previous.Key] = new ComparisonFamily(
                    All(analysed, (index, unit) => ResultsMapper.CompareWithPrevious(analysed, previous.Of(analysed.Analysis.Scales[index].Instrument.Id, unit), index, unit)),
                    "of a unit with the previous wave",
                    "; the waves are compared as independent samples although many people answer both: answers are anonymous, so they "
                    + "cannot be paired, and people answering alike in both waves would make the true interval narrower, so this one does "
                    + "not overstate certainty");
            }

            return family;
        }
    }

    /// <summary>A unit's comparison for a scale as published (real when its adjusted p-value is at most the false discovery rate); null where there is none.</summary>
    public DifferenceResponse? Of(string unitId, int scaleIndex) => _judged.GetValueOrDefault((unitId, scaleIndex));

    private static List<((string, int), ResultsMapper.Compared)> All(AnalysedCampaign analysed, Func<int, string, ResultsMapper.Compared?> compare) =>
        [.. Enumerable.Range(0, analysed.Analysis.Scales.Count)
            .SelectMany(index => analysed.Tree.Units.Select(u => (Key: (u.Id, index), Compared: compare(index, u.Id))))
            .Where(c => c.Compared is not null)
            .Select(c => (c.Key, c.Compared!))];
}
