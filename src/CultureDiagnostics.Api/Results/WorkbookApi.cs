using CultureDiagnostics.Api.Infrastructure;
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

    /// <summary>The workbook (id may be "latest" for the most recently closed campaign); 409 while the campaign still runs.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(string id, WorkbookService workbooks, CancellationToken cancellationToken) =>
        await workbooks.GatherAsync(id, cancellationToken) switch
        {
            WorkbookRequest.Ready ready => TypedResults.File(SynthesisWorkbook.Write(ready.Content), SynthesisWorkbook.ContentType, SynthesisWorkbook.FileName(ready.Content)),
            WorkbookRequest.NotPublished notYet => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: Publication.NotPublishedTitle, detail: notYet.Detail),
            WorkbookRequest.NoSuchCampaign missing => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: missing.Detail),
            _ => throw new InvalidOperationException("Unknown workbook request outcome."),
        };
}
