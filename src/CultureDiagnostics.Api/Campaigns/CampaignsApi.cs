using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application.Campaigns;

namespace CultureDiagnostics.Api.Campaigns;

public sealed record InvitationResponse(string Token, string Link);

public sealed record InvitationsResponse(string Unit, IReadOnlyList<InvitationResponse> Invitations);

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
    IReadOnlyList<CampaignUnitResponse> Units,
    DateOnly? ClosedOn);

/// <summary>JSON endpoints for survey campaigns: each reads the request, calls <see cref="CampaignService"/> and maps its outcome.</summary>
public static class CampaignsApi
{
    /// <summary>What printed invitations allow, said wherever they are offered (the API's description, the invitations page).</summary>
    public const string PrintedInvitationsWarning =
        "Printed invitations return their tokens to whoever asks, so that they can be printed and handed out. Whoever hands them out "
        + "could keep spare ones and answer with them, padding a team with made-up answers: once results are published, subtracting "
        + "those answers can reveal what a few real people said. They also know which card went to whom. Use them only for staff "
        + "without e-mail; invite everyone else by e-mail (POST /api/campaigns/{id}/invitees), where nobody but the person sees their link.";

    private const int MaxBodyBytes = 256 * 1024;
    private const int MaxSmallBodyBytes = 1024;

    public static RouteGroupBuilder MapCampaigns(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/campaigns").WithTags("Campaigns").RequireAuthorization(Policies.ChangeTeam);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync).Produces<CampaignResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync)
            .Accepts<CampaignRequest>("application/json")
            .Produces<CampaignResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        group.MapPut("/{id}", EditDraftAsync)
            .WithSummary("Change a draft campaign: everything it was created with (teams it keeps keep their links)")
            .Accepts<CampaignRequest>("application/json")
            .Produces<CampaignResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id}", async (string id, CampaignService campaigns, CancellationToken ct) =>
                (await campaigns.DeleteDraftAsync(id, ct)).ToResult(_ => TypedResults.NoContent()))
            .WithSummary("Delete a draft campaign; one that has opened is never deleted")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/open", async (string id, CampaignService campaigns, CampaignLinks links, CancellationToken ct) =>
                (await campaigns.OpenAsync(id, ct)).ToResult(c => TypedResults.Ok(links.ToResponse(c))))
            .Produces<CampaignResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/close", async (string id, CampaignService campaigns, CampaignLinks links, CancellationToken ct) =>
                (await campaigns.CloseAsync(id, ct)).ToResult(c => TypedResults.Ok(links.ToResponse(c))))
            .Produces<CampaignResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/board", async (string id, CampaignService campaigns, CampaignLinks links, CancellationToken ct) =>
                (await campaigns.ChooseForBoardAsync(id, ct)).ToResult(c => TypedResults.Ok(links.ToResponse(c))))
            .WithSummary("Make a closed campaign the board's current diagnostic (its dashboard, the synthesis and the workbook's 'latest')")
            .Produces<CampaignResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/invitations", IssueInvitationsAsync)
            .WithSummary("Issue printed invitations (the tokens are returned): for staff without e-mail only")
            .WithDescription(PrintedInvitationsWarning)
            .Accepts<InvitationsRequest>("application/json")
            .Produces<InvitationsResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id}/thresholds", ChangeThresholdsAsync)
            .Accepts<ThresholdsRequest>("application/json")
            .Produces<CampaignResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapInvitationMail();
        return group;
    }

    private static async Task<Ok<List<CampaignResponse>>> ListAsync(CampaignService campaigns, CampaignLinks links, CancellationToken ct) =>
        TypedResults.Ok((await campaigns.AllAsync(ct)).Select(links.ToResponse).ToList());

    private static async Task<IResult> GetAsync(string id, CampaignService campaigns, CampaignLinks links, CancellationToken ct) =>
        await campaigns.FindAsync(id, ct) is { } details
            ? TypedResults.Ok(links.ToResponse(details))
            : Problems.NotFound($"No campaign has the id '{id}'.");

    private static async Task<IResult> CreateAsync(HttpContext context, CampaignService campaigns, CampaignLinks links, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<CampaignRequest>(context.Request, MaxBodyBytes, ct);
        return problem ?? (await campaigns.CreateAsync(request!, ct: ct))
            .ToResult(c => TypedResults.Created($"/api/campaigns/{c.Campaign.Id}", links.ToResponse(c)));
    }

    private static async Task<IResult> EditDraftAsync(string id, HttpContext context, CampaignService campaigns, CampaignLinks links, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<CampaignRequest>(context.Request, MaxBodyBytes, ct);
        return problem ?? (await campaigns.EditDraftAsync(id, request!, ct: ct)).ToResult(c => TypedResults.Ok(links.ToResponse(c)));
    }

    private static async Task<IResult> ChangeThresholdsAsync(string id, HttpContext context, CampaignService campaigns, CampaignLinks links, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<ThresholdsRequest>(context.Request, MaxSmallBodyBytes, ct);
        return problem ?? (await campaigns.ChangeThresholdsAsync(id, request!, ct)).ToResult(c => TypedResults.Ok(links.ToResponse(c)));
    }

    /// <summary>Single-use invitations for one unit of an invitations-only campaign. The tokens are shown once.</summary>
    private static async Task<IResult> IssueInvitationsAsync(string id, HttpContext context, CampaignService campaigns, CampaignLinks links, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<InvitationsRequest>(context.Request, MaxSmallBodyBytes, ct);
        return problem ?? (await campaigns.IssueInvitationsAsync(id, request!, ct)).ToResult(issued => TypedResults.Created($"/api/campaigns/{id}",
            new InvitationsResponse(issued.UnitCode, issued.Tokens.Select(t => new InvitationResponse(t, links.RespondentLink(t))).ToList())));
    }
}
