namespace CultureDiagnostics.Core.Collection;

/// <summary>A value as the respondent's device sent it, before it is checked against the question.</summary>
public abstract record SubmittedValue
{
    public sealed record Number(decimal Value) : SubmittedValue;

    public sealed record Text(string Value) : SubmittedValue;

    /// <summary>Anything else (true, an object, an array, null): always wrong.</summary>
    public sealed record Other(string Kind) : SubmittedValue;
}

public sealed record SubmittedAnswer(string? Instrument, string? Item, SubmittedValue? Value);

public sealed record SubmittedComment(string? Instrument, string? Item, string? Text);

public sealed record SubmittedDemographic(string? Question, string? Value);

/// <summary>Everything a respondent sends, in the order sent, unchecked.</summary>
public sealed record Submission(
    IReadOnlyList<SubmittedAnswer> Answers,
    IReadOnlyList<SubmittedComment> Comments,
    IReadOnlyList<SubmittedDemographic> Demographics);

/// <summary>An answer ready to store: a scale value, a choice, or "not applicable".</summary>
public sealed record AcceptedAnswer(string InstrumentId, string ItemId, int? Value, string? Choice, bool NotApplicable);

public sealed record AcceptedComment(string InstrumentId, string ItemId, string Text);

public sealed record AcceptedDemographic(string QuestionId, string Value);

public sealed record AcceptedSubmission(
    IReadOnlyList<AcceptedAnswer> Answers,
    IReadOnlyList<AcceptedComment> Comments,
    IReadOnlyList<AcceptedDemographic> Demographics);
