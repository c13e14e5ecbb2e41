using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Data.Diagnostics;

namespace CultureDiagnostics.Application.Diagnostics;

/// <summary>A finding, as the JSON API receives it.</summary>
public sealed record FindingRequest(string? Source, string? Element, string? Kind, string? Evidence, DateOnly? Date);

/// <summary>
/// Coded findings from focus groups, board interviews, the leadership workforce analysis and patient
/// experience, once for the JSON API and the workspace pages: record (with names, e-mail addresses, phone and NHS
/// numbers removed, as from comments), list and delete.
/// </summary>
public sealed class FindingsService(DiagnosticsStore store, TimeProvider clock)
{
    /// <summary>Newest first.</summary>
    public Task<IReadOnlyList<Finding>> AllAsync(CancellationToken ct = default) => store.FindingsAsync(ct);

    /// <param name="reading">Problems the caller found reading its input, reported with the rest.</param>
    public async Task<Outcome<Finding>> AddAsync(FindingRequest request, IReadOnlyList<InputError>? reading = null, CancellationToken ct = default)
    {
        var errors = InputErrors.Merge(reading, FindingRules.Validate(request.Source, request.Element, request.Kind, request.Evidence, request.Date, clock.Today())
            .Select(MetricsService.ToFieldError));
        if (errors.Count > 0)
        {
            return Outcome.Invalid<Finding>(errors);
        }

        // Evidence from focus groups and interviews names people as comments do: it is redacted as comments are.
        return Outcome.Done(await store.AddFindingAsync(request.Source!, request.Element!, request.Kind!, Redaction.Redact(request.Evidence!.Trim()), request.Date!.Value, ct));
    }

    /// <summary>False when no finding has the id.</summary>
    public Task<bool> DeleteAsync(string id, CancellationToken ct = default) => store.DeleteFindingAsync(id, ct);
}
