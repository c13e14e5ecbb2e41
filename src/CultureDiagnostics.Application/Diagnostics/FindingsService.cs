using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Data.Diagnostics;

namespace CultureDiagnostics.Application.Diagnostics;

/// <summary>A finding, as the JSON API receives it.</summary>
public sealed record FindingRequest(string? Source, string? Element, string? Kind, string? Evidence, DateOnly? Date);

/// <summary>
/// Coded findings from focus groups, board interviews, the leadership workforce analysis and patient
/// experience, once for the JSON API and the workspace pages: record and correct (with names, e-mail addresses, phone
/// and NHS numbers removed, as from comments), list and delete.
/// </summary>
public sealed class FindingsService(DiagnosticsStore store, TimeProvider clock)
{
    /// <summary>Newest first.</summary>
    public Task<IReadOnlyList<Finding>> AllAsync(CancellationToken ct = default) => store.FindingsAsync(ct);

    public Task<Finding?> FindAsync(string id, CancellationToken ct = default) => store.FindingAsync(id, ct);

    /// <param name="reading">Problems the caller found reading its input, reported with the rest.</param>
    public async Task<Outcome<Finding>> AddAsync(FindingRequest request, IReadOnlyList<InputError>? reading = null, CancellationToken ct = default)
    {
        if (Validate(request, reading) is { Count: > 0 } errors)
        {
            return Outcome.Invalid<Finding>(errors);
        }

        return Outcome.Done(await store.AddFindingAsync(request.Source!, request.Element!, request.Kind!, Redacted(request), request.Date!.Value, ct));
    }

    /// <summary>Corrects a finding: every field replaced, checked and redacted as when it was recorded; nothing is stored when there are errors.</summary>
    public async Task<Outcome<Finding>> UpdateAsync(string id, FindingRequest request, IReadOnlyList<InputError>? reading = null, CancellationToken ct = default)
    {
        if (await store.FindingAsync(id, ct) is null)
        {
            return Outcome.NotFound<Finding>($"No finding has the id '{id}'.");
        }

        if (Validate(request, reading) is { Count: > 0 } errors)
        {
            return Outcome.Invalid<Finding>(errors);
        }

        var finding = new Finding(id, request.Source!, request.Element!, request.Kind!, Redacted(request), request.Date!.Value);
        return await store.UpdateFindingAsync(finding, ct) ? Outcome.Done(finding) : Outcome.NotFound<Finding>($"No finding has the id '{id}'.");
    }

    private List<InputError> Validate(FindingRequest request, IReadOnlyList<InputError>? reading) =>
        InputErrors.Merge(reading, FindingRules.Validate(request.Source, request.Element, request.Kind, request.Evidence, request.Date, clock.Today())
            .Select(MetricsService.ToFieldError));

    /// <summary>Evidence from focus groups and interviews names people as comments do: it is redacted as comments are.</summary>
    private static string Redacted(FindingRequest request) => Redaction.Redact(request.Evidence!.Trim());

    /// <summary>False when no finding has the id.</summary>
    public Task<bool> DeleteAsync(string id, CancellationToken ct = default) => store.DeleteFindingAsync(id, ct);
}
