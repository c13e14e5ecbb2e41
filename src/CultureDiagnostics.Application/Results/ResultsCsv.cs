using System.Text;
using CultureDiagnostics.Application.Csv;

namespace CultureDiagnostics.Application.Results;

/// <summary>
/// The unit results of a closed campaign as CSV, for further analysis: one row per unit, the same published
/// figures as the heatmap. A suppressed cell reads "fewer than N" or "withheld"; names and codes are text that no
/// spreadsheet computes (<see cref="SpreadsheetCsvWriter"/>).
/// </summary>
public static class ResultsCsv
{
    public const string ContentType = "text/csv";

    private static readonly string[] ScaleColumns = ["n", "mean", "ci95_low", "ci95_high", "favourable_share"];

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static string FileName(string campaignId) => $"results-{campaignId}.csv";

    /// <summary>Writes the published results to a stream (the response body), left open.</summary>
    public static async Task WriteAsync(CampaignResultsResponse published, Stream stream, CancellationToken cancellationToken = default)
    {
        await using var text = new StreamWriter(stream, Utf8, bufferSize: 16 * 1024, leaveOpen: true);
        await WriteAsync(published, text, cancellationToken);
    }

    public static async Task WriteAsync(CampaignResultsResponse published, TextWriter writer, CancellationToken cancellationToken = default)
    {
        await using var csv = new SpreadsheetCsvWriter(writer);
        foreach (var header in new[] { "unit", "name", "level", "respondents", "response_rate_percent" })
        {
            csv.Text(header);
        }

        foreach (var scale in published.Scales)
        {
            foreach (var column in ScaleColumns)
            {
                csv.Text($"{scale.Instrument}/{scale.Construct}/{column}");
            }
        }

        await csv.NextRecordAsync();
        foreach (var row in published.Heatmap)
        {
            cancellationToken.ThrowIfCancellationRequested();
            csv.Text(row.Unit);
            csv.Text(row.Name);
            csv.Text(row.Level);
            if (row.Respondents.Value is { } respondents)
            {
                csv.Number(respondents);
            }
            else
            {
                csv.Text(row.Respondents.ToString());
            }

            csv.Number(row.ResponseRatePercent);
            foreach (var cell in row.Cells)
            {
                if (cell.Suppressed)
                {
                    var label = cell.FewerThan is { } n ? $"fewer than {n}" : "withheld";
                    foreach (var _ in ScaleColumns)
                    {
                        csv.Text(label);
                    }

                    continue;
                }

                csv.Number(cell.ScaleScore!.N);
                csv.Number(cell.ScaleScore.Mean);
                csv.Number(cell.ScaleScore.Ci95?.Low);
                csv.Number(cell.ScaleScore.Ci95?.High);
                if (cell.Favourable is { } favourable)
                {
                    csv.Number(favourable.Share);
                }
                else
                {
                    // The score is shown but the pooled answers' own population was withheld.
                    csv.Text("withheld");
                }
            }

            await csv.NextRecordAsync();
        }
    }
}
