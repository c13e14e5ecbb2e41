namespace CultureDiagnostics.Api.Components.Forms;

/// <summary>
/// The problems with a posted form, in the order of its fields: each names the id of the field it is
/// about (the id an error summary links to) and says in words what to do. Never a property name.
/// </summary>
public sealed class FormErrors
{
    private readonly List<(string Field, string Message)> _errors = [];

    public static FormErrors None { get; } = new();

    public bool Any => _errors.Count > 0;

    public IReadOnlyList<(string Field, string Message)> All => _errors;

    public FormErrors Add(string field, string message)
    {
        _errors.Add((field, message));
        return this;
    }

    /// <summary>
    /// From the application layer's validation result (keyed by the JSON names the API uses), ordered as
    /// <paramref name="fieldOrder"/> lists the form's fields; keys map to field ids through <paramref name="fieldIds"/>
    /// when the form names a field differently.
    /// </summary>
    public static FormErrors From(IReadOnlyDictionary<string, string[]> errors, IReadOnlyList<string> fieldOrder, IReadOnlyDictionary<string, string>? fieldIds = null)
    {
        var result = new FormErrors();
        var ordered = errors.OrderBy(e => fieldOrder.IndexOf(e.Key) is var i and >= 0 ? i : int.MaxValue).ThenBy(e => e.Key, StringComparer.Ordinal);
        foreach (var (key, messages) in ordered)
        {
            var id = fieldIds is not null && fieldIds.TryGetValue(key, out var mapped) ? mapped : key;
            foreach (var message in messages)
            {
                result.Add(id, message);
            }
        }

        return result;
    }

    public IReadOnlyList<string> For(string field) => _errors.Where(e => e.Field == field).Select(e => e.Message).ToList();

    public bool Has(string field) => _errors.Any(e => e.Field == field);
}

internal static class ListExtensions
{
    public static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
