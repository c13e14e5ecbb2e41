using System.Text;
using CultureDiagnostics.Application.Csv;

namespace CultureDiagnostics.Api.Campaigns;

/// <summary>
/// Each team's respondents' link and poster address as CSV, for a mail merge (a message to each team's manager with
/// their team's link) or a spreadsheet of who has what. Written as the platform writes all CSV for spreadsheets.
/// </summary>
public static class LinksCsv
{
    public const string ContentType = "text/csv";

    public static string FileName(string campaignId) => $"links-{campaignId}.csv";

    public static string PosterLink(CampaignLinks links, string campaignId, string unitCode) =>
        $"{links.BaseUrl}/campaigns/{campaignId}/units/{Uri.EscapeDataString(unitCode)}/poster";

    public static async Task<byte[]> WriteAsync(CampaignLinks links, CampaignResponse campaign)
    {
        await using var text = new StringWriter();
        await using (var csv = new SpreadsheetCsvWriter(text))
        {
            foreach (var header in new[] { "team_code", "team", "link", "poster" })
            {
                csv.Text(header);
            }

            await csv.NextRecordAsync();
            foreach (var unit in campaign.Units)
            {
                csv.Text(unit.Code);
                csv.Text(unit.Name);
                csv.Text(unit.Link);
                csv.Text(PosterLink(links, campaign.Id, unit.Code));
                await csv.NextRecordAsync();
            }
        }

        // With the byte-order mark, as Excel saves "CSV UTF-8": without it Excel reads a team's name with an accent wrongly.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
