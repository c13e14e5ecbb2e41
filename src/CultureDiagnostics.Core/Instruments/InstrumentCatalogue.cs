namespace CultureDiagnostics.Core.Instruments;

/// <summary>Every instrument version found in the survey files, with its fingerprint.</summary>
public sealed class InstrumentCatalogue
{
    private readonly Dictionary<(string Id, int Version), (Instrument Instrument, string Fingerprint)> versions;

    private InstrumentCatalogue(IEnumerable<(Instrument Instrument, string Fingerprint)> entries)
    {
        versions = entries.ToDictionary(e => (e.Instrument.Id, e.Instrument.Version));
        All = versions.Values
            .Select(v => v.Instrument)
            .OrderBy(i => i.Id, StringComparer.Ordinal)
            .ThenBy(i => i.Version)
            .ToList();
    }

    /// <summary>Every instrument version, ordered by id then version.</summary>
    public IReadOnlyList<Instrument> All { get; }

    public Instrument? Find(string id, int version) =>
        versions.TryGetValue((id, version), out var entry) ? entry.Instrument : null;

    public Instrument? Latest(string id) =>
        All.Where(i => i.Id == id).MaxBy(i => i.Version);

    public string FingerprintOf(string id, int version) =>
        versions.TryGetValue((id, version), out var entry)
            ? entry.Fingerprint
            : throw new KeyNotFoundException($"No instrument '{id}' version {version} in the catalogue.");

    /// <summary>
    /// Parses every file and checks the rules that span files. The catalogue is null when any file
    /// has a problem: a half-loaded set of instruments is never served.
    /// </summary>
    public static InstrumentCatalogueResult Build(IEnumerable<(string FileName, string Json)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var errors = new List<InstrumentError>();
        var parsed = new List<(string File, Instrument Instrument, string Fingerprint)>();
        foreach (var (fileName, json) in files)
        {
            var result = InstrumentParser.Parse(fileName, json);
            errors.AddRange(result.Errors);
            if (result.Instrument is not null && result.Fingerprint is not null)
            {
                parsed.Add((fileName, result.Instrument, result.Fingerprint));
            }
        }

        errors.AddRange(DuplicateVersions(parsed));
        errors.AddRange(InconsistentDemographics(parsed));
        return errors.Count > 0
            ? new InstrumentCatalogueResult(null, errors)
            : new InstrumentCatalogueResult(new InstrumentCatalogue(parsed.Select(p => (p.Instrument, p.Fingerprint))), []);
    }

    private static IEnumerable<InstrumentError> DuplicateVersions(List<(string File, Instrument Instrument, string Fingerprint)> parsed)
    {
        var first = new Dictionary<(string, int), string>();
        foreach (var (file, instrument, _) in parsed)
        {
            if (first.TryGetValue((instrument.Id, instrument.Version), out var earlier))
            {
                yield return new InstrumentError(file, "$",
                    $"instrument '{instrument.Id}' version {instrument.Version} is also defined in '{earlier}'");
            }
            else
            {
                first[(instrument.Id, instrument.Version)] = file;
            }
        }
    }

    /// <summary>A demographic shared by instruments is one question: its answers are compared across them.</summary>
    private static IEnumerable<InstrumentError> InconsistentDemographics(List<(string File, Instrument Instrument, string Fingerprint)> parsed)
    {
        var first = new Dictionary<string, (string File, DemographicQuestion Question)>(StringComparer.Ordinal);
        foreach (var (file, instrument, _) in parsed)
        {
            for (var i = 0; i < instrument.Demographics.Count; i++)
            {
                var question = instrument.Demographics[i];
                if (!first.TryGetValue(question.Id, out var earlier))
                {
                    first[question.Id] = (file, question);
                }
                else if (!earlier.Question.Options.SequenceEqual(question.Options))
                {
                    yield return new InstrumentError(file, $"$.demographics[{i}].options",
                        $"demographic question '{question.Id}' has different options from the one in '{earlier.File}': " +
                        "a demographic question shared between instruments must have identical options");
                }
            }
        }
    }
}
