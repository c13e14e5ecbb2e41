using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Data.Campaigns;

namespace CultureDiagnostics.Application.Results;

/// <summary>
/// The disclosure gate's figures narrowed to a reader's reach (<see cref="ResultsReach"/>), for every way results are
/// read: a campaign's heatmap, a unit's drill-down, comments, breakdowns, response rates, and which published
/// campaigns a reader has results in. Whole-organisation readers get exactly what <see cref="ResultsPublisher"/>
/// gives; a unit lead gets their part of it, and the statistics computed across the organisation's teams are left out.
/// </summary>
public sealed class ReachedResults(ResultsPublisher publisher, CampaignStore campaigns)
{
    public Task<Campaign?> CampaignOfAsync(string campaignId, CancellationToken ct = default) => campaigns.FindAsync(campaignId, ct);

    public async Task<Published<CampaignResultsResponse>> CampaignAsync(string campaignId, ResultsReach reach, CancellationToken ct = default) =>
        Narrow(await publisher.CampaignAsync(campaignId, ct), reach);

    public async Task<Published<UnitResultsResponse>> UnitAsync(string campaignId, string unitCode, ResultsReach reach, CancellationToken ct = default) =>
        await OutsideAsync(campaignId, unitCode, reach, ct) ?? await publisher.UnitAsync(campaignId, unitCode, ct);

    /// <param name="unitCode">The unit whose comments (with its units' below) to read; a unit lead's own unit, or the organisation, when none.</param>
    public async Task<Published<CommentsResponse>> CommentsAsync(string campaignId, string? unitCode, ResultsReach reach, CancellationToken ct = default)
    {
        var unit = unitCode ?? reach.UnitCode;
        return (unit is null ? null : await OutsideAsync(campaignId, unit, reach, ct)) ?? await publisher.CommentsAsync(campaignId, unit, ct);
    }

    public async Task<Published<BreakdownResponse>> BreakdownAsync(string campaignId, string questionId, ResultsReach reach, CancellationToken ct = default)
    {
        var breakdown = await publisher.BreakdownAsync(campaignId, questionId, ct);
        if (breakdown.Value is not { } whole || reach.Whole)
        {
            return breakdown;
        }

        var rows = reach.Within(whole.Units, u => u.Unit, u => u.Depth);
        return Reached(whole with { Units = rows }, rows.Count == 0, reach);
    }

    public async Task<Published<ResponseRatesResponse>> ResponseRatesAsync(string campaignId, ResultsReach reach, CancellationToken ct = default)
    {
        var rates = await publisher.ResponseRatesAsync(campaignId, ct);
        if (rates.Value is not { } whole || reach.Whole)
        {
            return rates;
        }

        var rows = reach.Within(whole.Units, u => u.Unit, u => u.Depth);
        return Reached(whole with { Units = rows }, rows.Count == 0, reach);
    }

    /// <summary>The published campaigns with results for this reader (for a unit lead, those that surveyed their part), the most recently closed first.</summary>
    public async Task<IReadOnlyList<Campaign>> PublishedCampaignsAsync(ResultsReach reach, CancellationToken ct = default)
    {
        var published = await publisher.PublishedCampaignsAsync(ct);
        if (reach.Whole)
        {
            return published;
        }

        var reached = new List<Campaign>();
        foreach (var campaign in published)
        {
            if ((await CampaignAsync(campaign.Id, reach, ct)).Value is not null)
            {
                reached.Add(campaign);
            }
        }

        return reached;
    }

    private static Published<CampaignResultsResponse> Narrow(Published<CampaignResultsResponse> results, ResultsReach reach)
    {
        if (results.Value is not { } whole || reach.Whole)
        {
            return results;
        }

        var rows = reach.Within(whole.Heatmap, r => r.Unit, r => r.Depth);
        // Statistics across the organisation's teams (ICC, Kruskal–Wallis, how many teams agree) describe other teams too.
        return Reached(whole with { Heatmap = rows, Scales = [.. whole.Scales.Select(s => s with { TeamLevel = null })] }, rows.Count == 0, reach);
    }

    private static Published<T> Reached<T>(T value, bool outside, ResultsReach reach)
        where T : class =>
        outside ? Refusal.NotFound($"Your unit, {reach.UnitCode}, was not part of this campaign, so it has no results for you.") : value;

    /// <summary>Why a unit is not for this reader (not in their part of the campaign's structure), or null when it is.</summary>
    private async Task<Refusal?> OutsideAsync(string campaignId, string unitCode, ResultsReach reach, CancellationToken ct)
    {
        if (reach.Whole)
        {
            return null;
        }

        var reached = await CampaignAsync(campaignId, reach, ct);
        return reached.Refusal ?? (reached.Value!.Heatmap.Any(r => string.Equals(r.Unit, unitCode, StringComparison.OrdinalIgnoreCase))
            ? null
            : Refusal.NotFound($"Unit '{unitCode}' is not in your part of the organisation ({reach.UnitCode} and the units below it)."));
    }
}
