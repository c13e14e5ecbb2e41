using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application.Organisation;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Data.Organisation;

namespace CultureDiagnostics.Api.Organisation;

public sealed record UnitResponse(string Code, string Name, string? ParentCode, int? Headcount, string Level, int Depth);

public sealed record ImportResponse(int Imported);

public sealed record StructureChangeResponse(DateOnly EffectiveOn, string Kind, string Summary);

/// <summary>JSON endpoints for the organisation structure: each reads the request, calls <see cref="StructureService"/> and maps its outcome.</summary>
public static class StructureApi
{
    private const int MaxUnitBodyBytes = 4 * 1024;

    public static RouteGroupBuilder MapStructure(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/units").WithTags("Organisation structure").RequireAuthorization(Policies.ChangeTeam);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync)
            .Accepts<UnitRequest>("application/json")
            .Produces<UnitResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        group.MapPut("/{code}", UpdateAsync)
            .Accepts<UnitUpdateRequest>("application/json")
            .Produces<UnitResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/changes", async (StructureService structure, CancellationToken ct) =>
                TypedResults.Ok((await structure.ChangesAsync(ct)).Select(Response).ToList()))
            .WithSummary("Every change to the structure, the latest to take effect first");
        group.MapPost("/changes", ReorganiseAsync)
            .WithSummary("Move, rename, retire, merge or split units from a date on; campaigns already opened keep their structure")
            .Accepts<StructureChangeRequest>("application/json")
            .Produces<StructureChangeResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        group.MapPost("/import", ImportAsync)
            .Accepts<string>("text/csv")
            .Produces<ImportResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return group;
    }

    /// <summary>The whole structure in tree order (each unit followed by its children), with level names: today's, or on the day asked.</summary>
    private static async Task<IResult> ListAsync(string? asOf, StructureService structure, CancellationToken ct)
    {
        if (asOf is null)
        {
            return TypedResults.Ok(ToResponses(await structure.TreeAsync(ct)));
        }

        return DateOnly.TryParseExact(asOf, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            ? TypedResults.Ok(ToResponses(await structure.TreeAsync(day, ct)))
            : Problems.Validation(new Dictionary<string, string[]> { ["asOf"] = ["The date must be written as yyyy-mm-dd, for example 2027-04-01."] });
    }

    private static StructureChangeResponse Response(RecordedChange change) =>
        new(change.EffectiveOn, change.Kind.ToString().ToLowerInvariant(), change.Summary);

    private static async Task<IResult> ReorganiseAsync(HttpContext context, StructureService structure, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<StructureChangeRequest>(context.Request, MaxUnitBodyBytes, ct);
        return problem ?? (await structure.ReorganiseAsync(request!, ct)).ToResult(change => TypedResults.Created("/api/units/changes", Response(change)));
    }

    private static List<UnitResponse> ToResponses(OrganisationTree tree) => tree.InTreeOrder()
        .Select(x => new UnitResponse(
            x.Unit.Code, x.Unit.Name, x.Unit.ParentId is null ? null : tree.Find(x.Unit.ParentId)?.Code, x.Unit.Headcount, tree.LevelOf(x.Unit.Id), x.Depth))
        .ToList();

    private static UnitResponse ResponseFor(OrganisationTree tree, string code) =>
        ToResponses(tree).Single(u => string.Equals(u.Code, code, StringComparison.OrdinalIgnoreCase));

    private static async Task<IResult> CreateAsync(HttpContext context, StructureService structure, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<UnitRequest>(context.Request, MaxUnitBodyBytes, ct);
        return problem ?? (await structure.AddUnitAsync(request!, ct)).ToResult(tree =>
        {
            var created = ResponseFor(tree, request!.Code!);
            return TypedResults.Created($"/api/units/{created.Code}", created);
        });
    }

    private static async Task<IResult> UpdateAsync(string code, HttpContext context, StructureService structure, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<UnitUpdateRequest>(context.Request, MaxUnitBodyBytes, ct);
        return problem ?? (await structure.ChangeUnitAsync(code, request!, ct: ct)).ToResult(tree => TypedResults.Ok(ResponseFor(tree, code)));
    }

    /// <summary>Imports a CSV structure: every bad row is reported and, if there is any, nothing is imported.</summary>
    private static async Task<IResult> ImportAsync(HttpContext context, StructureService structure, CancellationToken ct)
    {
        var (text, problem) = await JsonBody.ReadCsvTextAsync(context.Request, StructureService.MaxCsvBytes, ct);
        return problem ?? (await structure.ImportAsync(text!, ct)).ToResult(added => TypedResults.Created("/api/units", new ImportResponse(added)));
    }
}
