using System.Text;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Data.Organisation;

namespace CultureDiagnostics.Api.Organisation;

public sealed record UnitRequest(string? Code, string? Name, string? ParentCode, int? Headcount);

public sealed record UnitUpdateRequest(string? Name, int? Headcount);

public sealed record UnitResponse(string Code, string Name, string? ParentCode, int? Headcount, string Level, int Depth);

public sealed record ImportResponse(int Imported);

public static class StructureApi
{
    private const int MaxUnitBodyBytes = 4 * 1024;
    private const int MaxCsvBytes = 2 * 1024 * 1024;

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
        group.MapPost("/import", ImportAsync)
            .Accepts<string>("text/csv")
            .Produces<ImportResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return group;
    }

    /// <summary>The whole structure in tree order (each unit followed by its children), with level names.</summary>
    private static async Task<Ok<List<UnitResponse>>> ListAsync(UnitStore units, CancellationToken cancellationToken)
    {
        var tree = new OrganisationTree(await units.AllAsync(cancellationToken));
        return TypedResults.Ok(ToResponses(tree));
    }

    public static List<UnitResponse> ToResponses(OrganisationTree tree) => tree.InTreeOrder()
        .Select(x => new UnitResponse(
            x.Unit.Code, x.Unit.Name, x.Unit.ParentId is null ? null : tree.Find(x.Unit.ParentId)?.Code, x.Unit.Headcount, tree.LevelOf(x.Unit.Id), x.Depth))
        .ToList();

    private static async Task<IResult> CreateAsync(HttpContext context, UnitStore units, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync<UnitRequest>(context.Request, MaxUnitBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var proposed = new ProposedUnit(request!.Code ?? "", request.Name ?? "", string.IsNullOrWhiteSpace(request.ParentCode) ? null : request.ParentCode, request.Headcount);
        var existing = await units.AllAsync(cancellationToken);
        var errors = StructureRules.ValidateImport([proposed], existing, null);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors.GroupBy(e => ApiField(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        }

        await units.AddAsync([proposed], cancellationToken);
        var tree = new OrganisationTree(await units.AllAsync(cancellationToken));
        var created = ToResponses(tree).Single(u => u.Code == proposed.Code);
        return TypedResults.Created($"/api/units/{created.Code}", created);
    }

    private static async Task<IResult> UpdateAsync(string code, HttpContext context, UnitStore units, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync<UnitUpdateRequest>(context.Request, MaxUnitBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = StructureRules.ValidateUnit(new ProposedUnit(code, request!.Name ?? "", null, request.Headcount), null)
            .Where(e => e.Field != "code")
            .GroupBy(e => ApiField(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (!await units.UpdateAsync(code, request.Name!, request.Headcount, cancellationToken))
        {
            return Problems.NotFound($"No unit has the code '{code}'.");
        }

        var tree = new OrganisationTree(await units.AllAsync(cancellationToken));
        return TypedResults.Ok(ToResponses(tree).Single(u => u.Code == code));
    }

    /// <summary>Imports a CSV structure: every bad row is reported and, if there is any, nothing is imported.</summary>
    private static async Task<IResult> ImportAsync(HttpContext context, UnitStore units, CancellationToken cancellationToken)
    {
        var (text, problem) = await JsonBody.ReadCsvTextAsync(context.Request, MaxCsvBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (proposed, rows, parseErrors) = StructureCsv.Read(text!);
        var errors = parseErrors.Concat(StructureRules.ValidateImport(proposed, await units.AllAsync(cancellationToken), rows)).ToList();
        if (proposed.Count == 0 && errors.Count == 0)
        {
            errors.Add(new StructureError(2, "row", "The file has a header but no units."));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors
                .GroupBy(e => $"row {e.Row}: {e.Field}")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        }

        var added = await units.AddAsync(proposed, cancellationToken);
        return TypedResults.Created("/api/units", new ImportResponse(added.Count));
    }

    private static string ApiField(string field) => field == "parent_code" ? "parentCode" : field;
}
