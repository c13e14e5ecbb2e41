using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Responses;
using Microsoft.Extensions.Caching.Memory;

namespace CultureDiagnostics.Api.Responses;

/// <summary>What became of a submission; each channel (JSON API, the survey pages) words it its own way.</summary>
public abstract record IntakeResult
{
    public sealed record UnknownCode : IntakeResult;

    public sealed record NotYetOpen(Campaign Campaign) : IntakeResult;

    public sealed record Closed(Campaign Campaign) : IntakeResult;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : IntakeResult;

    /// <summary>The campaign takes responses only through single-use invitations, and this was the unit's shared code.</summary>
    public sealed record InvitationRequired : IntakeResult;

    public sealed record InvitationUsed : IntakeResult;

    /// <summary>Stored now, or already stored under the same idempotency key.</summary>
    public sealed record Stored(StoreOutcome Outcome) : IntakeResult;
}

/// <summary>
/// The one path by which a respondent's answers are stored, whichever way they arrive: the campaign
/// behind the access code must be taking responses, <see cref="SubmissionRules"/> must accept the
/// answers, and the idempotency key makes a repeat store nothing. Stored with group commit
/// (<see cref="ResponseWriter"/>): acknowledged only once on disk.
/// </summary>
public sealed class ResponseIntake(CampaignStore campaigns, ResponseWriter responses, InstrumentCatalogue catalogue, TimeProvider clock, IMemoryCache cache)
{
    /// <summary>
    /// How long a submission may rely on an open campaign read earlier for the same shared unit code.
    /// Nothing about an open campaign can change except its closing, and the writer reads the status
    /// again inside the transaction that would store the response (on every instance): a campaign closed
    /// meanwhile still refuses it. Pages always read the campaign afresh.
    /// </summary>
    public static readonly TimeSpan OpenCampaignReuse = TimeSpan.FromSeconds(30);

    public async Task<SurveyAccess?> FindAsync(string accessCode, CancellationToken cancellationToken) =>
        accessCode.Length > 200 ? null : await campaigns.FindAccessAsync(Normalise(accessCode), allUnits: false, cancellationToken);

    /// <summary>As <see cref="FindAsync"/>, reusing an open campaign behind a shared code for <see cref="OpenCampaignReuse"/>.</summary>
    private async Task<SurveyAccess?> FindForSubmissionAsync(string accessCode, CancellationToken cancellationToken)
    {
        // Only codes that lead to an open campaign are kept: they are few (one per unit and campaign)
        // and made by the organisation, so nobody can fill the cache by sending made-up codes.
        var key = "open-access:" + Normalise(accessCode);
        if (cache.TryGetValue(key, out SurveyAccess? reused))
        {
            return reused;
        }

        var found = await FindAsync(accessCode, cancellationToken);
        if (found is { InvitationHash: null, Campaign.Status: CampaignStatus.Open })
        {
            cache.Set(key, found, OpenCampaignReuse);
        }

        return found;
    }

    private static string Normalise(string accessCode) => accessCode.Trim().ToLowerInvariant();

    public Acceptance AcceptanceOf(Campaign campaign) => CampaignRules.AcceptanceOn(campaign, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

    public IReadOnlyList<Instrument> InstrumentsOf(Campaign campaign) =>
        campaign.Instruments.Select(i => catalogue.Find(i.InstrumentId, i.Version)!).ToList();

    public async Task<IntakeResult> SubmitAsync(string accessCode, string idempotencyKey, Submission submission, CancellationToken cancellationToken)
    {
        if (await FindForSubmissionAsync(accessCode, cancellationToken) is not var (campaign, unitId, invitation))
        {
            return new IntakeResult.UnknownCode();
        }

        if (campaign.InvitationsOnly && invitation is null)
        {
            return new IntakeResult.InvitationRequired();
        }

        switch (AcceptanceOf(campaign))
        {
            case Acceptance.NotYetOpen:
                return new IntakeResult.NotYetOpen(campaign);
            case Acceptance.Closed:
                return new IntakeResult.Closed(campaign);
        }

        var (accepted, errors) = SubmissionRules.Check(submission, InstrumentsOf(campaign));
        if (accepted is null)
        {
            return new IntakeResult.Invalid(errors);
        }

        var outcome = await responses.StoreAsync(campaign.Id, unitId, idempotencyKey, accepted, invitation);
        return outcome switch
        {
            StoreOutcome.InvitationUsed => new IntakeResult.InvitationUsed(),
            StoreOutcome.CampaignNotOpen => new IntakeResult.Closed(campaign),
            _ => new IntakeResult.Stored(outcome),
        };
    }
}
