using CultureDiagnostics.Api.Campaigns;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application.Campaigns;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Organisation;
using QRCoder;
using static CultureDiagnostics.Api.Components.PageResults;

namespace CultureDiagnostics.Api.Survey;

/// <summary>A printable A4 poster per unit of a campaign: the title, a QR code of the unit's link, the link itself and the promise.</summary>
public static class PosterPages
{
    public static RouteGroupBuilder MapPosters(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/campaigns").RequireAuthorization(Policies.ChangeTeam).ExcludeFromDescription().WithPageSecurityHeaders();
        group.MapGet("/{id}/units/{code}/poster", ShowAsync);
        group.MapGet("/{id}/posters", AllAsync);
        return group;
    }

    private static async Task<Results<RazorComponentResult<PosterPage>, RazorComponentResult<SurveyMessagePage>>> ShowAsync(
        string id, string code, CampaignStore campaigns, UnitStore units, CampaignLinks links, InstrumentCatalogue catalogue,
        SurveyText text, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.FindAsync(id, cancellationToken);
        var unit = campaign is null ? null : (await units.ForCampaignAsync(campaign.Id, cancellationToken)).FirstOrDefault(u => string.Equals(u.Code, code, StringComparison.OrdinalIgnoreCase));
        var taking = campaign?.Units.FirstOrDefault(u => u.UnitId == unit?.Id);
        if (campaign is null || unit is null || taking is null)
        {
            return SurveyPages.Message(text.NotFoundTitle, text.PosterUnitNotFound, StatusCodes.Status404NotFound);
        }

        return Page<PosterPage>(new { Campaign = campaign, Code = unit.Code, UnitName = unit.Name, Link = links.RespondentLink(taking.AccessCode), Minutes = Minutes(campaign, catalogue) });
    }

    /// <summary>Every team's poster in one document, in the campaign page's order, to print at once.</summary>
    private static async Task<Results<RazorComponentResult<PostersPage>, RazorComponentResult<SurveyMessagePage>>> AllAsync(
        string id, CampaignService campaigns, CampaignLinks links, InstrumentCatalogue catalogue, SurveyText text, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(id, cancellationToken) is not { } details)
        {
            return SurveyPages.Message(text.NotFoundTitle, text.PosterUnitNotFound, StatusCodes.Status404NotFound);
        }

        return Page<PostersPage>(new { Campaign = details.Campaign, Posters = links.ToResponse(details).Units, Minutes = Minutes(details.Campaign, catalogue) });
    }

    private static int Minutes(Campaign campaign, InstrumentCatalogue catalogue) =>
        campaign.Instruments.Sum(i => catalogue.Find(i.InstrumentId, i.Version)?.EstimatedMinutes ?? 0);

    /// <summary>The QR code as an SVG data URI: sharp at any print size, and allowed by the pages' CSP (img-src data:).</summary>
    public static string QrDataUri(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }
}
