namespace CultureDiagnostics.Api.Components.Forms;

/// <summary>
/// The accessibility attributes of a field in the GOV.UK pattern, for fields other than <c>TextField</c>:
/// aria-invalid when it has an error, and aria-describedby naming its hint and its inline message.
/// </summary>
public static class FieldAria
{
    /// <summary>"true" when the field has an error; null leaves the attribute out.</summary>
    public static string? Invalid(FormErrors errors, string id) => errors.Has(id) ? "true" : null;

    public static string? DescribedBy(FormErrors errors, string id, bool hasHint)
    {
        var ids = new List<string>();
        if (hasHint)
        {
            ids.Add(id + "-hint");
        }

        if (errors.Has(id))
        {
            ids.Add(id + "-error");
        }

        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    /// <summary>The class of the block around a field: marked when the field has an error.</summary>
    public static string Block(FormErrors errors, string id) => errors.Has(id) ? "field field-invalid" : "field";
}
