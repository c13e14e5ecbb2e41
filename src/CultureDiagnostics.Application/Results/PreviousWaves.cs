namespace CultureDiagnostics.Application.Results;

/// <summary>
/// The earlier wave each unit of a campaign is compared with, scale by scale: the most recent published campaign
/// that used the same instrument, closed before this one opened, and surveyed the same population of that unit,
/// that is the same units under it. A unit compared across waves is then like for like: a pulse of one
/// directorate is not compared with the whole organisation, and the organisation is compared with its last
/// survey of the same units, not with the pulse in between.
/// </summary>
internal sealed class PreviousWaves
{
    private readonly Dictionary<(string Instrument, string Unit), AnalysedCampaign> _waves;

    private PreviousWaves(Dictionary<(string Instrument, string Unit), AnalysedCampaign> waves)
    {
        _waves = waves;
        Key = string.Join(";", waves.OrderBy(w => w.Key.Instrument, StringComparer.Ordinal).ThenBy(w => w.Key.Unit, StringComparer.Ordinal)
            .Select(w => $"{w.Key.Instrument}/{w.Key.Unit}={w.Value.Campaign.Id}@{w.Value.Stamp}"));
    }

    /// <summary>Says which wave each comparison is against (for keeping comparisons computed once).</summary>
    public string Key { get; }

    public AnalysedCampaign? Of(string instrumentId, string unitId) => _waves.GetValueOrDefault((instrumentId, unitId));

    /// <param name="earlier">The campaigns that may come before, most recent first, each analysed when first needed.</param>
    public static async Task<PreviousWaves> FindAsync(
        AnalysedCampaign now, IReadOnlyList<Core.Campaigns.Campaign> earlier, Func<Core.Campaigns.Campaign, Task<AnalysedCampaign>> analyse)
    {
        var analysed = new Dictionary<string, AnalysedCampaign>(StringComparer.Ordinal);
        var waves = new Dictionary<(string, string), AnalysedCampaign>();
        var instruments = now.Campaign.Instruments.Select(i => i.InstrumentId).Distinct(StringComparer.Ordinal)
            .Select(instrument => (Id: instrument, Candidates: earlier.Where(c => c.Instruments.Any(i => i.InstrumentId == instrument)).ToList()))
            .ToList();
        foreach (var unit in now.Tree.Units)
        {
            var surveyed = SurveyedUnder(now, unit.Id);
            foreach (var (instrument, candidates) in instruments)
            {
                foreach (var campaign in candidates)
                {
                    if (!analysed.TryGetValue(campaign.Id, out var before))
                    {
                        before = analysed[campaign.Id] = await analyse(campaign);
                    }

                    if (before.Tree.Find(unit.Id) is not null && SurveyedUnder(before, unit.Id).SetEquals(surveyed))
                    {
                        waves[(instrument, unit.Id)] = before;
                        break;
                    }
                }
            }
        }

        return new PreviousWaves(waves);
    }

    /// <summary>The units a campaign invited at or below a unit.</summary>
    private static HashSet<string> SurveyedUnder(AnalysedCampaign analysed, string unitId)
    {
        var invited = analysed.Campaign.Units.Select(u => u.UnitId).ToHashSet(StringComparer.Ordinal);
        return analysed.Tree.SubtreeOf(unitId).Select(u => u.Id).Where(invited.Contains).ToHashSet(StringComparer.Ordinal);
    }
}
