namespace CultureDiagnostics.Api.Components.Forms;

/// <summary>One option of a drop-down list, a checkbox or a radio: the value sent, the words shown, and an optional detail beside them.</summary>
public sealed record Choice(string Value, string Text, string? Detail = null);
