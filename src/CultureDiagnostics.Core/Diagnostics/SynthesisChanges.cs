namespace CultureDiagnostics.Core.Diagnostics;

/// <summary>
/// One change to the synthesis: a conclusion (element and source) or, with no source, the change team's judgement of
/// the element. <see cref="Before"/> is what the person saw when they started, <see cref="After"/> what they want;
/// empty or null is none (no conclusion, or following the evidence).
/// </summary>
public sealed record SynthesisChange(string Element, string? Source, string? Before, string? After);

/// <summary>How the synthesis's texts are kept and compared: trimmed, one kind of line break, and null for blank.</summary>
public static class SynthesisText
{
    public static string Normal(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    public static string? OrNull(string? text) => text is null || Normal(text) is not { Length: > 0 } normal ? null : normal;
}
