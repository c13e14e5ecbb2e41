using CultureDiagnostics.Application;

namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>A use case's outcome as an HTTP answer: the endpoint's own result when done, otherwise problem details.</summary>
public static class OutcomeResults
{
    public static IResult ToResult<T>(this Outcome<T> outcome, Func<T, IResult> done) => outcome.Status switch
    {
        OutcomeStatus.Done => done(outcome.Value!),
        OutcomeStatus.Invalid => Problems.Validation(outcome.ErrorsByKey()),
        OutcomeStatus.NotFound => Problems.NotFound(outcome.Detail!),
        _ => Problems.Conflict(outcome.Title!, outcome.Detail!),
    };
}
