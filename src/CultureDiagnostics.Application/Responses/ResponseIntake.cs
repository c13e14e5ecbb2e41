using System.ComponentModel;
using System.Text.RegularExpressions;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Organisation;
using CultureDiagnostics.Data.Responses;
using Microsoft.Extensions.Caching.Hybrid;

namespace CultureDiagnostics.Application.Responses;

/// <summary>
/// Taking a response, the one path by which a respondent's answers are stored whichever way they arrive
/// (POST /api/responses, or the survey pages' final "Send"): the access code must lead to a campaign that
/// takes responses, the idempotency key must be well formed, <see cref="SubmissionRules"/> must accept the
/// answers, and a repeated key stores nothing. Stored with group commit (<see cref="ResponseWriter"/>):
/// acknowledged only once on disk. Also what a link shows before that (<see cref="OpenAsync"/>).
/// </summary>
public sealed partial class ResponseIntake(
    CampaignStore campaigns, UnitStore units, ResponseWriter responses, InstrumentCatalogue catalogue, TimeProvider clock, HybridCache cache,
    Telemetry telemetry)
{
    /// <summary>
    /// How long a submission may rely on an open campaign read earlier for the same shared unit code.
    /// Nothing about an open campaign can change except its closing, and the writer reads the status
    /// again inside the transaction that would store the response (on every instance): a campaign closed
    /// meanwhile still refuses it. Pages always read the campaign afresh.
    /// </summary>
    public static readonly TimeSpan OpenCampaignReuse = TimeSpan.FromSeconds(30);

    /// <summary>Longer than any code the platform makes; a longer one is not looked up (nor used as a cache key).</summary>
    public const int MaxAccessCodeLength = 200;

    private static readonly HybridCacheEntryOptions Reuse = new() { Expiration = OpenCampaignReuse, LocalCacheExpiration = OpenCampaignReuse };

    /// <summary>Reads the cache only: neither calls a factory nor writes.</summary>
    private static readonly HybridCacheEntryOptions ReadOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    [GeneratedRegex("^[A-Za-z0-9_-]{16,100}$")]
    private static partial Regex IdempotencyKeyPattern();

    /// <summary>The campaign and unit behind an access code (a unit's shared code or an invitation), or null.</summary>
    public async Task<SurveyAccess?> FindAsync(string accessCode, CancellationToken cancellationToken) =>
        accessCode.Length > MaxAccessCodeLength ? null : await campaigns.FindAccessAsync(Normalise(accessCode), allUnits: false, cancellationToken);

    /// <summary>What the respondent's link shows: the survey, read afresh, or null when no survey has this code.</summary>
    public async Task<SurveyAtCode?> OpenAsync(string accessCode, CancellationToken cancellationToken)
    {
        if (await FindAsync(accessCode, cancellationToken) is not var (campaign, unitId, invitation))
        {
            return null;
        }

        var all = (await units.ForCampaignAsync(campaign.Id, cancellationToken)).ToDictionary(u => u.Id);
        var unit = all.GetValueOrDefault(unitId);
        var top = unit;
        while (top?.ParentId is { } parent && all.TryGetValue(parent, out var above))
        {
            top = above;
        }

        return new SurveyAtCode(Normalise(accessCode), campaign, unit?.Name ?? "", invitation is not null, InstrumentsOf(campaign), AcceptanceOf(campaign))
        {
            Organisation = top?.Name ?? "",
        };
    }

    public Acceptance AcceptanceOf(Campaign campaign) => CampaignRules.AcceptanceOn(campaign, clock.Today());

    public IReadOnlyList<Instrument> InstrumentsOf(Campaign campaign) =>
        campaign.Instruments.Select(i => catalogue.Find(i.InstrumentId, i.Version)!).ToList();

    /// <summary>
    /// Stores one response, or says why not. Nothing is stored in part: the answers are checked whole
    /// before the writer stores them in one transaction.
    /// </summary>
    /// <param name="idempotencyKey">Chosen at random by the respondent's device once per response: a repeat stores nothing.</param>
    public async Task<IntakeResult> SubmitAsync(string? accessCode, string? idempotencyKey, Submission submission, CancellationToken cancellationToken)
    {
        var result = await TakeAsync(accessCode, idempotencyKey, submission, cancellationToken);
        telemetry.ResponseTaken(result switch
        {
            IntakeResult.Stored { Outcome: StoreOutcome.Stored } => ResponseOutcome.Stored,
            IntakeResult.Stored => ResponseOutcome.AlreadyStored,
            IntakeResult.Invalid => ResponseOutcome.Invalid,
            _ => ResponseOutcome.Refused,
        });
        return result;
    }

    private async Task<IntakeResult> TakeAsync(string? accessCode, string? idempotencyKey, Submission submission, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(accessCode))
        {
            errors["accessCode"] = ["The access code from the survey link is required."];
        }

        if (idempotencyKey is null || !IdempotencyKeyPattern().IsMatch(idempotencyKey))
        {
            errors["idempotencyKey"] = ["An idempotency key of 16 to 100 letters, digits, hyphens or underscores is required (a new random one per response)."];
        }

        if (errors.Count > 0)
        {
            return new IntakeResult.Invalid(errors);
        }

        if (await FindForSubmissionAsync(accessCode!, cancellationToken) is not var (campaign, unitId, invitation))
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

        var (accepted, problems) = SubmissionRules.Check(submission, InstrumentsOf(campaign));
        if (accepted is null)
        {
            return new IntakeResult.Invalid(problems);
        }

        var outcome = await responses.StoreAsync(campaign.Id, unitId, idempotencyKey!, accepted, invitation);
        return outcome switch
        {
            StoreOutcome.InvitationUsed => new IntakeResult.InvitationUsed(),
            StoreOutcome.CampaignNotOpen => new IntakeResult.Closed(campaign),
            _ => new IntakeResult.Stored(outcome),
        };
    }

    /// <summary>As <see cref="FindAsync"/>, reusing an open campaign behind a shared code for <see cref="OpenCampaignReuse"/>.</summary>
    private async Task<SurveyAccess?> FindForSubmissionAsync(string accessCode, CancellationToken cancellationToken)
    {
        if (accessCode.Length > MaxAccessCodeLength)
        {
            return null;
        }

        // Only codes that lead to an open campaign are kept: they are few (one per unit and campaign)
        // and made by the organisation, so nobody can fill the cache by sending made-up codes. An
        // invitation is never kept: it is used once, and the writer must see each use.
        var key = "open-access:" + Normalise(accessCode);
        if (await cache.GetOrCreateAsync<OpenAccess?>(key, _ => ValueTask.FromResult<OpenAccess?>(null), ReadOnly, cancellationToken: cancellationToken)
            is { } reused)
        {
            return reused.Access;
        }

        var found = await FindAsync(accessCode, cancellationToken);
        if (found is { InvitationHash: null, Campaign.Status: CampaignStatus.Open })
        {
            await cache.SetAsync<OpenAccess?>(key, new OpenAccess(found), Reuse, cancellationToken: cancellationToken);
        }

        return found;
    }

    private static string Normalise(string accessCode) => accessCode.Trim().ToLowerInvariant();

    /// <summary>
    /// An open campaign kept for reuse. Sealed and marked immutable so that the cache hands back the same
    /// instance rather than a copy made by serialising it (nothing changes a campaign once read).
    /// </summary>
    [ImmutableObject(true)]
    private sealed record OpenAccess(SurveyAccess Access);
}
