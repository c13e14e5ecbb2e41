using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application;
using CultureDiagnostics.Application.Campaigns;
using CultureDiagnostics.Application.Invitations;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Instruments;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CultureDiagnostics.Api.Campaigns;

/// <summary>Builds campaign responses, including each unit's respondent link (/s/{code}).</summary>
public sealed class CampaignLinks(IOptions<PlatformOptions> options, IServer server, InstrumentCatalogue catalogue, TimeProvider clock) : IRespondentLinks
{
    public string BaseUrl
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl))
            {
                return options.Value.PublicBaseUrl.TrimEnd('/');
            }

            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            return (address ?? "http://localhost").Replace("://[::]", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).TrimEnd('/');
        }
    }

    public string RespondentLink(string accessCode) => $"{BaseUrl}/s/{accessCode}";

    public CampaignResponse ToResponse(CampaignDetails details)
    {
        var (campaign, tree) = details;
        return new(
            campaign.Id,
            campaign.Title,
            campaign.Organiser,
            campaign.OpensOn,
            campaign.ClosesOn,
            campaign.Status.ToString().ToLowerInvariant(),
            CampaignRules.AcceptanceOn(campaign, clock.Today()) == Acceptance.Accepting,
            campaign.Thresholds.Scores,
            campaign.Thresholds.Comments,
            campaign.InvitationsOnly,
            campaign.Instruments.Select(i => new CampaignInstrumentResponse(i.InstrumentId, i.Version, catalogue.Find(i.InstrumentId, i.Version)?.Title ?? i.InstrumentId)).ToList(),
            campaign.Units
                .Select(u => (Unit: tree.Find(u.UnitId), u.AccessCode))
                .Where(u => u.Unit is not null)
                .OrderBy(u => u.Unit!.Name, StringComparer.Ordinal)
                .Select(u => new CampaignUnitResponse(u.Unit!.Code, u.Unit.Name, u.AccessCode, RespondentLink(u.AccessCode)))
                .ToList(),
            campaign.ClosedOn);
    }
}
