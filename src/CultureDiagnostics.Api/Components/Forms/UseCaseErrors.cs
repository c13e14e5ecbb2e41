using CultureDiagnostics.Application;

namespace CultureDiagnostics.Api.Components.Forms;

/// <summary>
/// A field of a page's form as the use case names it (<see cref="Field"/>, the JSON name) and as the page
/// shows it: the id an error links to and, where the use case's words would not suit the form (they name
/// values an API client sends), the message people read instead.
/// </summary>
public sealed record FormField(string Field, string Id, string? Message = null);

/// <summary>A use case's field errors as the errors of the page's form: in the form's order, each linked to its field.</summary>
public static class UseCaseErrors
{
    /// <param name="fields">The form's fields in the order they appear.</param>
    /// <param name="file">The id of the field that held an imported file, for the errors of its rows.</param>
    public static FormErrors ToFormErrors(this IEnumerable<InputError> errors, IReadOnlyList<FormField> fields, string? file = null)
    {
        var result = new FormErrors();
        var ordered = errors
            .Select(e => (Error: e, Position: e.Row is null ? IndexOf(fields, e.Field) : -1))
            .OrderBy(x => x.Position >= 0 ? x.Position : int.MaxValue)
            .ThenBy(x => x.Error.Row ?? 0);
        foreach (var (error, position) in ordered)
        {
            var field = position >= 0 ? fields[position] : null;
            var id = field?.Id ?? file ?? error.Field;
            var message = error.Row is { } row ? $"Row {row}, {error.Field}: {error.Message}" : field?.Message ?? error.Message;
            if (!result.For(id).Contains(message))
            {
                result.Add(id, message);
            }
        }

        return result;
    }

    private static int IndexOf(IReadOnlyList<FormField> fields, string field)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Field == field)
            {
                return i;
            }
        }

        return -1;
    }
}
