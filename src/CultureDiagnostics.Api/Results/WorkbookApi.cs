using CultureDiagnostics.Api.Infrastructure;
using CultureDiagnostics.Application;
using CultureDiagnostics.Application.Workbook;

namespace CultureDiagnostics.Api.Results;

/// <summary>The synthesis workbook of a closed campaign, for the change team and the board.</summary>
public static class WorkbookApi
{
    public static RouteGroupBuilder MapSynthesisWorkbook(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/campaigns/{id}").WithTags("Results").RequireAuthorization(Policies.Reader);
        group.MapGet("/synthesis.xlsx", GetAsync).Produces(StatusCodes.Status200OK, contentType: SynthesisWorkbook.ContentType);
        return group;
    }

    /// <summary>The workbook (id may be "latest" for the board's current diagnostic); 409 while the campaign still runs.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(
        string id, WorkbookService workbooks, Telemetry telemetry, CancellationToken cancellationToken)
    {
        var workbook = await workbooks.GatherAsync(id, cancellationToken);
        if (workbook.Refusal is { } refusal)
        {
            return PublishedHttp.Problem(refusal);
        }

        var bytes = SynthesisWorkbook.Write(workbook.Value!);
        telemetry.Exported(ExportFormat.Workbook, workbook.Value!.Campaign.Id);
        return TypedResults.File(bytes, SynthesisWorkbook.ContentType, SynthesisWorkbook.FileName(workbook.Value!));
    }
}
