using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Organisation;

namespace CultureDiagnostics.Api.Campaigns;

public sealed record InstrumentChoice(string? Id, int? Version);

public sealed record CampaignRequest(
    string? Title,
    string? Organiser,
    DateOnly? OpensOn,
    DateOnly? ClosesOn,
    List<InstrumentChoice>? Instruments,
    List<string>? Units,
    int? ScoreThreshold,
    int? CommentThreshold,
    bool? InvitationsOnly);

public sealed record InvitationsRequest(string? Unit, int? Count);

public sealed record InvitationResponse(string Token, string Link);

public sealed record InvitationsResponse(string Unit, IReadOnlyList<InvitationResponse> Invitations);

public sealed record ThresholdsRequest(int? ScoreThreshold, int? CommentThreshold);

public sealed record CampaignInstrumentResponse(string Id, int Version, string Title);

public sealed record CampaignUnitResponse(string Code, string Name, string AccessCode, string Link);

public sealed record CampaignResponse(
    string Id,
    string Title,
    string Organiser,
    DateOnly OpensOn,
    DateOnly ClosesOn,
    string Status,
    bool AcceptingResponses,
    int ScoreThreshold,
    int CommentThreshold,
    bool InvitationsOnly,
    IReadOnlyList<CampaignInstrumentResponse> Instruments,
    IReadOnlyList<CampaignUnitResponse> Units);

public static class CampaignsApi
{
    private const int MaxBodyBytes = 256 * 1024;

