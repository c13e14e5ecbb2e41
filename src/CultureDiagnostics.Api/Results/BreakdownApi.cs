using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Core.Disclosure;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Core.Results;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Results;

namespace CultureDiagnostics.Api.Results;

public sealed record CategoryResponse(string Value, string Label);

public sealed record BreakdownCellResponse(string Category, PublishedCount Respondents, IReadOnlyList<ScaleCellResponse> Scales);

public sealed record BreakdownUnitResponse(string Unit, string Name, string Level, int Depth, bool Shown, IReadOnlyList<BreakdownCellResponse> Cells);

public sealed record BreakdownResponse(
    string CampaignId, string Question, string Text, IReadOnlyList<CategoryResponse> Categories, IReadOnlyList<BreakdownUnitResponse> Units);

/// <summary>
/// Results by one demographic question for every unit: a unit's breakdown is shown whole, with every
/// category (and "not answered") at or above the threshold, or not at all.
/// </summary>
public static class BreakdownApi
{
    public const string NotAnswered = "";

    public static RouteGroupBuilder MapBreakdowns(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/campaigns/{id}/results/breakdowns").WithTags("Results").RequireAuthorization(Policies.Reader);
        group.MapGet("/{question}", GetAsync);
        return group;
    }

    private static async Task<Results<Ok<BreakdownResponse>, ProblemHttpResult>> GetAsync(
        string id, string question, CampaignStore campaigns, CampaignResultsService service, ResultsStore store, InstrumentCatalogue catalogue,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.FindAsync(id, cancellationToken);
        if (campaign is null)
        {
            return NotFound($"No campaign has the id '{id}'.");
        }

        if (ResultsApi.NotPublishedYet(campaign, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)) is { } problem)
        {
            return problem;
        }

        var instruments = campaign.Instruments.Select(i => catalogue.Find(i.InstrumentId, i.Version)!).ToList();
        var definition = instruments.SelectMany(i => i.Demographics).FirstOrDefault(d => d.Id == question);
        if (definition is null)
        {
            return NotFound($"The campaign asks no demographic question '{question}'.");
        }

        var analysed = (await service.GetAsync(id, cancellationToken))!;
        var tree = analysed.Tree;
        var (answers, counts) = await store.LoadBreakdownAsync(id, instruments, question, cancellationToken);
        var categories = definition.Options.Select(o => o.Value).Append(NotAnswered).ToList();
        var threshold = campaign.Thresholds.Scores;

        // Totals and cells from the same snapshot, so they add up.
        var totals = DisclosureRules.ForTree(
            tree.Units.Select(u => new GroupCount(u.Id, u.ParentId, categories.Sum(c => counts.GetValueOrDefault((u.Id, c))))).ToList(), threshold);
        var decisions = DisclosureRules.ForBreakdowns(
            tree.Units.Select(u => new GroupCells(u.Id, u.ParentId, categories.Select(c => counts.GetValueOrDefault((u.Id, c))).ToList())).ToList(),
            threshold, totals);
        var byCategory = categories.ToDictionary(c => c, c => CampaignAnalyser.Analyse(tree, answers.Select(a => a.OnlyCategory(c)).ToList()));

        var units = tree.InTreeOrder().Select(x =>
        {
            var decision = decisions[x.Unit.Id];
            var cells = categories.Select((category, index) => new BreakdownCellResponse(
                category,
                decision.Shown ? decision.Cells[index] : PublishedCount.Withheld,
                analysed.Analysis.Scales.Select(scale => ResultsMapper.Cell(
                    byCategory[category].Find(scale.Instrument.Id, scale.Construct.Id), scale.Instrument.Id, scale.Construct.Id, x.Unit.Id,
                    decision.Shown && decision.Cells[index].Shown, threshold)).ToList())).ToList();
            return new BreakdownUnitResponse(x.Unit.Code, x.Unit.Name, tree.LevelOf(x.Unit.Id), x.Depth, decision.Shown, cells);
        }).ToList();

        return TypedResults.Ok(new BreakdownResponse(
            id, definition.Id, definition.Text,
            definition.Options.Select(o => new CategoryResponse(o.Value, o.Label)).Append(new CategoryResponse(NotAnswered, "Not answered")).ToList(),
            units));
    }

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: detail);
}
