using CultureDiagnostics.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace CultureDiagnostics.Api.Components.Forms;

/// <summary>
/// The text of a CSV file sent through a page's form: the chosen file, or else the rows pasted into the
/// text box. The field ids match <c>CsvUploadFields</c>.
/// </summary>
public static class UploadedCsv
{
    public const string FileField = "file";
    public const string PasteField = "csv";

    /// <summary>
    /// The endpoint that takes the form: a file up to <paramref name="maxBytes"/>. The request limit that lets such
    /// a file through the server (whose own default is smaller), and the page in words when one is larger, follow
    /// from this promise (RequestLimits.WithUploadLimits). Pasted rows alone may come URL-encoded, as a form
    /// without a file input sends them.
    /// </summary>
    public static RouteHandlerBuilder AcceptsCsvUpload(this RouteHandlerBuilder builder, int maxBytes) =>
        builder.WithFormOptions(multipartBodyLengthLimit: maxBytes)
            .Accepts<IFormFile>("multipart/form-data", "application/x-www-form-urlencoded");

    /// <summary>
    /// The count in "?imported=" after the redirect that follows an import, only as a number: the address bar
    /// is not the platform's to speak through, so any other text shows no notice at all.
    /// </summary>
    public static int? ImportedCount(string? imported) =>
        int.TryParse(imported, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) ? count : null;

    /// <summary>The text and the id of the field it came from, or the problem in words (and the field it is about).</summary>
    public static async Task<(string? Text, string Field, string? Problem)> ReadAsync(IFormFile? file, string? pasted, int maxBytes, CancellationToken ct)
    {
        if (file is { Length: > 0 })
        {
            if (file.Length > maxBytes)
            {
                return (null, FileField, $"The file is larger than {maxBytes / (1024 * 1024)} MB.");
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            return CsvText.Decode(buffer.ToArray()) is { } text
                ? (text, FileField, null)
                : (null, FileField, "The file is not UTF-8 text. Save it as 'CSV UTF-8' and try again.");
        }

        return string.IsNullOrWhiteSpace(pasted)
            ? (null, FileField, "Choose a CSV file or paste its rows.")
            : (CsvText.WithoutByteOrderMark(pasted), PasteField, null);
    }
}
