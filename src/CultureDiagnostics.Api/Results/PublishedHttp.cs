using CultureDiagnostics.Api.Infrastructure;

namespace CultureDiagnostics.Api.Results;

/// <summary>What the disclosure gate answers, as HTTP: the figures, or RFC 9457 problem details saying why there are none.</summary>
public static class PublishedHttp
{
    public static Results<Ok<T>, ProblemHttpResult> ToHttp<T>(this Published<T> published)
        where T : class =>
        published.Refusal is { } refusal ? Problem(refusal) : TypedResults.Ok(published.Value!);

    public static ProblemHttpResult Problem(Refusal refusal) => refusal.Reason == RefusalReason.NotPublishedYet
        ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: Publication.NotPublishedTitle, detail: refusal.Detail)
        : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: refusal.Detail);
}
