using System.Text.Json;
using CultureDiagnostics.Core.Instruments;

namespace CultureDiagnostics.Core.Framework;

/// <summary>An evidence-based intervention a change team can choose in Phase 2 (Design) for an element to develop.</summary>
public sealed record Intervention(string Id, string Element, string Name, string Description);

public sealed record InterventionCatalogueResult(InterventionCatalogue? Catalogue, IReadOnlyList<InstrumentError> Errors);

/// <summary>The Phase 2 catalogue (surveys/interventions.json), grouped by cultural element.</summary>
public sealed class InterventionCatalogue
{
    private InterventionCatalogue(IReadOnlyList<Intervention> all) => All = all;

    /// <summary>Every intervention, in file order (elements in the order the file lists them).</summary>
    public IReadOnlyList<Intervention> All { get; }

    public IReadOnlyList<Intervention> ForElement(string elementId) => All.Where(i => i.Element == elementId).ToList();

    public Intervention? Find(string id) => All.FirstOrDefault(i => i.Id == id);

    /// <summary>
    /// Parses the file, checked against surveys/interventions.schema.json and, beyond the schema, for an
    /// element listed twice and intervention ids used twice. The catalogue is null when there is any
    /// problem, and every problem is reported.
    /// </summary>
    public static InterventionCatalogueResult Parse(string fileName, string json)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(json);

        var errors = new ErrorSink(fileName);
        using var document = errors.ParseDocument(json);
        if (document is null)
        {
            return new InterventionCatalogueResult(null, errors.Errors);
        }

        var root = document.RootElement;
        var refused = errors.AddAll(SchemaCheck.Interventions.Check(root));
        var all = new List<Intervention>();
        var elements = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (group, groupPath) in Entries(root, JsonLocation.Root, "elements"))
        {
            var element = Text(group, groupPath, "element", refused);
            if (element is not null && !elements.Add(element))
            {
                errors.Add(JsonLocation.Child(groupPath, "element"), $"element '{element}' is listed more than once");
            }

            foreach (var (entry, path) in Entries(group, groupPath, "interventions"))
            {
                var id = Text(entry, path, "id", refused);
                if (id is not null && !ids.Add(id))
                {
                    errors.Add(JsonLocation.Child(path, "id"), $"duplicate intervention id '{id}'");
                }

                if (id is not null && element is not null && Text(entry, path, "name", refused) is { } name && Text(entry, path, "description", refused) is { } description)
                {
                    all.Add(new Intervention(id, element, name, description));
                }
            }
        }

        return errors.Any
            ? new InterventionCatalogueResult(null, errors.InReadingOrder(root))
            : new InterventionCatalogueResult(new InterventionCatalogue(all), []);
    }

    private static IEnumerable<(JsonElement Value, string Path)> Entries(JsonElement owner, string ownerPath, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select((e, i) => (e, JsonLocation.Index(JsonLocation.Child(ownerPath, name), i)))
            : [];

    /// <summary>A string the schema accepted, or null.</summary>
    private static string? Text(JsonElement owner, string ownerPath, string name, IReadOnlySet<string> refused) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && !refused.Contains(JsonLocation.Child(ownerPath, name))
            ? value.GetString()
            : null;
}
