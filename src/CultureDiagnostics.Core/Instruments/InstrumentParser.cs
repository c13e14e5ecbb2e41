namespace CultureDiagnostics.Core.Instruments;

/// <summary>
/// Reads one instrument file (surveys/&lt;id&gt;.v&lt;version&gt;.json): its shape is checked against
/// surveys/instrument.schema.json (<see cref="SchemaCheck"/>), the rules a schema cannot state by
/// <see cref="InstrumentRules"/>, and every problem of both is reported, in the order of the file. Pure: the
/// caller supplies the file name and text.
/// </summary>
public static class InstrumentParser
{
    public const int DefaultTextMaxLength = 2000;

    public static InstrumentParseResult Parse(string fileName, string json)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(json);

        var errors = new ErrorSink(fileName);
        using var document = errors.ParseDocument(json);
        if (document is null)
        {
            return new InstrumentParseResult(null, null, errors.Errors);
        }

        var root = document.RootElement;
        var refused = errors.AddAll(SchemaCheck.Instrument.Check(root));
        new InstrumentRules(errors, refused).Check(root, fileName);
        if (errors.Any)
        {
            return new InstrumentParseResult(null, null, errors.InReadingOrder(root));
        }

        var instrument = InstrumentReader.Read(root);
        return new InstrumentParseResult(instrument, InstrumentFingerprint.Compute(instrument), []);
    }
}
