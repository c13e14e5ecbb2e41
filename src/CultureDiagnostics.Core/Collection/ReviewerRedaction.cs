using System.Text.RegularExpressions;

namespace CultureDiagnostics.Core.Collection;

/// <summary>Where a comment stands in its review: only a published comment ever leaves the platform.</summary>
public enum CommentReview
{
    /// <summary>As received: nobody has reviewed it yet.</summary>
    Pending,

    Published,

    /// <summary>Kept back by the reviewer: never published.</summary>
    Withheld,
}

/// <summary>
/// What a reviewer may do to a comment's words: remove them, never add or change any. Each removal becomes one
/// fixed marker; the rest of the text is kept character for character, so a published comment is always the
/// respondent's own words with some taken out.
/// </summary>
public static partial class ReviewerRedaction
{
    public const string Marker = "[removed]";

    // A marker already in the text ("[removed]", "[name removed]"): removing part of one removes all of it.
    [GeneratedRegex(@"\[[^\[\]\n]{1,40}\]")]
    private static partial Regex MarkerPattern();

    /// <summary>Where <paramref name="phrase"/> occurs in <paramref name="text"/>, ignoring case; none if it does not.</summary>
    public static IReadOnlyList<TextSpan> Occurrences(string text, string phrase)
    {
        var found = new List<TextSpan>();
        var trimmed = phrase.Trim();
        if (trimmed.Length == 0)
        {
            return found;
        }

        for (var at = text.IndexOf(trimmed, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = text.IndexOf(trimmed, at + trimmed.Length, StringComparison.OrdinalIgnoreCase))
        {
            found.Add(new TextSpan(at, trimmed.Length));
        }

        return found;
    }

    /// <summary>Whether a span lies within the text and holds at least one character.</summary>
    public static bool Fits(string text, TextSpan span) => span.Start >= 0 && span.Length > 0 && span.End <= text.Length;

    /// <summary>
    /// The text with each span removed. A span is widened to whole words (removing "Sm" of "Smith" removes
    /// "Smith") and to any marker it touches; spans that meet, or have only spaces between them, become one
    /// marker, so the marker does not count the words taken out.
    /// </summary>
    public static string Remove(string text, IEnumerable<TextSpan> spans)
    {
        var markers = MarkerPattern().Matches(text).Select(m => new TextSpan(m.Index, m.Length)).ToList();
        var widened = spans
            .Where(s => Fits(text, s))
            .Select(s => Widen(text, s, markers))
            .OrderBy(s => s.Start)
            .ToList();

        var merged = new List<TextSpan>();
        foreach (var span in widened)
        {
            if (merged.Count > 0 && (merged[^1].End >= span.Start || string.IsNullOrWhiteSpace(text[merged[^1].End..span.Start])))
            {
                var last = merged[^1];
                merged[^1] = new TextSpan(last.Start, Math.Max(last.End, span.End) - last.Start);
            }
            else
            {
                merged.Add(span);
            }
        }

        return Redaction.Replace(text, merged, Marker);
    }

    private static TextSpan Widen(string text, TextSpan span, List<TextSpan> markers)
    {
        var (start, end) = (span.Start, span.End);
        while (start > 0 && IsWordCharacter(text[start - 1]) && IsWordCharacter(text[start]))
        {
            start--;
        }

        while (end < text.Length && IsWordCharacter(text[end - 1]) && IsWordCharacter(text[end]))
        {
            end++;
        }

        foreach (var marker in markers.Where(m => m.Overlaps(new TextSpan(start, end - start))))
        {
            (start, end) = (Math.Min(start, marker.Start), Math.Max(end, marker.End));
        }

        return new TextSpan(start, end - start);
    }

    private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || c is '\'' or '’' or '-';
}
