using System.Globalization;
using System.Text;
using CsvHelper;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Disclosure;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Organisation;
using CultureDiagnostics.Data.Responses;
using CultureDiagnostics.Data.Results;

namespace CultureDiagnostics.Api.Results;

public sealed record CommentResponse(string Instrument, string Item, string Question, string Text);

public sealed record CommentsResponse(string CampaignId, string Unit, int CommentThreshold, bool Shown, PublishedCount Respondents, IReadOnlyList<CommentResponse> Comments);

/// <summary>
/// The other ways figures leave the platform: live response rates, comments and the CSV of unit
/// results. Each goes through the same disclosure rules as the results API.
/// </summary>
public static class PublicationApi
{
    public static RouteGroupBuilder MapPublication(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/campaigns/{id}").WithTags("Results").RequireAuthorization(Policies.Reader);
        group.MapGet("/response-rates", ResponseRatesAsync);
        group.MapGet("/comments", CommentsAsync);
        group.MapGet("/results.csv", CsvAsync).Produces<string>(StatusCodes.Status200OK, "text/csv");
        return group;
    }

    /// <summary>Live response counts and rates while a campaign runs: small groups read "fewer than N", as everywhere.</summary>
    private static async Task<Results<Ok<ResponseRatesResponse>, ProblemHttpResult>> ResponseRatesAsync(
        string id, CampaignStore campaigns, UnitStore units, ResponseStore responses, TimeProvider clock, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.FindAsync(id, cancellationToken);
        if (campaign is null)
        {
            return NotFound($"No campaign has the id '{id}'.");
        }

        var tree = new OrganisationTree(await units.AllAsync(cancellationToken));
        return TypedResults.Ok(ResponseRates.For(campaign, tree, await responses.CountByUnitAsync(id, cancellationToken), Today(clock)));
    }

    /// <summary>
    /// A unit's comments (its own and every unit's below it), once the campaign has closed and only when
    /// the group reaches the comment threshold; in a stable shuffle, without dates or sub-unit labels.
    /// </summary>
    private static async Task<Results<Ok<CommentsResponse>, ProblemHttpResult>> CommentsAsync(
        string id, string? unit, CampaignStore campaigns, CampaignResultsService results, ResultsStore store, InstrumentCatalogue catalogue,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var analysed = await PublishableAsync(id, campaigns, results, clock, cancellationToken);
        if (analysed.Problem is not null)
        {
            return analysed.Problem;
        }

        var (campaign, tree, disclosure) = (analysed.Value!.Campaign, analysed.Value.Tree, analysed.Value.Disclosure);
        var target = unit is null ? tree.Roots[0] : tree.Units.FirstOrDefault(u => string.Equals(u.Code, unit, StringComparison.OrdinalIgnoreCase));
        if (target is null)
        {
            return NotFound($"No unit has the code '{unit}'.");
        }

        var counts = tree.Units.Select(u => new GroupCount(u.Id, u.ParentId, DirectCount(disclosure, tree, u.Id))).ToList();
        var commentDisclosure = DisclosureRules.ForComments(counts, campaign.Thresholds, disclosure);
        var shown = commentDisclosure.TryGetValue(target.Id, out var d) && d.Shown;
        IReadOnlyList<CommentResponse> comments = [];
        if (shown)
        {
            var subtree = tree.SubtreeOf(target.Id).Select(u => u.Id).ToHashSet();
            var key = await campaigns.CommentKeyAsync(campaign.Id, cancellationToken);
            comments = DisclosureRules.StableShuffle((await store.CommentsAsync(campaign.Id, cancellationToken)).Where(c => subtree.Contains(c.UnitId)), c => c.Id, key)
                .Select(c => new CommentResponse(c.InstrumentId, c.ItemId, QuestionText(catalogue, campaign, c.InstrumentId, c.ItemId), c.Text))
                .ToList();
        }

        return TypedResults.Ok(new CommentsResponse(
            campaign.Id, target.Code, campaign.Thresholds.Comments, shown,
            disclosure.TryGetValue(target.Id, out var total) ? total.Published : PublishedCount.Below(campaign.Thresholds.Scores), comments));
    }

