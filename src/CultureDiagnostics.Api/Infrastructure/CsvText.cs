using System.Text;

namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>
/// The text of an uploaded CSV file. Excel's "CSV UTF-8", which the pages ask for, begins with a byte-order mark; it
/// marks the encoding and is not part of the first column's name, so it is dropped here, once, for every import.
/// </summary>
public static class CsvText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file as text without its byte-order mark, or null when it is not UTF-8.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes)
    {
        var preamble = Encoding.UTF8.Preamble;
        if (bytes.StartsWith(preamble))
        {
            bytes = bytes[preamble.Length..];
        }

        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Rows pasted into a page's text box, without a byte-order mark copied along with them.</summary>
    public static string WithoutByteOrderMark(string text) => text.TrimStart('\uFEFF');
}
