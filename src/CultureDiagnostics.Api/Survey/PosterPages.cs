using CultureDiagnostics.Api.Campaigns;
using CultureDiagnostics.Api.Infrastructure;
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
        return group;
    }

    private static async Task<Results<RazorComponentResult<PosterPage>, RazorComponentResult<SurveyMessagePage>>> ShowAsync(
        string id, string code, CampaignStore campaigns, UnitStore units, CampaignLinks links, InstrumentCatalogue catalogue,
        SurveyText text, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.FindAsync(id, cancellationToken);
        var unit = (await units.AllAsync(cancellationToken)).FirstOrDefault(u => string.Equals(u.Code, code, StringComparison.OrdinalIgnoreCase));
        var taking = campaign?.Units.FirstOrDefault(u => u.UnitId == unit?.Id);
        if (campaign is null || unit is null || taking is null)
        {
            return SurveyPages.Message(text.NotFoundTitle, text.PosterUnitNotFound, StatusCodes.Status404NotFound);
        }

        var link = links.RespondentLink(taking.AccessCode);
        var minutes = campaign.Instruments.Sum(i => catalogue.Find(i.InstrumentId, i.Version)?.EstimatedMinutes ?? 0);
        return Page<PosterPage>(new { Campaign = campaign, UnitName = unit.Name, Link = link, Minutes = minutes, QrCode = QrDataUri(link) });
    }

    /// <summary>The QR code as an SVG data URI: sharp at any print size, and allowed by the pages' CSP (img-src data:).</summary>
    public static string QrDataUri(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }
}
