namespace CultureDiagnostics.Application;

/// <summary>
/// One problem with the input of a use case: the field it is about (as the JSON request names it), what is
/// wrong in words, and for an imported file the line (<see cref="Row"/>, header = 1) or for a list the
/// position (<see cref="Index"/>). JSON endpoints key problem details by <see cref="Key"/>; pages link the
/// message to the form field that <see cref="Field"/> belongs to.
/// </summary>
public sealed record InputError(string Field, string Message, int? Row = null, int? Index = null)
{
    /// <summary>"title", "units[1]" or "row 3: headcount".</summary>
    public string Key => Row is { } row ? $"row {row}: {Field}" : Index is { } index ? $"{Field}[{index}]" : Field;
}

/// <summary>How a use case ended.</summary>
public enum OutcomeStatus
{
    Done,
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>
/// What a use case answers: its value when done, or every problem with the input (nothing was stored), or
/// that the thing is not there, or that it cannot change this way now (a title and a detail in words).
/// </summary>
public sealed class Outcome<T>
{
    internal Outcome(OutcomeStatus status, T? value, IReadOnlyList<InputError> errors, string? title, string? detail)
    {
        Status = status;
        Value = value;
        Errors = errors;
        Title = title;
        Detail = detail;
    }

    public OutcomeStatus Status { get; }

    public T? Value { get; }

    public IReadOnlyList<InputError> Errors { get; }

    public string? Title { get; }

    public string? Detail { get; }

    /// <summary>The errors keyed as problem details name them, several messages per key in order.</summary>
    public Dictionary<string, string[]> ErrorsByKey() =>
        Errors.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
}

/// <summary>The ways to end a use case, each making its <see cref="Outcome{T}"/>.</summary>
public static class Outcome
{
    public static Outcome<T> Done<T>(T value) => new(OutcomeStatus.Done, value, [], null, null);

    public static Outcome<T> Invalid<T>(IEnumerable<InputError> errors) => new(OutcomeStatus.Invalid, default, errors.ToList(), null, null);

    public static Outcome<T> NotFound<T>(string detail) => new(OutcomeStatus.NotFound, default, [], "Not found.", detail);

    public static Outcome<T> Conflict<T>(string title, string detail) => new(OutcomeStatus.Conflict, default, [], title, detail);
}

/// <summary>Validation shared by the use cases.</summary>
public static class InputErrors
{
    /// <summary>
    /// The problems an adapter found reading the input (a number that is not a number, a date that is not a
    /// date) come first; a rule's error on the same field would only repeat them, so it is dropped.
    /// </summary>
    public static List<InputError> Merge(IReadOnlyList<InputError>? reading, IEnumerable<InputError> rules)
    {
        var merged = reading?.ToList() ?? [];
        merged.AddRange(rules.Where(e => merged.All(r => r.Field != e.Field)));
        return merged;
    }

    /// <summary>A validation dictionary keyed by field name (as the Core rules return it) as field errors.</summary>
    public static IEnumerable<InputError> From(IReadOnlyDictionary<string, string[]> errors) =>
        errors.SelectMany(e => e.Value.Select(message => new InputError(e.Key, message)));
}
