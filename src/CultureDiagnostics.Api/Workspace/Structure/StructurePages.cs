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
        group.MapGet("/", async (StructureService structure, string? imported, string? on, string? changed, CancellationToken ct) =>
            await ShowAsync(structure, UploadedCsv.ImportedCount(imported), FormErrors.None, null, ct, on, changed == "1" ? "The change is recorded: see it in the list of changes below." : null));
        group.MapPost("/import", ImportAsync).AcceptsCsvUpload(StructureService.MaxCsvBytes);
        group.MapGet("/units/{code}", async (string code, StructureService structure, CancellationToken ct) =>
            await EditAsync(code, structure, null, FormErrors.None, ct));
        group.MapPost("/units/{code}", UpdateAsync);
        group.MapPost("/units/{code}/changes", ReorganiseAsync);
        return routes;
    }

    private static async Task<IResult> ShowAsync(
        StructureService structure, int? imported, FormErrors errors, string? pasted, CancellationToken ct, string? on = null, string? changed = null)
    {
        var day = DateOnly.TryParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
        return Page<StructurePage>(new
            {
                Tree = day is { } asOf ? await structure.TreeAsync(asOf, ct) : await structure.TreeAsync(ct), On = day, Changes = await structure.ChangesAsync(ct),
                Today = structure.Today, Imported = imported, Errors = errors, Pasted = pasted, Changed = changed,
            },
            errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

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

    private static async Task<IResult> EditAsync(
        string code, StructureService structure, UnitForm? entered, FormErrors errors, CancellationToken ct, ReorganiseForm? change = null)
    {
        var tree = await structure.TreeAsync(ct);
        var unit = tree.Units.FirstOrDefault(u => string.Equals(u.Code, code, StringComparison.OrdinalIgnoreCase));
        return unit is null
            ? Page<UnitNotFoundPage>(new { Code = code }, StatusCodes.Status404NotFound)
            : Page<UnitPage>(new
            {
                Unit = unit,
                Tree = tree,
                Name = entered?.Name ?? unit.Name,
                Headcount = entered?.Headcount ?? unit.Headcount?.ToString(CultureInfo.InvariantCulture),
                Errors = errors,
                Change = change,
            }, errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    /// <summary>One of the unit page's reorganising forms, through <see cref="StructureService.ReorganiseAsync"/> as POST /api/units/changes does.</summary>
    private static async Task<IResult> ReorganiseAsync(string code, [AsParameters] ReorganiseForm form, StructureService structure, CancellationToken ct)
    {
        var kind = form.Kind is "move" or "rename" or "merge" or "split" or "retire" ? form.Kind : "move";
        var reading = new List<InputError>();
        var day = DateOnly.TryParseExact(form.EffectiveOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
        if (day is null && !string.IsNullOrWhiteSpace(form.EffectiveOn))
        {
            reading.Add(new InputError("effectiveOn", "Give the date as day, month and year (the date picker does)."));
        }

        int? Number(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            reading.Add(new InputError(field, "The headcount must be a whole number of 0 or more."));
            return null;
        }

        var request = new StructureChangeRequest(
            kind, day, code, [code, form.Other ?? ""], form.ParentCode, form.Name,
            new NewUnitRequest(form.NewCode, form.NewName, Number(form.NewHeadcount, "into")),
            [.. Enumerable.Range(1, 3).Select(i => form.Part(i)).Select(p => new NewUnitRequest(p.Code, p.Name, Number(p.Headcount, "parts")))]);
        var outcome = reading.Count > 0 ? Outcome.Invalid<Data.Organisation.RecordedChange>(reading) : await structure.ReorganiseAsync(request, ct);
        if (outcome.Status == OutcomeStatus.Done)
        {
            return TypedResults.Redirect("/workspace/structure?changed=1#changes");
        }

        var ids = new Dictionary<string, string>
        {
            ["effectiveOn"] = $"{kind}-effectiveOn", ["parentCode"] = $"{kind}-parentCode", ["name"] = $"{kind}-name", ["units"] = "merge-other",
            ["into"] = "merge-code", ["parts"] = "split-code-1", ["unit"] = $"{kind}-effectiveOn", ["kind"] = $"{kind}-effectiveOn",
        };
        var errors = new FormErrors();
        foreach (var error in outcome.Errors)
        {
            var id = ids.GetValueOrDefault(error.Field, $"{kind}-effectiveOn");
            if (!errors.For(id).Contains(error.Message))
            {
                errors.Add(id, error.Message);
            }
        }

        return await EditAsync(code, structure, null, errors, ct, form with { Kind = kind });
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

/// <summary>One of a unit's reorganising forms as posted, as typed (<see cref="ReorganiseForms"/>).</summary>
public sealed record ReorganiseForm(
    [FromForm] string? Kind, [FromForm] string? EffectiveOn, [FromForm] string? ParentCode, [FromForm] string? Name, [FromForm] string? Other,
    [FromForm] string? NewCode, [FromForm] string? NewName, [FromForm] string? NewHeadcount,
    [FromForm] string? Part1Code, [FromForm] string? Part1Name, [FromForm] string? Part1Headcount,
    [FromForm] string? Part2Code, [FromForm] string? Part2Name, [FromForm] string? Part2Headcount,
    [FromForm] string? Part3Code, [FromForm] string? Part3Name, [FromForm] string? Part3Headcount)
{
    public (string? Code, string? Name, string? Headcount) Part(int part) => part switch
    {
        1 => (Part1Code, Part1Name, Part1Headcount),
        2 => (Part2Code, Part2Name, Part2Headcount),
        _ => (Part3Code, Part3Name, Part3Headcount),
    };
}
