using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace CultureDiagnostics.Api.Infrastructure;

/// <summary>
/// Reads a JSON request body with a size limit and turns every way it can be wrong (too large, not
/// JSON, wrong types, unknown fields) into a problem-details response naming the field.
/// </summary>
public static class JsonBody
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 16,
    };

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.UnsupportedMediaType("application/json"));
        }

        var (bytes, tooLarge) = await ReadLimitedAsync(request, maxBytes, cancellationToken);
        if (tooLarge)
        {
            return (null, Problems.TooLarge(maxBytes));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, Options);
            return value is null
                ? (null, Problems.Validation("body", "The request body must be a JSON object."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var field = FieldName(ex.Path);
            var message = ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"The field '{field}' is not recognised."
                : ex.Path is null or "$"
                    ? $"The body is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1})."
                    : $"The field '{field}' has the wrong type or is malformed (line {ex.LineNumber + 1}).";
            return (null, Problems.Validation(field, message));
        }
    }

    /// <summary>Reads at most <paramref name="maxBytes"/>; reports when the body is longer, without reading it all.</summary>
    /// <summary>
    /// Reads an uploaded CSV file: text/csv, at most maxBytes, UTF-8. Returns the text, or the problem to answer with.
    /// </summary>
    public static async Task<(string? Text, IResult? Problem)> ReadCsvTextAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.UnsupportedMediaType("text/csv"));
        }

        var (bytes, tooLarge) = await ReadLimitedAsync(request, maxBytes, cancellationToken);
        if (tooLarge)
        {
            return (null, Problems.TooLarge(maxBytes));
        }

        return CsvText.Decode(bytes) is { } text
            ? (text, null)
            : (null, Problems.Validation("body", "The file is not UTF-8 text. Save it as 'CSV UTF-8' and try again."));
    }

    public static async Task<(byte[] Bytes, bool TooLarge)> ReadLimitedAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return ([], true);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + 1L;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes)
                {
                    return ([], true);
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ([], true);
        }

        return (buffer.ToArray(), false);
    }

    private static string FieldName(string? jsonPath) =>
        jsonPath is null or "$" ? "body" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
}
