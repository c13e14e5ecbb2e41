using System.Globalization;
using CultureDiagnostics.Api.Components.Forms;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application;
using CultureDiagnostics.Application.Organisation;
using Microsoft.AspNetCore.Mvc;
using static CultureDiagnostics.Api.Components.PageResults;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>
/// The organisation structure: the tree, CSV import and changing a unit, through <see cref="StructureService"/>
/// as POST /api/units/import and PUT /api/units/{code} do.
/// </summary>
public static class StructurePages
{
    private static readonly FormField[] UnitFields =
    [
        new("name", "name"),
        new("headcount", "headcount", "The headcount must be a whole number of 0 or more."),
    ];

    public static IEndpointRouteBuilder MapStructurePages(this IEndpointRouteBuilder routes)
    {
        var group = routes.Pages("/workspace/structure", Policies.ChangeTeam).RequireAntiforgeryToken();
        group.MapGet("/", async (StructureService structure, string? imported, CancellationToken ct) =>
            await ShowAsync(structure, UploadedCsv.ImportedCount(imported), FormErrors.None, null, ct));
        group.MapPost("/import", ImportAsync).AcceptsCsvUpload(StructureService.MaxCsvBytes);
        group.MapGet("/units/{code}", async (string code, StructureService structure, CancellationToken ct) =>
            await EditAsync(code, structure, null, FormErrors.None, ct));
        group.MapPost("/units/{code}", UpdateAsync);
        return routes;
    }

    private static async Task<IResult> ShowAsync(StructureService structure, int? imported, FormErrors errors, string? pasted, CancellationToken ct) =>
        Page<StructurePage>(new { Tree = await structure.TreeAsync(ct), Imported = imported, Errors = errors, Pasted = pasted },
            errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);

    private static async Task<IResult> ImportAsync(IFormFile? file, [FromForm] string? csv, StructureService structure, CancellationToken ct)
    {
        var (text, field, problem) = await UploadedCsv.ReadAsync(file, csv, StructureService.MaxCsvBytes, ct);
        if (problem is not null)
        {
            return await ShowAsync(structure, null, new FormErrors().Add(field, problem), csv, ct);
        }

        var outcome = await structure.ImportAsync(text!, ct);
        return outcome.Status == OutcomeStatus.Done
            ? TypedResults.Redirect($"/workspace/structure?imported={outcome.Value.ToString(CultureInfo.InvariantCulture)}")
            : await ShowAsync(structure, null, outcome.Errors.ToFormErrors([], file: field), csv, ct);
    }

    private static async Task<IResult> EditAsync(string code, StructureService structure, UnitForm? entered, FormErrors errors, CancellationToken ct)
    {
        var unit = (await structure.TreeAsync(ct)).Units.FirstOrDefault(u => string.Equals(u.Code, code, StringComparison.OrdinalIgnoreCase));
        return unit is null
            ? Page<UnitNotFoundPage>(new { Code = code }, StatusCodes.Status404NotFound)
            : Page<UnitPage>(new
            {
                Unit = unit,
                Name = entered?.Name ?? unit.Name,
                Headcount = entered?.Headcount ?? unit.Headcount?.ToString(CultureInfo.InvariantCulture),
                Errors = errors,
            }, errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> UpdateAsync(string code, [AsParameters] UnitForm form, StructureService structure, CancellationToken ct)
    {
        var reading = new List<InputError>();
        int? headcount = null;
        if (!string.IsNullOrWhiteSpace(form.Headcount))
        {
            if (int.TryParse(form.Headcount.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                headcount = value;
            }
            else
            {
                reading.Add(new InputError("headcount", "The headcount must be a whole number of 0 or more."));
            }
        }

        var outcome = await structure.ChangeUnitAsync(code, new UnitUpdateRequest(form.Name, headcount), reading, ct);
        return outcome.Status switch
        {
            OutcomeStatus.Done => TypedResults.Redirect("/workspace/structure"),
            OutcomeStatus.Invalid => await EditAsync(code, structure, form, outcome.Errors.ToFormErrors(UnitFields), ct),
            _ => await EditAsync(code, structure, null, FormErrors.None, ct),
        };
    }
}

/// <summary>The change-a-unit form as posted, as typed.</summary>
public sealed record UnitForm([FromForm] string? Name, [FromForm] string? Headcount);
