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

    /// <summary>Parses and checks the file; the catalogue is null when there is any problem, and every problem is reported.</summary>
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

        var root = JsonObjectReader.Open(document.RootElement, "$", errors, "$schema", "elements");
        if (root is null)
        {
            return new InterventionCatalogueResult(null, errors.Errors);
        }

        if (root.Has("$schema"))
        {
            root.String("$schema", required: false);
        }

        var all = new List<Intervention>();
        var elements = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (groupElement, groupPath) in root.Array("elements", required: true))
        {
            var group = JsonObjectReader.Open(groupElement, groupPath, errors, "element", "interventions");
            if (group is null)
            {
                continue;
            }

            var element = group.String("element", required: true);
            if (element is not null && CulturalFramework.FindElement(element) is null)
            {
                errors.Add(group.PathOf("element"),
                    $"'{element}' is not a cultural element: use one of {InstrumentParser.Quoted(CulturalFramework.Elements.Select(e => e.Id))}");
            }
            else if (element is not null && !elements.Add(element))
            {
                errors.Add(group.PathOf("element"), $"element '{element}' is listed more than once");
            }

            var entries = group.Array("interventions", required: true);
            if (group.HasArray("interventions") && entries.Count == 0)
            {
                errors.Add(group.PathOf("interventions"), "an element needs at least one intervention");
            }

            foreach (var (entry, path) in entries)
            {
                var reader = JsonObjectReader.Open(entry, path, errors, "id", "name", "description");
                var id = reader?.Id("id");
                var name = reader?.String("name", required: true);
                var description = reader?.String("description", required: true);
                if (id is not null && !ids.Add(id))
                {
                    errors.Add(reader!.PathOf("id"), $"duplicate intervention id '{id}'");
                }

                if (id is not null && element is not null && name is not null && description is not null)
                {
                    all.Add(new Intervention(id, element, name, description));
                }
            }
        }

        return errors.Any
            ? new InterventionCatalogueResult(null, errors.Errors)
            : new InterventionCatalogueResult(new InterventionCatalogue(all), []);
    }
}
