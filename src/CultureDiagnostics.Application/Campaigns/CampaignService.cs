using CultureDiagnostics.Application.Invitations;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Organisation;

namespace CultureDiagnostics.Application.Campaigns;

/// <summary>
/// Survey campaigns, once for the JSON API and the workspace pages: create one, change its thresholds
/// before it opens, open and close it, and issue invitations. Bad input is refused whole, naming each field.
/// </summary>
public sealed class CampaignService(CampaignStore store, UnitStore units, InstrumentCatalogue catalogue, InvitationOutboxSignal mail, TimeProvider clock)
{
    public const int MaxInvitationsPerRequest = 5000;

    /// <summary>Shown to respondents when the change team gives no organiser.</summary>
    public const string DefaultOrganiser = "The change team";

    /// <summary>Every campaign, each with the structure it runs with (today's for a draft).</summary>
    public async Task<IReadOnlyList<CampaignDetails>> AllAsync(CancellationToken ct = default)
    {
        var all = new List<CampaignDetails>();
        foreach (var campaign in await store.AllAsync(ct))
        {
            all.Add(new CampaignDetails(campaign, new OrganisationTree(await units.ForCampaignAsync(campaign.Id, ct))));
        }

        return all;
    }

    public async Task<CampaignDetails?> FindAsync(string id, CancellationToken ct = default) =>
        await store.FindAsync(id, ct) is { } campaign ? new CampaignDetails(campaign, new OrganisationTree(await units.ForCampaignAsync(id, ct))) : null;

    /// <param name="reading">Problems the caller found reading its input, reported with the rest.</param>
    public async Task<Outcome<CampaignDetails>> CreateAsync(CampaignRequest request, IReadOnlyList<InputError>? reading = null, CancellationToken ct = default)
    {
        var (campaign, tree, errors) = await PrepareAsync(request, reading, ct);
        return errors.Count > 0 ? Outcome.Invalid<CampaignDetails>(errors) : Outcome.Done(new CampaignDetails(await store.CreateAsync(campaign!, ct), tree));
    }

    /// <summary>
    /// Changes a draft: everything it was created with, checked as when it was created. Teams it keeps keep their links.
    /// A team with invitations already listed or printed cannot be dropped, nor can such a campaign turn to shared links:
    /// those invitations would be left pointing at nothing. Once a campaign opens nothing here changes it.
    /// </summary>
    public async Task<Outcome<CampaignDetails>> EditDraftAsync(string id, CampaignRequest request, IReadOnlyList<InputError>? reading = null, CancellationToken ct = default)
    {
        if (await store.FindAsync(id, ct) is not { } existing)
        {
            return NotFound(id);
        }

        if (existing.Status != CampaignStatus.Draft)
        {
            return NotADraft<CampaignDetails>("changed");
        }

        var (campaign, tree, errors) = await PrepareAsync(request, reading, ct);
        var invited = await store.UnitsWithInvitationsAsync(id, ct);
        if (campaign is not null && invited.Count > 0)
        {
            var dropped = invited.Except(campaign.UnitIds).Select(u => tree.Find(u)?.Name ?? u).Order(StringComparer.Ordinal).ToList();
            if (dropped.Count > 0)
            {
                errors.Add(new("units", $"{string.Join(", ", dropped)} already {(dropped.Count == 1 ? "has" : "have")} invitations listed or printed: keep {(dropped.Count == 1 ? "it" : "them")} in the campaign, or delete the draft and start again."));
            }

            if (!campaign.InvitationsOnly)
            {
                errors.Add(new("access", "Invitations are already listed or printed for this campaign: it stays with personal invitations, or delete the draft and start again."));
            }
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid<CampaignDetails>(errors);
        }

        return await store.UpdateDraftAsync(id, campaign!, ct) ? await ReloadAsync(id, ct) : NotADraft<CampaignDetails>("changed");
    }

    /// <summary>Deletes a draft, with its invitation list; a campaign that has opened is never deleted (its answers are the organisation's record).</summary>
    public async Task<Outcome<Campaign>> DeleteDraftAsync(string id, CancellationToken ct = default)
    {
        if (await store.FindAsync(id, ct) is not { } existing)
        {
            return Outcome.NotFound<Campaign>(NotFoundDetail(id));
        }

        return existing.Status == CampaignStatus.Draft && await store.DeleteDraftAsync(id, ct) ? Outcome.Done(existing) : NotADraft<Campaign>("deleted");
    }

    private static Outcome<T> NotADraft<T>(string what) => Outcome.Conflict<T>(
        "Only a draft can be " + what + ".",
        $"The campaign has opened, so it can no longer be {what}: its questions, teams and thresholds stay as the people who answered saw them.");