    /// <summary>Unit results as CSV for further analysis: one row per unit, suppressed cells read "fewer than N" or "withheld".</summary>
    private static async Task<IResult> CsvAsync(
        string id, CampaignStore campaigns, CampaignResultsService results, TimeProvider clock, CancellationToken cancellationToken)
    {
        var analysed = await PublishableAsync(id, campaigns, results, clock, cancellationToken);
        if (analysed.Problem is not null)
        {
            return analysed.Problem;
        }

        var published = ResultsMapper.Campaign(analysed.Value!);
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var header in new[] { "unit", "name", "level", "respondents", "response_rate_percent" })
            {
                csv.WriteField(header);
            }

            foreach (var scale in published.Scales)
            {
                foreach (var column in new[] { "n", "mean", "ci95_low", "ci95_high", "favourable_share" })
                {
                    csv.WriteField($"{scale.Instrument}/{scale.Construct}/{column}");
                }
            }

            await csv.NextRecordAsync();
            foreach (var row in published.Heatmap)
            {
                csv.WriteField(row.Unit);
                csv.WriteField(row.Name);
                csv.WriteField(row.Level);
                csv.WriteField(row.Respondents.ToString());
                csv.WriteField(row.ResponseRatePercent?.ToString(CultureInfo.InvariantCulture) ?? "");
                foreach (var cell in row.Cells)
                {
                    if (cell.Suppressed)
                    {
                        var label = cell.FewerThan is { } n ? $"fewer than {n}" : "withheld";
                        for (var c = 0; c < 5; c++)
                        {
                            csv.WriteField(label);
                        }

                        continue;
                    }

                    csv.WriteField(cell.ScaleScore!.N);
                    csv.WriteField(Number(cell.ScaleScore.Mean));
                    csv.WriteField(Number(cell.ScaleScore.Ci95?.Low));
                    csv.WriteField(Number(cell.ScaleScore.Ci95?.High));
                    csv.WriteField(Number(cell.Favourable?.Share));
                }

                await csv.NextRecordAsync();
            }
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv", $"results-{id}.csv");
    }

    private static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The units a campaign covers: its own units and everything above them.</summary>
    private static HashSet<string> InScope(OrganisationTree tree, Campaign campaign) =>
        campaign.Units.SelectMany(u => new[] { u.UnitId }.Concat(tree.AncestorsOf(u.UnitId).Select(a => a.Id))).ToHashSet();

    /// <summary>A unit's own respondents: its total less its children's totals.</summary>
    private static int DirectCount(IReadOnlyDictionary<string, GroupDisclosure> disclosure, OrganisationTree tree, string unitId) =>
        disclosure[unitId].Total - tree.ChildrenOf(unitId).Sum(c => disclosure[c.Id].Total);

    private static string QuestionText(InstrumentCatalogue catalogue, Campaign campaign, string instrumentId, string itemId)
    {
        var version = campaign.Instruments.FirstOrDefault(i => i.InstrumentId == instrumentId)?.Version;
        return version is null ? itemId : catalogue.Find(instrumentId, version.Value)?.FindItem(itemId)?.Text ?? itemId;
    }

    private static async Task<(AnalysedCampaign? Value, ProblemHttpResult? Problem)> PublishableAsync(
        string id, CampaignStore campaigns, CampaignResultsService results, TimeProvider clock, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.FindAsync(id, cancellationToken);
        if (campaign is null)
        {
            return (null, NotFound($"No campaign has the id '{id}'."));
        }

        if (ResultsApi.NotPublishedYet(campaign, Today(clock)) is { } problem)
        {
            return (null, problem);
        }

        return (await results.GetAsync(id, cancellationToken), null);
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: detail);
}