    public static RouteGroupBuilder MapCampaigns(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/campaigns").WithTags("Campaigns").RequireAuthorization(Policies.ChangeTeam);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync).Produces<CampaignResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync)
            .Accepts<CampaignRequest>("application/json")
            .Produces<CampaignResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        group.MapPost("/{id}/open", (string id, CampaignStore store, CampaignLinks links, UnitStore units, TimeProvider clock, CancellationToken ct) =>
                ChangeStatusAsync(id, CampaignStatus.Draft, CampaignStatus.Open, store, links, units, clock, ct))
            .Produces<CampaignResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/close", (string id, CampaignStore store, CampaignLinks links, UnitStore units, TimeProvider clock, CancellationToken ct) =>
                ChangeStatusAsync(id, CampaignStatus.Open, CampaignStatus.Closed, store, links, units, clock, ct))
            .Produces<CampaignResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/invitations", IssueInvitationsAsync)
            .Accepts<InvitationsRequest>("application/json")
            .Produces<InvitationsResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id}/thresholds", ChangeThresholdsAsync)
            .Accepts<ThresholdsRequest>("application/json")
            .Produces<CampaignResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Ok<List<CampaignResponse>>> ListAsync(
        CampaignStore store, CampaignLinks links, UnitStore units, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tree = new OrganisationTree(await units.AllAsync(cancellationToken));
        var campaigns = await store.AllAsync(cancellationToken);
        return TypedResults.Ok(campaigns.Select(c => links.ToResponse(c, tree, Today(clock))).ToList());
    }

    private static async Task<IResult> GetAsync(
        string id, CampaignStore store, CampaignLinks links, UnitStore units, TimeProvider clock, CancellationToken cancellationToken)
    {
        var campaign = await store.FindAsync(id, cancellationToken);
        if (campaign is null)
        {
            return Problems.NotFound($"No campaign has the id '{id}'.");
        }

        var tree = new OrganisationTree(await units.AllAsync(cancellationToken));
        return TypedResults.Ok(links.ToResponse(campaign, tree, Today(clock)));
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, CampaignStore store, UnitStore units, InstrumentCatalogue catalogue, CampaignLinks links,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync<CampaignRequest>(context.Request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = CampaignRules.Validate(request!.Title, request.OpensOn, request.ClosesOn, request.ScoreThreshold,
            request.CommentThreshold, request.Instruments?.Count ?? 0, request.Units?.Count ?? 0);
        if (request.Organiser is { Length: > CampaignRules.MaxTitleLength })
        {
            errors["organiser"] = [$"The organiser must be at most {CampaignRules.MaxTitleLength} characters."];
        }

        var instruments = new List<(CampaignInstrument, string)>();
        for (var i = 0; i < (request.Instruments?.Count ?? 0); i++)
        {
            var choice = request.Instruments![i];
            var instrument = choice.Id is null ? null
                : choice.Version is { } version ? catalogue.Find(choice.Id, version) : catalogue.Latest(choice.Id);
            if (instrument is null)
            {
                errors[$"instruments[{i}]"] = [choice.Id is null
                    ? "The instrument id is required."
                    : $"No instrument '{choice.Id}'{(choice.Version is null ? "" : $" version {choice.Version}")} is in the surveys folder."];
            }
            else if (instruments.Any(x => x.Item1.InstrumentId == instrument.Id))
            {
                errors[$"instruments[{i}]"] = [$"The instrument '{instrument.Id}' is listed twice."];
            }
            else
            {
                instruments.Add((new CampaignInstrument(instrument.Id, instrument.Version), catalogue.FingerprintOf(instrument.Id, instrument.Version)));
            }
        }

        var tree = new OrganisationTree(await units.AllAsync(cancellationToken));
        var byCode = tree.Units.ToDictionary(u => u.Code, StringComparer.OrdinalIgnoreCase);
        var unitIds = new List<string>();
        for (var i = 0; i < (request.Units?.Count ?? 0); i++)
        {
            var code = request.Units![i];
            if (code is null || !byCode.TryGetValue(code, out var unit))
            {
                errors[$"units[{i}]"] = [$"No unit has the code '{code}'."];
            }
            else if (unitIds.Contains(unit.Id))
            {
                errors[$"units[{i}]"] = [$"The unit '{code}' is listed twice."];
            }
            else
            {
                unitIds.Add(unit.Id);
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var thresholds = new DisclosureThresholds(
            request.ScoreThreshold ?? DisclosureThresholds.DefaultScores, request.CommentThreshold ?? DisclosureThresholds.DefaultComments);
        var organiser = string.IsNullOrWhiteSpace(request.Organiser) ? "The change team" : request.Organiser.Trim();
        var campaign = await store.CreateAsync(
            new NewCampaign(request.Title!.Trim(), organiser, request.OpensOn!.Value, request.ClosesOn!.Value, thresholds, instruments, unitIds,
                request.InvitationsOnly ?? false),
            cancellationToken);
        return TypedResults.Created($"/api/campaigns/{campaign.Id}", links.ToResponse(campaign, tree, Today(clock)));
    }

    private static async Task<IResult> ChangeStatusAsync(
        string id, CampaignStatus from, CampaignStatus to, CampaignStore store, CampaignLinks links, UnitStore units,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var campaign = await store.FindAsync(id, cancellationToken);
        if (campaign is null)
        {
            return Problems.NotFound($"No campaign has the id '{id}'.");
        }

        if (!await store.ChangeStatusAsync(id, from, to, cancellationToken))
        {
            return Problems.Conflict("The campaign cannot change this way.",
                $"The campaign is {campaign.Status.ToString().ToLowerInvariant()}; only a {from.ToString().ToLowerInvariant()} campaign can become {to.ToString().ToLowerInvariant()}.");
        }

        var tree = new OrganisationTree(await units.AllAsync(cancellationToken));
        return TypedResults.Ok(links.ToResponse((await store.FindAsync(id, cancellationToken))!, tree, Today(clock)));
    }

    private static async Task<IResult> ChangeThresholdsAsync(
        string id, HttpContext context, CampaignStore store, CampaignLinks links, UnitStore units, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync<ThresholdsRequest>(context.Request, 1024, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (request!.ScoreThreshold is not >= DisclosureThresholds.Minimum)
        {
            errors["scoreThreshold"] = [$"The score threshold is required and must be at least {DisclosureThresholds.Minimum}."];
        }

        if (request.CommentThreshold is not >= DisclosureThresholds.Minimum)
        {
            errors["commentThreshold"] = [$"The comment threshold is required and must be at least {DisclosureThresholds.Minimum}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var campaign = await store.FindAsync(id, cancellationToken);
        if (campaign is null)
        {
            return Problems.NotFound($"No campaign has the id '{id}'.");
        }

        if (!await store.ChangeThresholdsAsync(id, new DisclosureThresholds(request.ScoreThreshold!.Value, request.CommentThreshold!.Value), cancellationToken))
        {
            return Problems.Conflict("The thresholds are fixed.",
                "The thresholds are fixed once a campaign opens, so nobody can lower them after seeing who has answered.");
        }

        var tree = new OrganisationTree(await units.AllAsync(cancellationToken));
        return TypedResults.Ok(links.ToResponse((await store.FindAsync(id, cancellationToken))!, tree, Today(clock)));
    }

    public const int MaxInvitationsPerRequest = 5000;

    /// <summary>Single-use invitations for one unit of an invitations-only campaign. The tokens are shown once.</summary>
    private static async Task<IResult> IssueInvitationsAsync(
        string id, HttpContext context, CampaignStore store, UnitStore units, CampaignLinks links, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync<InvitationsRequest>(context.Request, 1024, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var campaign = await store.FindAsync(id, cancellationToken);
        if (campaign is null)
        {
            return Problems.NotFound($"No campaign has the id '{id}'.");
        }

        var tree = new OrganisationTree(await units.AllAsync(cancellationToken));
        var unit = tree.Units.FirstOrDefault(u => string.Equals(u.Code, request!.Unit, StringComparison.OrdinalIgnoreCase));
        var errors = new Dictionary<string, string[]>();
        if (unit is null || campaign.Units.All(u => u.UnitId != unit.Id))
        {
            errors["unit"] = [$"The unit '{request!.Unit}' is not part of this campaign."];
        }

        if (request!.Count is not (>= 1 and <= MaxInvitationsPerRequest))
        {
            errors["count"] = [$"The count must be a whole number from 1 to {MaxInvitationsPerRequest}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (!campaign.InvitationsOnly)
        {
            return Problems.Conflict("This campaign uses shared links.",
                "Invitations are for campaigns created with invitationsOnly: every unit's shared link already lets its staff answer.");
        }

        var tokens = await store.IssueInvitationsAsync(campaign.Id, unit!.Id, request.Count!.Value, cancellationToken);
        return TypedResults.Created($"/api/campaigns/{id}", new InvitationsResponse(
            unit.Code, tokens.Select(t => new InvitationResponse(t, links.RespondentLink(t))).ToList()));
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