    /// <summary>A campaign request checked against the rules, the questionnaires and the structure: the campaign to store, or the problems.</summary>
    private async Task<(NewCampaign? Campaign, OrganisationTree Tree, List<InputError> Errors)> PrepareAsync(
        CampaignRequest request, IReadOnlyList<InputError>? reading, CancellationToken ct)
    {
        var rules = InputErrors.From(CampaignRules.Validate(request.Title, request.OpensOn, request.ClosesOn, request.ScoreThreshold,
            request.CommentThreshold, request.Instruments?.Count ?? 0, request.Units?.Count ?? 0)).ToList();
        if (request.Organiser is { Length: > CampaignRules.MaxTitleLength })
        {
            rules.Add(new("organiser", $"The organiser must be at most {CampaignRules.MaxTitleLength} characters."));
        }

        var instruments = ChooseInstruments(request.Instruments ?? [], rules);
        var tree = await OrganisationAsync(ct);
        var unitIds = ChooseUnits(request.Units ?? [], tree, rules);
        var errors = InputErrors.Merge(reading, rules);
        if (errors.Count > 0)
        {
            return (null, tree, errors);
        }

        var scores = request.ScoreThreshold ?? DisclosureThresholds.DefaultScores;
        var thresholds = new DisclosureThresholds(scores, request.CommentThreshold ?? DisclosureThresholds.DefaultCommentsFor(scores));
        var organiser = string.IsNullOrWhiteSpace(request.Organiser) ? DefaultOrganiser : request.Organiser.Trim();
        return (new NewCampaign(request.Title!.Trim(), organiser, request.OpensOn!.Value, request.ClosesOn!.Value, thresholds, instruments, unitIds,
            request.InvitationsOnly ?? false), tree, errors);
    }

    /// <summary>Opens a draft; invitations queued while it was a draft go out from its opening date.</summary>
    public async Task<Outcome<CampaignDetails>> OpenAsync(string id, CancellationToken ct = default)
    {
        // A draft names units as they stood when it was made: a unit retired or merged since cannot be surveyed.
        if (await store.FindAsync(id, ct) is { Status: CampaignStatus.Draft } draft)
        {
            var today = await OrganisationAsync(ct);
            var gone = draft.Units.Where(u => today.Find(u.UnitId) is null).ToList();
            if (gone.Count > 0)
            {
                var history = await units.HistoryAsync(ct);
                var names = gone.Select(u => history.Records.FirstOrDefault(r => r.Unit.Id == u.UnitId)?.Unit is { } unit ? $"{unit.Name} ({unit.Code})" : u.UnitId);
                return Outcome.Conflict<CampaignDetails>("Units no longer in the structure.",
                    $"{string.Join(", ", names)} {(gone.Count == 1 ? "is" : "are")} not in today's structure (retired, merged or split): change the draft's units before opening it.");
            }
        }

        var outcome = await ChangeStatusAsync(id, CampaignStatus.Draft, CampaignStatus.Open, ct);
        mail.Pulse();
        return outcome;
    }

    /// <summary>
    /// Closes an open campaign today, deleting its list of invitees with it (see <see cref="CampaignStore.ChangeStatusAsync"/>),
    /// and keeps the day, which pages show in place of the date it was planned to close.
    /// </summary>
    public Task<Outcome<CampaignDetails>> CloseAsync(string id, CancellationToken ct = default) =>
        ChangeStatusAsync(id, CampaignStatus.Open, CampaignStatus.Closed, ct);

    /// <summary>
    /// Makes a published campaign the board's current diagnostic: what the board's dashboard, the synthesis and the
    /// workbook's "latest" show until another is chosen. Only a deliberate choice changes it; closing never does.
    /// </summary>
    public async Task<Outcome<CampaignDetails>> ChooseForBoardAsync(string id, CancellationToken ct = default)
    {
        if (await store.FindAsync(id, ct) is not { } campaign)
        {
            return NotFound(id);
        }

        if (Results.Publication.NotPublishedYet(campaign, clock.Today()) is { } notYet)
        {
            return Outcome.Conflict<CampaignDetails>("The campaign has not closed yet.", notYet);
        }

        await store.ChooseBoardDiagnosticAsync(id, ct);
        return await ReloadAsync(id, ct);
    }

    /// <summary>The id of the campaign chosen as the board's current diagnostic, or null while none is chosen.</summary>
    public Task<string?> BoardDiagnosticIdAsync(CancellationToken ct = default) => store.BoardDiagnosticAsync(ct);

    public async Task<Outcome<CampaignDetails>> ChangeThresholdsAsync(string id, ThresholdsRequest request, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        CampaignRules.CheckThresholds(request.ScoreThreshold, request.CommentThreshold, required: true, errors);
        if (errors.Count > 0)
        {
            return Outcome.Invalid<CampaignDetails>(InputErrors.From(errors));
        }

        if (await store.FindAsync(id, ct) is null)
        {
            return NotFound(id);
        }

        if (!await store.ChangeThresholdsAsync(id, new DisclosureThresholds(request.ScoreThreshold!.Value, request.CommentThreshold!.Value), ct))
        {
            return Outcome.Conflict<CampaignDetails>("The thresholds are fixed.",
                "The thresholds are fixed once a campaign opens, so nobody can lower them after seeing who has answered.");
        }

        return await ReloadAsync(id, ct);
    }

