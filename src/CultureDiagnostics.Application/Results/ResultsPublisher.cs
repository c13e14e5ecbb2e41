using CultureDiagnostics.Application.Comments;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Disclosure;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Core.Results;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Comments;
using CultureDiagnostics.Data.Organisation;
using CultureDiagnostics.Data.Responses;
using CultureDiagnostics.Data.Results;

namespace CultureDiagnostics.Application.Results;

/// <summary>
/// The one disclosure gate: every figure that leaves the platform (results, drill-downs, breakdowns, comments,
/// live response rates; the synthesis, the dashboard and the workbook through them) is produced here. It checks
/// that a campaign's results are published (<see cref="Publication"/>), applies Core's DisclosureRules and maps
/// with <see cref="ResultsMapper"/>; endpoints, pages and the command line only call it and present what it returns.
/// </summary>
public sealed class ResultsPublisher(
    CampaignStore campaigns,
    CampaignResultsService analyses,
    ResultsStore results,
    CommentStore comments,
    UnitStore units,
    ResponseStore responses,
    InstrumentCatalogue catalogue,
    TimeProvider clock)
{
    /// <summary>The category of a breakdown for respondents who did not answer its question.</summary>
    public const string NotAnswered = "";

    /// <summary>Every scale for the organisation, and the heatmap of units × scales.</summary>
    public async Task<Published<CampaignResultsResponse>> CampaignAsync(string campaignId, CancellationToken ct = default) =>
        await campaigns.FindAsync(campaignId, ct) is { } campaign ? await CampaignAsync(campaign, ct) : Refusal.NoSuchCampaign(campaignId);

    public async Task<Published<CampaignResultsResponse>> CampaignAsync(Campaign campaign, CancellationToken ct = default)
    {
        if (NotYet(campaign) is { } refusal)
        {
            return refusal;
        }

        return ResultsMapper.Campaign(await analyses.GetAsync(campaign, ct));
    }

    /// <summary>One unit in depth: each scale's items, agreement, and comparisons with the organisation and the previous wave.</summary>
    public async Task<Published<UnitResultsResponse>> UnitAsync(string campaignId, string unitCode, CancellationToken ct = default)
    {
        var (analysed, refusal) = await AnalysedAsync(campaignId, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var unit = analysed!.Tree.Units.FirstOrDefault(u => string.Equals(u.Code, unitCode, StringComparison.OrdinalIgnoreCase));
        if (unit is null)
        {
            return Refusal.NotFound($"No unit has the code '{unitCode}'.");
        }

        return ResultsMapper.Unit(analysed, unit.Id, await PreviousWavesAsync(analysed, ct));
    }

    /// <summary>The organisation's results with the whole organisation's drill-down: what the synthesis and the dashboard show.</summary>
    public Task<Published<PublishedCampaign>> OrganisationAsync(Campaign campaign, CancellationToken ct = default) =>
        WholeAsync(campaign, everyUnit: false, ct);

    /// <summary>The organisation's results with every unit's drill-down, in tree order: what the workbook holds.</summary>
    public Task<Published<PublishedCampaign>> EveryUnitAsync(Campaign campaign, CancellationToken ct = default) =>
        WholeAsync(campaign, everyUnit: true, ct);

    /// <summary>The demographic questions a campaign asked (once each, in its instruments' order): the breakdowns it can have.</summary>
    public async Task<IReadOnlyList<DemographicQuestion>> DemographicQuestionsAsync(string campaignId, CancellationToken ct = default) =>
        await campaigns.FindAsync(campaignId, ct) is { } campaign
            ? campaign.Instruments.Select(i => catalogue.Find(i.InstrumentId, i.Version)!).SelectMany(i => i.Demographics).DistinctBy(d => d.Id).ToList()
            : [];

    /// <summary>
    /// Results by one demographic question for every unit: a unit's breakdown is shown whole, with every
    /// category (and "not answered") at or above the threshold, or not at all.
    /// </summary>
    public async Task<Published<BreakdownResponse>> BreakdownAsync(string campaignId, string questionId, CancellationToken ct = default)
    {
        var (analysed, refusal) = await AnalysedAsync(campaignId, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var campaign = analysed!.Campaign;
        var instruments = campaign.Instruments.Select(i => catalogue.Find(i.InstrumentId, i.Version)!).ToList();
        var question = instruments.SelectMany(i => i.Demographics).FirstOrDefault(d => d.Id == questionId);
        if (question is null)
        {
            return Refusal.NotFound($"The campaign asks no demographic question '{questionId}'.");
        }

        var tree = analysed.Tree;
        var (answers, counts) = await results.LoadBreakdownAsync(campaign.Id, instruments, questionId, ct);
        var categories = question.Options.Select(o => o.Value).Append(NotAnswered).ToList();
        var threshold = campaign.Thresholds.Scores;

        // Totals and cells from the same snapshot, so they add up.
        var totals = DisclosureRules.ForTree(
            tree.Units.Select(u => new GroupCount(u.Id, u.ParentId, categories.Sum(c => counts.GetValueOrDefault((u.Id, c))))).ToList(), threshold);
        var decisions = DisclosureRules.ForBreakdowns(
            tree.Units.Select(u => new GroupCells(u.Id, u.ParentId, categories.Select(c => counts.GetValueOrDefault((u.Id, c))).ToList())).ToList(),
            threshold, totals);
        var byCategory = categories.ToDictionary(c => c, c => CampaignAnalyser.Analyse(tree, answers.Select(a => a.OnlyCategory(c)).ToList()));
        var scaleBreakdowns = analysed.Analysis.Scales.Select((scale, index) =>
            ScaleBreakdown(tree, threshold, categories.Select(c => byCategory[c].Find(scale.Instrument.Id, scale.Construct.Id)).ToList(), analysed.ScaleDisclosure[index]))
            .ToList();

        var rows = tree.InTreeOrder().Select(x =>
        {
            var decision = decisions[x.Unit.Id];
            var cells = categories.Select((category, index) => new BreakdownCellResponse(
                category,
                decision.Shown ? decision.Cells[index] : PublishedCount.Withheld,
                analysed.Analysis.Scales.Select((scale, si) =>
                {
                    var respondentsShown = decision.Shown && decision.Cells[index].Shown;
                    var (scores, pooled) = scaleBreakdowns[si];
                    return ResultsMapper.Cell(
                        byCategory[category].Find(scale.Instrument.Id, scale.Construct.Id), scale.Instrument.Id, scale.Construct.Id, x.Unit.Id,
                        respondentsShown && CategoryShown(scores[x.Unit.Id], index),
                        respondentsShown && CategoryShown(pooled[x.Unit.Id], index),
                        threshold);
                }).ToList())).ToList();
            return new BreakdownUnitResponse(x.Unit.Code, x.Unit.Name, tree.LevelOf(x.Unit.Id), x.Depth, decision.Shown, cells);
        }).ToList();

        return new BreakdownResponse(
            campaign.Id, question.Id, question.Text,
            question.Options.Select(o => new CategoryResponse(o.Value, o.Label)).Append(new CategoryResponse(NotAnswered, "Not answered")).ToList(),
            rows);
    }

    /// <summary>
    /// One scale's breakdown decisions, each on its own population: the scored respondents of each category against
    /// the unit's shown score, and everyone who answered an item against the unit's shown pooled % favourable.
    /// </summary>
    private static (IReadOnlyDictionary<string, BreakdownDisclosure> Scores, IReadOnlyDictionary<string, BreakdownDisclosure> Pooled) ScaleBreakdown(
        OrganisationTree tree, int threshold, IReadOnlyList<ScaleResults?> byCategory, IReadOnlyDictionary<string, ScaleFigureDisclosure> unitFigures)
    {
        var populations = byCategory
            .Select(scale => scale is null ? new Dictionary<string, ScalePopulations>() : scale.PopulationsIn(tree).ToDictionary(p => p.GroupId))
            .ToList();
        IReadOnlyList<GroupCells> Cells(Func<ScalePopulations, int> count) => [.. tree.Units.Select(u =>
            new GroupCells(u.Id, u.ParentId, [.. populations.Select(p => p.TryGetValue(u.Id, out var x) ? count(x) : 0)]))];
        return (
            DisclosureRules.ForBreakdowns(Cells(p => p.DirectScored), threshold, unitFigures.ToDictionary(kv => kv.Key, kv => kv.Value.Score)),
            DisclosureRules.ForBreakdowns(Cells(p => p.DirectAnswered), threshold, unitFigures.ToDictionary(kv => kv.Key, kv => kv.Value.Pooled)));
    }

    private static bool CategoryShown(BreakdownDisclosure decision, int category) => decision.Shown && decision.Cells[category].Shown;

    /// <summary>
    /// A unit's comments (its own and every unit's below it; the organisation's when no unit is named), only
    /// when the group reaches the comment threshold; in a stable shuffle, without dates or sub-unit labels. Only
    /// comments a reviewer has published, as reviewed (CommentReviewService).
    /// </summary>
    public async Task<Published<CommentsResponse>> CommentsAsync(string campaignId, string? unitCode, CancellationToken ct = default)
    {
        var (analysed, refusal) = await AnalysedAsync(campaignId, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var (campaign, tree, disclosure) = (analysed!.Campaign, analysed.Tree, analysed.Disclosure);
        var target = unitCode is null ? tree.Roots[0] : tree.Units.FirstOrDefault(u => string.Equals(u.Code, unitCode, StringComparison.OrdinalIgnoreCase));
        if (target is null)
        {
            return Refusal.NotFound($"No unit has the code '{unitCode}'.");
        }

        var commentDisclosure = CommentGroups.Decide(analysed);
        var shown = commentDisclosure.TryGetValue(target.Id, out var decision) && decision.Shown;
        IReadOnlyList<CommentResponse> published = [];
        if (shown)
        {
            var subtree = tree.SubtreeOf(target.Id).Select(u => u.Id).ToHashSet();
            var key = await campaigns.CommentKeyAsync(campaign.Id, ct);
            published = DisclosureRules.StableShuffle((await comments.PublishedAsync(campaign.Id, ct)).Where(c => subtree.Contains(c.UnitId)), c => c.Id, key)
                .Select(c => new CommentResponse(c.InstrumentId, c.ItemId, CommentGroups.QuestionText(catalogue, campaign, c.InstrumentId, c.ItemId), c.Text))
                .ToList();
        }

        return new CommentsResponse(
            campaign.Id, target.Code, campaign.Thresholds.Comments, shown,
            disclosure.TryGetValue(target.Id, out var total) ? total.Published : PublishedCount.Below(campaign.Thresholds.Scores), published);
    }

    /// <summary>Response counts and rates: rounded and a day behind while a campaign runs, the results' own once it has closed.</summary>
    public async Task<Published<ResponseRatesResponse>> ResponseRatesAsync(string campaignId, CancellationToken ct = default) =>
        await campaigns.FindAsync(campaignId, ct) is { } campaign ? await ResponseRatesAsync(campaign, ct) : Refusal.NoSuchCampaign(campaignId);

    /// <summary>
    /// The response rates of a campaign already read (the campaign's page). While it runs: each unit's own count up
    /// to yesterday, rounded with the campaign's key, and units above adding up their rounded counts (LiveCounts),
    /// so that nobody can calibrate a small group by sending responses and watching. Once it has closed: the
    /// results' own disclosure decisions, so rates and results publish the same counts.
    /// </summary>
    public async Task<ResponseRatesResponse> ResponseRatesAsync(Campaign campaign, CancellationToken ct = default)
    {
        var tree = OrganisationTree.Surveyed(new OrganisationTree(await units.ForCampaignAsync(campaign.Id, ct)), campaign.Units.Select(u => u.UnitId));
        var today = clock.Today();
        var live = !Publication.IsPublished(campaign, today);
        IReadOnlyDictionary<string, LiveCount> counts;
        if (live)
        {
            var directCounts = await responses.CountByUnitAsync(campaign.Id, LiveCounts.CountedUntil(today), ct);
            counts = LiveCounts.ForTree(
                tree.Units.Select(u => new GroupCount(u.Id, u.ParentId, directCounts.GetValueOrDefault(u.Id))).ToList(),
                await campaigns.CommentKeyAsync(campaign.Id, ct), campaign.Thresholds.Scores);
        }
        else
        {
            counts = (await analyses.GetAsync(campaign, ct)).Disclosure.ToDictionary(kv => kv.Key, kv => LiveCount.Published(kv.Value.Published));
        }

        var inScope = campaign.Units.SelectMany(u => tree.AncestorsOf(u.UnitId).Select(a => a.Id).Append(u.UnitId)).ToHashSet();
        var rows = tree.InTreeOrder()
            .Where(x => inScope.Contains(x.Unit.Id))
            .Select(x => new ResponseRateRow(
                x.Unit.Code, x.Unit.Name, tree.LevelOf(x.Unit.Id), x.Depth, counts[x.Unit.Id], tree.HeadcountOf(x.Unit.Id),
                LiveCounts.RatePercent(counts[x.Unit.Id], tree.HeadcountOf(x.Unit.Id))))
            .ToList();
        return new ResponseRatesResponse(
            campaign.Id, campaign.Title, CampaignRules.AcceptanceOn(campaign, today) == Acceptance.Accepting, campaign.Thresholds.Scores, rows,
            live ? LiveCounts.CountedUntil(today) : null, live ? LiveCounts.BaseFor(campaign.Thresholds.Scores) : null);
    }

    /// <summary>Every campaign whose results are published, the most recently closed first.</summary>
    public async Task<IReadOnlyList<Campaign>> PublishedCampaignsAsync(CancellationToken ct = default)
    {
        var today = clock.Today();
        return (await campaigns.AllAsync(ct))
            .Where(c => Publication.IsPublished(c, today))
            .OrderByDescending(c => c.EndedOn).ThenByDescending(c => c.OpensOn)
            .ToList();
    }

    /// <summary>
    /// The board's current diagnostic: the published campaign the change team chose; until they choose one, the most
    /// recent published campaign that surveyed every team of the organisation. Never a pulse of part of the
    /// organisation merely because it closed last. Null while there is none.
    /// </summary>
    public async Task<BoardDiagnostic?> CurrentDiagnosticAsync(CancellationToken ct = default)
    {
        var published = await PublishedCampaignsAsync(ct);
        if (await campaigns.BoardDiagnosticAsync(ct) is { } chosenId && published.FirstOrDefault(c => c.Id == chosenId) is { } chosen)
        {
            return new BoardDiagnostic(chosen, Chosen: true);
        }

        // Every team of the structure the campaign ran with, so that a later reorganisation does not change the answer.
        foreach (var campaign in published)
        {
            var tree = new OrganisationTree(await units.ForCampaignAsync(campaign.Id, ct));
            var teams = tree.Units.Where(u => tree.ChildrenOf(u.Id).Count == 0).Select(u => u.Id).ToList();
            if (teams.Count > 0 && teams.All(id => campaign.Units.Any(u => u.UnitId == id)))
            {
                return new BoardDiagnostic(campaign, Chosen: false);
            }
        }

        return null;
    }

    private Refusal? NotYet(Campaign campaign) =>
        Publication.IsPublished(campaign, clock.Today()) ? null : Refusal.NotPublished(campaign, clock.Today());

    private async Task<(AnalysedCampaign? Analysed, Refusal? Refusal)> AnalysedAsync(string campaignId, CancellationToken ct)
    {
        var campaign = await campaigns.FindAsync(campaignId, ct);
        if (campaign is null)
        {
            return (null, Refusal.NoSuchCampaign(campaignId));
        }

        return NotYet(campaign) is { } refusal ? (null, refusal) : (await analyses.GetAsync(campaign, ct), null);
    }

    private async Task<Published<PublishedCampaign>> WholeAsync(Campaign campaign, bool everyUnit, CancellationToken ct)
    {
        if (NotYet(campaign) is { } refusal)
        {
            return refusal;
        }

        var analysed = await analyses.GetAsync(campaign, ct);
        if (analysed.Tree.Roots.Count == 0)
        {
            return Refusal.NotFound($"Campaign '{campaign.Title}' has no organisation structure to report on.");
        }

        var previous = await PreviousWavesAsync(analysed, ct);
        var shown = everyUnit ? analysed.Tree.InTreeOrder().Select(x => x.Unit) : [analysed.Tree.Roots[0]];
        return new PublishedCampaign(
            analysed.Tree.Roots[0].Name, ResultsMapper.Campaign(analysed), shown.Select(u => ResultsMapper.Unit(analysed, u.Id, previous)).ToList());
    }

    /// <summary>The wave each unit is compared with (<see cref="PreviousWaves"/>), among published campaigns that closed before this one opened.</summary>
    private async Task<PreviousWaves> PreviousWavesAsync(AnalysedCampaign analysed, CancellationToken ct)
    {
        var earlier = (await PublishedCampaignsAsync(ct)).Where(c => c.Id != analysed.Campaign.Id && c.EndedOn < analysed.Campaign.OpensOn).ToList();
        return await PreviousWaves.FindAsync(analysed, earlier, wave => analyses.GetAsync(wave, ct));
    }
}
