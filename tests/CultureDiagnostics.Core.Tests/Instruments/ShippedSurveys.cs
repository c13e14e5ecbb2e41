using CultureDiagnostics.Core.Instruments;

namespace CultureDiagnostics.Core.Tests.Instruments;

/// <summary>The real surveys/ folder, copied beside the test assembly by the csproj.</summary>
internal static class ShippedSurveys
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "surveys");

    public static IReadOnlyList<(string FileName, string Json)> InstrumentFiles() =>
        System.IO.Directory.GetFiles(Directory, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal) && Path.GetFileName(f) != "interventions.json")
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
            .ToList();

    public static InstrumentCatalogue Catalogue()
    {
        var result = InstrumentCatalogue.Build(InstrumentFiles());
        Assert.Empty(result.Errors);
        return result.Catalogue!;
    }

    public static Instrument Instrument(string id) => Catalogue().Find(id, 1) ?? throw new InvalidOperationException($"{id} v1 is not shipped");
}
