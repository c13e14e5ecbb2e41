using System.Globalization;
using System.Text;
using CsvHelper;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application;

namespace CultureDiagnostics.Api.Results;

/// <summary>
/// The other ways figures leave the platform: live response rates, comments and the CSV of unit results.
/// Each comes from the same disclosure gate as the results API (<see cref="ResultsPublisher"/>).
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
        string id, ResultsPublisher publisher, CancellationToken cancellationToken) =>
        (await publisher.ResponseRatesAsync(id, cancellationToken)).ToHttp();

    /// <summary>
    /// A unit's comments (its own and every unit's below it), once the campaign has closed and only when
    /// the group reaches the comment threshold; in a stable shuffle, without dates or sub-unit labels.
    /// </summary>
    private static async Task<Results<Ok<CommentsResponse>, ProblemHttpResult>> CommentsAsync(
        string id, string? unit, ResultsPublisher publisher, CancellationToken cancellationToken) =>
        (await publisher.CommentsAsync(id, unit, cancellationToken)).ToHttp();

    /// <summary>Unit results as CSV for further analysis: one row per unit, suppressed cells read "fewer than N" or "withheld".</summary>
    private static async Task<IResult> CsvAsync(
        string id, ResultsPublisher publisher, Telemetry telemetry, CancellationToken cancellationToken)
    {
        var results = await publisher.CampaignAsync(id, cancellationToken);
        if (results.Refusal is { } refusal)
        {
            return PublishedHttp.Problem(refusal);
        }

        var published = results.Value!;
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

        telemetry.Exported(ExportFormat.Csv, published.CampaignId);
        return TypedResults.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv", $"results-{id}.csv");
    }

    private static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";
}
