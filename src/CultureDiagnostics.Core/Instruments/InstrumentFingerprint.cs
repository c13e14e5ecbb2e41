using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CultureDiagnostics.Core.Instruments;

/// <summary>
/// SHA-256 of a canonical form of a parsed instrument: reformatting the file leaves it unchanged,
/// any change of wording, scale, keying or structure changes it. Stored with the first response so
/// startup can refuse a published version whose file was edited afterwards.
/// </summary>
public static class InstrumentFingerprint
{
    // Changing the canonical form changes every fingerprint and would lock out every deployment
    // with responses: never change it, only ever add a new format tag.
    private const string Format = "culturediagnostics/instrument-fingerprint/1";

    public static string Compute(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var canonical = new Canonical();
        canonical.Text("format", Format);
        canonical.Text("id", instrument.Id);
        canonical.Number("version", instrument.Version);
        canonical.Text("title", instrument.Title);
        canonical.Text("introduction", instrument.Introduction);
        canonical.Number("estimatedMinutes", instrument.EstimatedMinutes);

        canonical.Number("scales", instrument.Scales.Count);
        foreach (var scale in instrument.Scales)
        {
            canonical.Text("scale", scale.Id);
            canonical.Text("notApplicable", scale.NotApplicableLabel);
            canonical.Number("points", scale.Points.Count);
            foreach (var point in scale.Points)
            {
                canonical.Number("value", point.Value);
                canonical.Text("label", point.Label);
            }
        }

        canonical.Number("constructs", instrument.Constructs.Count);
        foreach (var construct in instrument.Constructs)
        {
            canonical.Text("construct", construct.Id);
            canonical.Text("title", construct.Title);
            canonical.Text("kind", construct.Kind);
            canonical.Text("element", construct.Element);
            canonical.Text("description", construct.Description);
        }

        canonical.Number("sections", instrument.Sections.Count);
        foreach (var section in instrument.Sections)
        {
            canonical.Text("section", section.Id);
            canonical.Text("title", section.Title);
            canonical.Text("description", section.Description);
            canonical.Text("conditionItem", section.Condition?.Item);
            canonical.Text("conditionValue", section.Condition?.Value);
            canonical.Number("items", section.Items.Count);
            foreach (var item in section.Items)
            {
                canonical.Text("item", item.Id);
                canonical.Text("type", item.Type.ToString());
                canonical.Text("text", item.Text);
                canonical.Text("scale", item.Scale);
                canonical.Text("construct", item.Construct);
                canonical.Number("reverse", item.Reverse ? 1 : 0);
                canonical.Number("required", item.Required ? 1 : 0);
                canonical.Number("maxLength", item.MaxLength ?? 0);
                canonical.Options(item.Options);
            }
        }

        canonical.Number("demographics", instrument.Demographics.Count);
        foreach (var question in instrument.Demographics)
        {
            canonical.Text("demographic", question.Id);
            canonical.Text("text", question.Text);
            canonical.Options(question.Options);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>Length-prefixed fields, so no value can be confused with a delimiter.</summary>
    private sealed class Canonical
    {
        private readonly StringBuilder builder = new();

        public void Text(string name, string? value) =>
            builder.Append(name).Append('=')
                .Append(value is null ? "~" : string.Create(CultureInfo.InvariantCulture, $"{value.Length}:{value}"))
                .Append('\n');

        public void Number(string name, int value) =>
            builder.Append(name).Append('#').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');

        public void Options(IReadOnlyList<ChoiceOption> options)
        {
            Number("options", options.Count);
            foreach (var option in options)
            {
                Text("value", option.Value);
                Text("label", option.Label);
            }
        }

        public override string ToString() => builder.ToString();
    }
}
