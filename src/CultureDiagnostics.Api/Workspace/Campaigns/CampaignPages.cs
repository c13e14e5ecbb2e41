using System.Globalization;
using CultureDiagnostics.Api.Campaigns;
using CultureDiagnostics.Api.Components.Forms;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application;
using CultureDiagnostics.Application.Campaigns;
using CultureDiagnostics.Application.Invitations;
using CultureDiagnostics.Application.Results;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Organisation;
using Microsoft.AspNetCore.Mvc;
using static CultureDiagnostics.Api.Components.PageResults;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>The create-campaign form as posted, as typed, so that a page with problems shows it again.</summary>
public sealed class CampaignForm
{
    public string? Title { get; init; }

    public string? Organiser { get; init; }

    public string? OpensOn { get; init; }

    public string? ClosesOn { get; init; }

    /// <summary>The ticked questionnaires, in the order sent (a questionnaire sent twice is reported, not tidied away).</summary>
    public List<string>? Instruments { get; init; }

    /// <summary>The ticked teams' codes, in the order sent.</summary>
    public List<string>? Units { get; init; }

    public string? ScoreThreshold { get; init; }

    public string? CommentThreshold { get; init; }

    /// <summary>How staff answer: "links" (each team's shared link) or "invitations" (personal invitations by e-mail).</summary>
    public string? Access { get; init; }
}

/// <summary>
/// Campaigns: the list, a form to create one, and each campaign with its links, posters and live response
/// rates. Every change goes through <see cref="CampaignService"/>, as the JSON API's do.
/// </summary>
public static class CampaignPages
{
    /// <summary>The create form's fields in order, with words for people where the service's would name JSON values.</summary>
    private static readonly FormField[] Fields =
    [
        new("title", "title"),
        new("organiser", "organiser"),
        new("opensOn", "opensOn"),
        new("closesOn", "closesOn"),
        new("instruments", "instruments"),
        new("units", "units"),
        new("scoreThreshold", "scoreThreshold",
            $"The smallest group whose scores are shown must be a whole number of at least {DisclosureThresholds.Minimum}."),
        new("commentThreshold", "commentThreshold",
            $"The smallest group whose comments are shown must be a whole number of at least {DisclosureThresholds.MinimumComments}, and no smaller than the group whose scores are shown."),
        new("access", "access"),
    ];

    public static IEndpointRouteBuilder MapCampaignPages(this IEndpointRouteBuilder routes)
    {
        var group = routes.Pages("/workspace/campaigns", Policies.ChangeTeam).RequireAntiforgeryToken();
        group.MapGet("/", (string? done, CampaignService campaigns, InstrumentCatalogue catalogue, TimeProvider clock, CancellationToken ct) =>
            ListAsync(campaigns, catalogue, clock, null, FormErrors.None, ct, done == "deleted" ? "The draft campaign is deleted." : null));
        group.MapPost("/", CreateAsync);
        group.MapGet("/{id}", ShowAsync);
        group.MapGet("/{id}/links.csv", async Task<IResult> (string id, CampaignService campaigns, CampaignLinks links, CancellationToken ct) =>
            await campaigns.FindAsync(id, ct) is { } details
                ? TypedResults.File(await LinksCsv.WriteAsync(links, links.ToResponse(details)), LinksCsv.ContentType, LinksCsv.FileName(id))
                : NotFound(id));
        group.MapGet("/{id}/edit", (string id, CampaignService campaigns, InstrumentCatalogue catalogue, CancellationToken ct) =>
            OfDraftAsync(id, campaigns, details => EditPage(details, FormOf(details), FormErrors.None, catalogue), ct));
        group.MapPost("/{id}/edit", EditAsync);
        group.MapGet("/{id}/delete", (string id, CampaignService campaigns, CancellationToken ct) =>
            OfDraftAsync(id, campaigns, details => Page<DeleteCampaignPage>(new { Campaign = details.Campaign }), ct));
        group.MapPost("/{id}/delete", async (string id, CampaignService campaigns, CancellationToken ct) =>
            (await campaigns.DeleteDraftAsync(id, ct)).Status switch
            {
                OutcomeStatus.Done => TypedResults.Redirect("/workspace/campaigns?done=deleted"),
                OutcomeStatus.NotFound => TypedResults.Redirect("/workspace/campaigns"),
                _ => TypedResults.Redirect($"/workspace/campaigns/{id}"),
            });
        group.MapPost("/{id}/open", async (string id, CampaignService campaigns, CancellationToken ct) => AfterChange(id, await campaigns.OpenAsync(id, ct)));
        group.MapGet("/{id}/close", ConfirmCloseAsync);
        group.MapPost("/{id}/close", async (string id, CampaignService campaigns, CancellationToken ct) => AfterChange(id, await campaigns.CloseAsync(id, ct)));
        group.MapPost("/{id}/board", async (string id, CampaignService campaigns, CancellationToken ct) => AfterChange(id, await campaigns.ChooseForBoardAsync(id, ct)));
        group.MapInvitationPages();
        return routes;
    }

