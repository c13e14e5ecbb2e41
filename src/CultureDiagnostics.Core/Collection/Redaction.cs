using System.Text.RegularExpressions;

namespace CultureDiagnostics.Core.Collection;

/// <summary>
/// Removes what could identify a person from a free-text comment before it is stored: e-mail addresses, phone
/// numbers, NHS numbers (10 digits with a valid modulus-11 check digit) and names (<see cref="NameFinder"/>).
/// Respondents are told this happens and asked not to write names; a change-team member reviews every comment
/// before it is published (<see cref="CommentScreening"/> shows them what this may have missed).
/// </summary>
public static partial class Redaction
{
    public const string Email = "[e-mail removed]";
    public const string Phone = "[phone number removed]";
    public const string NhsNumber = "[NHS number removed]";
    public const string Name = "[name removed]";

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    // Ten digits, optionally grouped 3-3-4 with spaces or hyphens (how NHS numbers are written).
    [GeneratedRegex(@"(?<!\d)(\d{3})[ \-]?(\d{3})[ \-]?(\d{4})(?!\d)")]
    private static partial Regex TenDigitPattern();

    // UK numbers: +44 or 0, then 9 or 10 more digits, allowing spaces, hyphens and brackets.
    [GeneratedRegex(@"(?<![\d])(?:\+44\s?\(?0?\)?|\(?0)(?:[\s\-()]*\d){9,10}(?![\d])")]
    private static partial Regex PhonePattern();

    public static string Redact(string text)
    {
        var result = EmailPattern().Replace(text, Email);
        result = TenDigitPattern().Replace(result, m => IsValidNhsNumber(m.Groups[1].Value + m.Groups[2].Value + m.Groups[3].Value) ? NhsNumber : m.Value);
        result = PhonePattern().Replace(result, Phone);
        return Replace(result, NameFinder.Find(result), Name);
    }

    /// <summary>The NHS number check: weights 10..2 on the first nine digits, 11 − (sum mod 11) is the tenth (11 → 0; 10 is invalid).</summary>
    public static bool IsValidNhsNumber(string digits)
    {
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (10 - i);
        }

        var check = 11 - (sum % 11);
        check = check == 11 ? 0 : check;
        return check != 10 && check == digits[9] - '0';
    }

    /// <summary>The text with each span (in order, not overlapping) replaced by <paramref name="marker"/>.</summary>
    internal static string Replace(string text, IReadOnlyList<TextSpan> spans, string marker)
    {
        if (spans.Count == 0)
        {
            return text;
        }

        var result = new System.Text.StringBuilder(text.Length);
        var at = 0;
        foreach (var span in spans)
        {
            result.Append(text, at, span.Start - at).Append(marker);
            at = span.End;
        }

        return result.Append(text, at, text.Length - at).ToString();
    }
}

/// <summary>A run of characters of a comment: where it starts and how long it is.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public bool Overlaps(TextSpan other) => Start < other.End && other.Start < End;
}
