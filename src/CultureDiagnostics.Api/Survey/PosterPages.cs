using CultureDiagnostics.Api.Campaigns;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Organisation;
using QRCoder;

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

    private static async Task<ContentHttpResult> ShowAsync(
        string id, string code, CampaignStore campaigns, UnitStore units, CampaignLinks links, InstrumentCatalogue catalogue,
        SurveyAssets assets, SurveyText text, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.FindAsync(id, cancellationToken);
        var unit = (await units.AllAsync(cancellationToken)).FirstOrDefault(u => string.Equals(u.Code, code, StringComparison.OrdinalIgnoreCase));
        var taking = campaign?.Units.FirstOrDefault(u => u.UnitId == unit?.Id);
        if (campaign is null || unit is null || taking is null)
        {
            return TypedResults.Content(SurveyHtml.Message(assets, text, text.NotFoundTitle, "This campaign has no such unit."),
                "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        var link = links.RespondentLink(taking.AccessCode);
        var minutes = campaign.Instruments.Sum(i => catalogue.Find(i.InstrumentId, i.Version)?.EstimatedMinutes ?? 0);
        var html = Poster(text, campaign, unit.Name, link, minutes);
        return TypedResults.Content(SurveyHtml.Document(assets, text, $"{campaign.Title} – {unit.Name}", html, "poster.css", script: false),
            "text/html; charset=utf-8");
    }

    private static string Poster(SurveyText text, Campaign campaign, string unitName, string link, int minutes)
    {
        var shortLink = link.Replace("https://", "", StringComparison.Ordinal).Replace("http://", "", StringComparison.Ordinal);
        return $"""
            <article class="poster">
            <p class="caption">{SurveyHtml.E(text.Format(text.RunBy, campaign.Organiser))}</p>
            <h1 class="poster-title">{SurveyHtml.E(campaign.Title)}</h1>
            <p class="poster-lead">{SurveyHtml.E(text.PosterHeading)}</p>
            <p class="poster-unit">{SurveyHtml.E(text.Format(text.CountedIn, unitName))}</p>
            <img class="qr" src="{QrDataUri(link)}" alt="{SurveyHtml.E(text.Format(text.PosterQrAlt, shortLink))}" width="240" height="240">
            <p>{SurveyHtml.E(text.PosterScan)}</p>
            <p class="short-link">{SurveyHtml.E(shortLink)}</p>
            <p class="poster-dates">{SurveyHtml.E(text.Format(text.Duration, minutes))} {SurveyHtml.E(text.Format(text.ClosesOn, text.Date(campaign.ClosesOn)))}</p>
            {SurveyHtml.Promise(text, campaign.Thresholds)}
            </article>
            """;
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