    private static async Task<IResult> ListAsync(
        CampaignService campaigns, InstrumentCatalogue catalogue, TimeProvider clock, CampaignForm? entered, FormErrors errors, CancellationToken ct,
        string? confirmation = null)
    {
        var all = await campaigns.AllAsync(ct);
        var tree = await campaigns.OrganisationAsync(ct);
        var (instruments, units, smallTeams) = Choices(tree, catalogue);
        return Page<CampaignsPage>(new
        {
            Campaigns = all.Select(c => c.Campaign).ToList(),
            Today = clock.Today(),
            HasStructure = tree.Units.Count > 0,
            Instruments = instruments,
            Units = units,
            SmallTeams = smallTeams,
            Entered = entered,
            Errors = errors,
            Confirmation = confirmation,
        }, errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    /// <summary>A page about a draft; a campaign that has opened is shown as it is, an unknown one is "not found".</summary>
    private static async Task<IResult> OfDraftAsync(string id, CampaignService campaigns, Func<CampaignDetails, IResult> page, CancellationToken ct) =>
        await campaigns.FindAsync(id, ct) is not { } details ? NotFound(id)
        : details.Campaign.Status != CampaignStatus.Draft ? TypedResults.Redirect($"/workspace/campaigns/{id}")
        : page(details);

    /// <summary>What the campaign form offers: the latest version of each questionnaire, the teams (units without sub-units), and the small ones.</summary>
    private static (IReadOnlyList<Choice> Instruments, IReadOnlyList<Choice> Units, IReadOnlyList<SmallTeam> SmallTeams) Choices(
        OrganisationTree tree, InstrumentCatalogue catalogue)
    {
        var instruments = catalogue.All.GroupBy(i => i.Id).Select(g => g.MaxBy(i => i.Version)!)
            .Select(i => new Choice(i.Id, $"{i.Title} (version {i.Version.ToString(CultureInfo.InvariantCulture)})")).ToList();
        var teams = tree.InTreeOrder().Where(x => tree.ChildrenOf(x.Unit.Id).Count == 0).Select(x => x.Unit).ToList();
        return (instruments, teams.Select(u => new Choice(u.Code, u.Name, u.Code)).ToList(),
            SharedLinkRisk.SmallTeams(tree, teams.Select(u => u.Id), DisclosureThresholds.DefaultScores));
    }

    /// <summary>A draft as the campaign form shows it, to change it.</summary>
    private static CampaignForm FormOf(CampaignDetails details)
    {
        var (campaign, tree) = details;
        return new CampaignForm
        {
            Title = campaign.Title,
            Organiser = campaign.Organiser == CampaignService.DefaultOrganiser ? "" : campaign.Organiser,
            OpensOn = campaign.OpensOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ClosesOn = campaign.ClosesOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Instruments = [.. campaign.Instruments.Select(i => i.InstrumentId)],
            Units = [.. campaign.Units.Select(u => tree.Find(u.UnitId)?.Code ?? u.UnitId)],
            ScoreThreshold = campaign.Thresholds.Scores.ToString(CultureInfo.InvariantCulture),
            CommentThreshold = campaign.Thresholds.Comments.ToString(CultureInfo.InvariantCulture),
            Access = campaign.InvitationsOnly ? AccessByInvitations : AccessByLinks,
        };
    }

    private static RazorComponentResult<EditCampaignPage> EditPage(CampaignDetails details, CampaignForm entered, FormErrors errors, InstrumentCatalogue catalogue)
    {
        var (instruments, units, smallTeams) = Choices(details.Organisation, catalogue);
        return Page<EditCampaignPage>(
            new { Campaign = details.Campaign, Instruments = instruments, Units = units, SmallTeams = smallTeams, Entered = entered, Errors = errors },
            errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    /// <summary>The campaign form as a request, with what could not be read (a date, a number, the way staff answer).</summary>
    private static (CampaignRequest Request, List<InputError> Reading) Read(CampaignForm form)
    {
        var reading = new List<InputError>();
        var request = new CampaignRequest(
            form.Title,
            form.Organiser,
            ReadDate(form.OpensOn, "opensOn", "The opening date must be a real date.", reading),
            ReadDate(form.ClosesOn, "closesOn", "The closing date must be a real date.", reading),
            (form.Instruments ?? []).Select(id => new InstrumentChoice(id, null)).ToList(),
            form.Units ?? [],
            ReadWholeNumber(form.ScoreThreshold, "scoreThreshold", reading),
            ReadWholeNumber(form.CommentThreshold, "commentThreshold", reading),
            ReadAccess(form.Access, reading));
        return (request, reading);
    }

    private static async Task<IResult> CreateAsync(
        [FromForm] CampaignForm? sent, CampaignService campaigns, InstrumentCatalogue catalogue, TimeProvider clock, CancellationToken ct)
    {
        // A post that names none of the form's fields maps to no form at all: it is an empty one.
        var form = sent ?? new CampaignForm();
        var (request, reading) = Read(form);
        var outcome = await campaigns.CreateAsync(request, reading, ct);
        return outcome.Status == OutcomeStatus.Done
            ? TypedResults.Redirect($"/workspace/campaigns/{outcome.Value!.Campaign.Id}")
            : await ListAsync(campaigns, catalogue, clock, form, outcome.Errors.ToFormErrors(Fields), ct);
    }

    private static async Task<IResult> EditAsync(
        string id, [FromForm] CampaignForm? sent, CampaignService campaigns, InstrumentCatalogue catalogue, CancellationToken ct)
    {
        var form = sent ?? new CampaignForm();
        var (request, reading) = Read(form);
        var outcome = await campaigns.EditDraftAsync(id, request, reading, ct);
        return outcome.Status switch
        {
            OutcomeStatus.Invalid when await campaigns.FindAsync(id, ct) is { } details => EditPage(details, form, outcome.Errors.ToFormErrors(Fields), catalogue),
            OutcomeStatus.NotFound => NotFound(id),
            // Saved, or opened meanwhile: the campaign as it now is.
            _ => TypedResults.Redirect($"/workspace/campaigns/{id}"),
        };
    }

    private static async Task<IResult> ShowAsync(
        string id, CampaignService campaigns, ResultsPublisher publisher, CampaignLinks links, InstrumentCatalogue catalogue, TimeProvider clock,
        CancellationToken ct)
    {
        if (await campaigns.FindAsync(id, ct) is not { } details)
        {
            return NotFound(id);
        }

        var (campaign, tree) = details;
        var today = clock.Today();
        return Page<CampaignPage>(new
        {
            Campaign = campaign,
            Today = today,
            Units = links.ToResponse(details).Units,
            Rates = await publisher.ResponseRatesAsync(campaign, ct),
            Questionnaires = campaign.Instruments
                .Select(i => $"{catalogue.Find(i.InstrumentId, i.Version)?.Title ?? i.InstrumentId} (version {i.Version.ToString(CultureInfo.InvariantCulture)})").ToList(),
            BelowThreshold = campaign.Units
                .Select(u => (Name: tree.Find(u.UnitId)?.Name ?? u.UnitId, Headcount: tree.HeadcountOf(u.UnitId)))
                .Where(u => u.Headcount is { } h && h < campaign.Thresholds.Scores)
                .Select(u => (u.Name, u.Headcount!.Value)).ToList(),
            Board = await publisher.CurrentDiagnosticAsync(ct),
            // Said while the campaign can still take padded answers; invitations-only campaigns have no shared link to pad through.
            SmallTeams = campaign.InvitationsOnly || CampaignRules.AcceptanceOn(campaign, today) == Acceptance.Closed
                ? []
                : SharedLinkRisk.SmallTeams(tree, campaign.Units.Select(u => u.UnitId), campaign.Thresholds.Scores),
        });
    }

    /// <summary>Asks before closing an open campaign early: closing cannot be undone.</summary>
    private static async Task<IResult> ConfirmCloseAsync(
        string id, CampaignService campaigns, ResultsPublisher publisher, TimeProvider clock, CancellationToken ct)
    {
        if (await campaigns.FindAsync(id, ct) is not { } details)
        {
            return NotFound(id);
        }

        var (campaign, _) = details;
        return campaign.Status == CampaignStatus.Open
            ? Page<CloseCampaignPage>(new { Campaign = campaign, Today = clock.Today(), Board = await publisher.CurrentDiagnosticAsync(ct) })
            : TypedResults.Redirect($"/workspace/campaigns/{id}");
    }

    /// <summary>
    /// Back to the campaign after opening or closing it. A campaign that had already changed (the button sent
    /// twice, say) is shown as it now is.
    /// </summary>
    private static IResult AfterChange(string id, Outcome<CampaignDetails> outcome) =>
        outcome.Status == OutcomeStatus.NotFound ? NotFound(id) : TypedResults.Redirect($"/workspace/campaigns/{id}");

    private static RazorComponentResult<CampaignNotFoundPage> NotFound(string id) => Page<CampaignNotFoundPage>(new { Id = id }, StatusCodes.Status404NotFound);

    public static string StatusText(Campaign campaign, DateOnly today) => CampaignRules.AcceptanceOn(campaign, today) switch
    {
        Acceptance.Accepting => "Open: accepting responses",
        Acceptance.Closed => campaign.ClosedOn is { } closed && closed < campaign.ClosesOn ? $"Closed early, on {Date(closed)}" : "Closed",
        _ => campaign.Status == CampaignStatus.Draft ? "Draft: not open yet" : "Open, from " + Date(campaign.OpensOn),
    };

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The radio "How staff answer": personal invitations, or (when not chosen) shared links.</summary>
    private static bool ReadAccess(string? access, List<InputError> reading)
    {
        switch (access?.Trim())
        {
            case null or "" or AccessByLinks:
                return false;
            case AccessByInvitations:
                return true;
            default:
                reading.Add(new InputError("access", "Choose how staff answer: shared links or personal invitations by e-mail."));
                return false;
        }
    }

    public const string AccessByLinks = "links";
    public const string AccessByInvitations = "invitations";

    /// <summary>A date input's value; empty is left to the service to call required.</summary>
    private static DateOnly? ReadDate(string? text, string field, string problem, List<InputError> reading)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        reading.Add(new InputError(field, problem));
        return null;
    }

    /// <summary>A number input's value; empty means the default, anything else must be a whole number.</summary>
    private static int? ReadWholeNumber(string? text, string field, List<InputError> reading)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        reading.Add(new InputError(field, "Enter a whole number."));
        return null;
    }
}
