using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Core.Instruments;

namespace CultureDiagnostics.Data.Surveys;

/// <summary>The only place that reads the surveys/ folder; everything it reads is checked by the pure core.</summary>
public static class SurveyFolder
{
    public const string InterventionsFileName = "interventions.json";

    /// <summary>Loads every instrument file (*.json except schemas and the interventions catalogue).</summary>
    public static InstrumentCatalogueResult Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            return new InstrumentCatalogueResult(null, [new InstrumentError(directory, "$", $"survey folder '{Path.GetFullPath(directory)}' does not exist")]);
        }

        var files = Directory.EnumerateFiles(directory, "*.json", SearchOption.TopDirectoryOnly)
            .Where(IsInstrumentFile)
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path)))
            .ToList();
        if (files.Count == 0)
        {
            return new InstrumentCatalogueResult(null, [new InstrumentError(directory, "$", "no instrument files (<id>.v<version>.json) found")]);
        }

        return InstrumentCatalogue.Build(files);
    }

    /// <summary>The instruments of the folder, for a host or command to serve; throws, listing every problem, when any file is not valid.</summary>
    public static InstrumentCatalogue Catalogue(string directory)
    {
        var result = Load(directory);
        return result.Catalogue is not null && result.Errors.Count == 0
            ? result.Catalogue
            : throw new SurveyFolderException($"The instrument files in {directory} are not valid; fix them (or run 'culture validate-surveys'):", result.Errors);
    }

    /// <summary>The folder's intervention catalogue; throws, listing every problem, when it is missing or not valid.</summary>
    public static InterventionCatalogue Interventions(string directory)
    {
        var result = LoadInterventions(directory);
        return result.Catalogue ?? throw new SurveyFolderException($"The intervention catalogue in {directory} is not valid; fix it (or run 'culture validate-surveys'):", result.Errors);
    }

    /// <summary>Loads the Phase 2 intervention catalogue, &lt;directory&gt;/interventions.json.</summary>
    public static InterventionCatalogueResult LoadInterventions(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var path = Path.Combine(directory, InterventionsFileName);
        if (!File.Exists(path))
        {
            return new InterventionCatalogueResult(null, [new InstrumentError(path, "$", $"intervention catalogue '{Path.GetFullPath(path)}' does not exist")]);
        }

        return InterventionCatalogue.Parse(InterventionsFileName, File.ReadAllText(path));
    }

    private static bool IsInstrumentFile(string path)
    {
        var name = Path.GetFileName(path);
        return !name.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(name, InterventionsFileName, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>A survey folder that cannot be served; <see cref="Errors"/> names each file, place and problem.</summary>
public sealed class SurveyFolderException(string summary, IReadOnlyList<InstrumentError> errors)
    : InvalidOperationException(summary + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<InstrumentError> Errors { get; } = errors;
}