    /// <summary>
    /// Printed single-use invitations for one unit of an invitations-only campaign, for staff without e-mail. The
    /// tokens are shown once, to whoever asks: they could keep spare ones to pad the team with made-up answers,
    /// which is why e-mailed invitations (<see cref="Invitations.InvitationService"/>) are the ones to prefer.
    /// </summary>
    public async Task<Outcome<IssuedInvitations>> IssueInvitationsAsync(string id, InvitationsRequest request, CancellationToken ct = default)
    {
        var campaign = await store.FindAsync(id, ct);
        if (campaign is null)
        {
            return Outcome.NotFound<IssuedInvitations>(NotFoundDetail(id));
        }

        var tree = new OrganisationTree(await units.ForCampaignAsync(id, ct));
        var unit = tree.Units.FirstOrDefault(u => string.Equals(u.Code, request.Unit, StringComparison.OrdinalIgnoreCase));
        var errors = new List<InputError>();
        if (unit is null || campaign.Units.All(u => u.UnitId != unit.Id))
        {
            errors.Add(new("unit", $"The unit '{request.Unit}' is not part of this campaign."));
        }

        if (request.Count is not (>= 1 and <= MaxInvitationsPerRequest))
        {
            errors.Add(new("count", $"The count must be a whole number from 1 to {MaxInvitationsPerRequest}."));
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid<IssuedInvitations>(errors);
        }

        if (!campaign.InvitationsOnly)
        {
            return Outcome.Conflict<IssuedInvitations>("This campaign uses shared links.",
                "Invitations are for campaigns created with invitationsOnly: every unit's shared link already lets its staff answer.");
        }

        var tokens = await store.IssueInvitationsAsync(campaign.Id, unit!.Id, request.Count!.Value, ct);
        return Outcome.Done(new IssuedInvitations(unit.Code, tokens));
    }

    private List<(CampaignInstrument, string)> ChooseInstruments(List<InstrumentChoice> choices, List<InputError> errors)
    {
        var chosen = new List<(CampaignInstrument, string)>();
        for (var i = 0; i < choices.Count; i++)
        {
            // A JSON list may hold null where an instrument belongs: it names no instrument, like one without an id.
            var choice = choices[i] ?? new InstrumentChoice(null, null);
            var instrument = choice.Id is null ? null
                : choice.Version is { } version ? catalogue.Find(choice.Id, version) : catalogue.Latest(choice.Id);
            if (instrument is null)
            {
                errors.Add(new("instruments", choice.Id is null
                    ? "The instrument id is required."
                    : $"No instrument '{choice.Id}'{(choice.Version is null ? "" : $" version {choice.Version}")} is in the surveys folder.", Index: i));
            }
            else if (chosen.Any(x => x.Item1.InstrumentId == instrument.Id))
            {
                errors.Add(new("instruments", $"The instrument '{instrument.Id}' is listed twice.", Index: i));
            }
            else
            {
                chosen.Add((new CampaignInstrument(instrument.Id, instrument.Version), catalogue.FingerprintOf(instrument.Id, instrument.Version)));
            }
        }

        return chosen;
    }

    /// <summary>Every unit by code, once: a code listed twice is a mistake to report, not to tidy away.</summary>
    private static List<string> ChooseUnits(List<string> codes, OrganisationTree tree, List<InputError> errors)
    {
        var byCode = tree.Units.ToDictionary(u => u.Code, StringComparer.OrdinalIgnoreCase);
        var unitIds = new List<string>();
        for (var i = 0; i < codes.Count; i++)
        {
            var code = codes[i];
            if (code is null || !byCode.TryGetValue(code, out var unit))
            {
                errors.Add(new("units", $"No unit has the code '{code}'.", Index: i));
            }
            else if (unitIds.Contains(unit.Id))
            {
                errors.Add(new("units", $"The unit '{code}' is listed twice.", Index: i));
            }
            else
            {
                unitIds.Add(unit.Id);
            }
        }

        return unitIds;
    }

    private async Task<Outcome<CampaignDetails>> ChangeStatusAsync(string id, CampaignStatus from, CampaignStatus to, CancellationToken ct)
    {
        var campaign = await store.FindAsync(id, ct);
        if (campaign is null)
        {
            return NotFound(id);
        }

        if (!await store.ChangeStatusAsync(id, from, to, clock.Today(), ct))
        {
            return Outcome.Conflict<CampaignDetails>("The campaign cannot change this way.",
                $"The campaign is {Word(campaign.Status)}; only a {Word(from)} campaign can become {Word(to)}.");
        }

        return await ReloadAsync(id, ct);
    }

    private async Task<Outcome<CampaignDetails>> ReloadAsync(string id, CancellationToken ct) =>
        Outcome.Done((await FindAsync(id, ct))!);

    /// <summary>The organisation whose units a campaign can include.</summary>
    public async Task<OrganisationTree> OrganisationAsync(CancellationToken ct = default) => new(await units.AllAsync(ct));

    private static Outcome<CampaignDetails> NotFound(string id) => Outcome.NotFound<CampaignDetails>(NotFoundDetail(id));

    private static string NotFoundDetail(string id) => $"No campaign has the id '{id}'.";

    private static string Word(CampaignStatus status) => status.ToString().ToLowerInvariant();
}
