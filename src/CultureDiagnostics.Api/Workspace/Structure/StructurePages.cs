using System.Globalization;
using System.Text;
using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Api.Organisation;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Data.Organisation;
using static CultureDiagnostics.Api.Workspace.Html;

namespace CultureDiagnostics.Api.Workspace;

/// <summary>The organisation structure: the tree, CSV import (the same rules as POST /api/units/import) and editing a unit.</summary>
public static class StructurePages
{
    private const int MaxCsvBytes = 2 * 1024 * 1024;

    public static IEndpointRouteBuilder MapStructurePages(this IEndpointRouteBuilder routes)
    {
        var group = routes.Pages("/workspace/structure", Policies.ChangeTeam);
        group.MapGet("/", async (HttpContext context, UnitStore units, string? imported, CancellationToken ct) =>
            await ShowAsync(context, units, imported is null ? null : $"Imported {imported} units.", null, ct));
        group.MapPost("/import", ImportAsync).WithFormOptions(multipartBodyLengthLimit: MaxCsvBytes);
        group.MapGet("/units/{code}", async (string code, HttpContext context, UnitStore units, CancellationToken ct) =>
            await EditAsync(code, context, units, null, null, ct));
        group.MapPost("/units/{code}", UpdateAsync);
        return routes;
    }

