namespace CultureDiagnostics.Core.Instruments;

/// <summary>One problem in a survey file: the file, the JSON path of the offending value and what is wrong.</summary>
public sealed record InstrumentError(string File, string Path, string Message)
{
    public override string ToString() => $"{File}: {Path}: {Message}";
}

public sealed record InstrumentParseResult(Instrument? Instrument, string? Fingerprint, IReadOnlyList<InstrumentError> Errors);

public sealed record InstrumentCatalogueResult(InstrumentCatalogue? Catalogue, IReadOnlyList<InstrumentError> Errors);