    private static async Task<ContentHttpResult> ShowAsync(HttpContext context, UnitStore units, string? notice, IReadOnlyDictionary<string, string[]>? errors, CancellationToken ct, string? csv = null)
    {
        var tree = new OrganisationTree(await units.AllAsync(ct));
        var rows = tree.InTreeOrder().Select(x =>
            $"<tr><td class=\"depth-{Math.Min(x.Depth, 4)}\">{E(x.Unit.Name)}</td><td>{E(x.Unit.Code)}</td><td>{E(tree.LevelOf(x.Unit.Id))}</td>"
            + $"<td class=\"num\">{(x.Unit.Headcount is { } h ? I(h) : "–")}</td><td class=\"num\">{(tree.HeadcountOf(x.Unit.Id) is { } t ? I(t) : "–")}</td>"
            + $"<td><a href=\"/workspace/structure/units/{Uri.EscapeDataString(x.Unit.Code)}\">Edit<span class=\"visually-hidden\"> {E(x.Unit.Name)}</span></a></td></tr>");
        var table = tree.Units.Count == 0
            ? "<p>No units yet: import the structure below.</p>"
            : $"""
              <div class="table-wrap"><table>
              <caption>{I(tree.Units.Count)} units, in tree order</caption>
              <thead><tr><th scope="col">Unit</th><th scope="col">Code</th><th scope="col">Level</th><th scope="col" class="num">Own headcount</th><th scope="col" class="num">Headcount with sub-units</th><th scope="col">Change</th></tr></thead>
              <tbody>{string.Concat(rows)}</tbody></table></div>
              """;
        var body = $"""
            <h1>Organisation structure</h1>
            {Notice(notice)}
            {Errors(errors)}
            {table}
            <h2 id="import">Import units from a CSV file</h2>
            <p>Columns <code>code,name,parent_code,headcount</code> (headcount optional). New units are added to the existing structure.
            Every row with a problem is listed, and nothing is imported until all rows are right.</p>
            {Form(context, "/workspace/structure/import", $"""
                <label for="file">CSV file</label>
                <span class="hint" id="file-hint">Saved as CSV UTF-8, at most 2 MB.</span>
                <input type="file" id="file" name="file" accept=".csv,text/csv" aria-describedby="file-hint">
                <label for="csv">Or paste the rows</label>
                <textarea id="csv" name="csv" rows="6">{E(csv)}</textarea>
                <div><button type="submit">Import</button></div>
                """, multipart: true)}
            """;
        return Layout.Result(context, "Organisation structure", body, errors is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ImportAsync(HttpContext context, IFormCollection form, UnitStore units, CancellationToken ct)
    {
        string text;
        var pasted = form["csv"].ToString();
        if (form.Files.GetFile("file") is { Length: > 0 } file)
        {
            if (file.Length > MaxCsvBytes)
            {
                return await ShowAsync(context, units, null, Single("file", "The file is larger than 2 MB."), ct);
            }

            using var reader = new MemoryStream();
            await file.CopyToAsync(reader, ct);
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(reader.ToArray());
            }
            catch (DecoderFallbackException)
            {
                return await ShowAsync(context, units, null, Single("file", "The file is not UTF-8 text. Save it as 'CSV UTF-8' and try again."), ct);
            }
        }
        else if (!string.IsNullOrWhiteSpace(pasted))
        {
            text = pasted;
        }
        else
        {
            return await ShowAsync(context, units, null, Single("file", "Choose a CSV file or paste its rows."), ct);
        }

        var (proposed, rows, parseErrors) = StructureCsv.Read(text);
        var errors = parseErrors.Concat(StructureRules.ValidateImport(proposed, await units.AllAsync(ct), rows)).ToList();
        if (proposed.Count == 0 && errors.Count == 0)
        {
            errors.Add(new StructureError(2, "row", "The file has a header but no units."));
        }

        if (errors.Count > 0)
        {
            var grouped = errors.GroupBy(e => e.Row is { } r ? $"Row {r.ToString(CultureInfo.InvariantCulture)}, {e.Field}" : e.Field)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
            return await ShowAsync(context, units, null, grouped, ct, pasted);
        }

        var added = await units.AddAsync(proposed, ct);
        return TypedResults.Redirect($"/workspace/structure?imported={added.Count}");
    }

    private static async Task<IResult> EditAsync(string code, HttpContext context, UnitStore units, IReadOnlyDictionary<string, string[]>? errors, (string Name, string Headcount)? entered, CancellationToken ct)
    {
        var unit = (await units.AllAsync(ct)).FirstOrDefault(u => string.Equals(u.Code, code, StringComparison.OrdinalIgnoreCase));
        if (unit is null)
        {
            return Layout.Result(context, "Not found", $"<h1>Not found</h1><p>No unit has the code {E(code)}. <a href=\"/workspace/structure\">Back to the structure</a>.</p>", StatusCodes.Status404NotFound);
        }

        var name = entered?.Name ?? unit.Name;
        var headcount = entered?.Headcount ?? (unit.Headcount is { } h ? I(h) : "");
        var body = $"""
            <p><a href="/workspace/structure">Back to the structure</a></p>
            <h1>Change {E(unit.Name)}</h1>
            {Errors(errors)}
            {Form(context, $"/workspace/structure/units/{Uri.EscapeDataString(unit.Code)}", $"""
                <label for="name">Name</label>
                <input type="text" id="name" name="name" required value="{E(name)}">
                <label for="headcount">Headcount</label>
                <span class="hint" id="headcount-hint">Staff in this unit itself, not its sub-units; leave empty if unknown. Used for response rates.</span>
                <input type="number" id="headcount" name="headcount" min="0" step="1" inputmode="numeric" aria-describedby="headcount-hint" value="{E(headcount)}">
                <div><button type="submit">Save</button></div>
                """)}
            """;
        return Layout.Result(context, "Change " + unit.Name, body, errors is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> UpdateAsync(string code, HttpContext context, IFormCollection form, UnitStore units, CancellationToken ct)
    {
        var name = form["name"].ToString().Trim();
        var headcountText = form["headcount"].ToString().Trim();
        int? headcount = null;
        var errors = new Dictionary<string, string[]>();
        if (headcountText.Length > 0)
        {
            if (int.TryParse(headcountText, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                headcount = value;
            }
            else
            {
                errors["headcount"] = ["The headcount must be a whole number of 0 or more."];
            }
        }

        foreach (var error in StructureRules.ValidateUnit(new ProposedUnit(code, name, null, headcount), null).Where(e => e.Field != "code"))
        {
            errors[error.Field] = [.. errors.GetValueOrDefault(error.Field) ?? [], error.Message];
        }

        if (errors.Count > 0)
        {
            return await EditAsync(code, context, units, errors, (name, headcountText), ct);
        }

        return await units.UpdateAsync(code, name, headcount, ct)
            ? TypedResults.Redirect("/workspace/structure")
            : await EditAsync(code, context, units, null, null, ct);
    }

    private static Dictionary<string, string[]> Single(string field, string message) => new() { [field] = [message] };
}
