using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CultureDiagnostics.Core.Instruments;

/// <summary>
/// Places in a JSON document, written as authors read them: "$.sections[0].items[2].text" (a JSON path),
/// from the JSON pointers ("/sections/0/items/2/text") the schema library reports.
/// </summary>
internal static partial class JsonLocation
{
    public const string Root = "$";

    public static string Child(string path, string name) => SimpleName().IsMatch(name) ? $"{path}.{name}" : $"{path}['{name}']";

    public static string Index(string path, int index) => $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>The value a JSON pointer names, or an undefined element when there is none.</summary>
    public static JsonElement Find(JsonElement document, string pointer)
    {
        var node = document;
        foreach (var segment in Segments(pointer))
        {
            if (node.ValueKind == JsonValueKind.Array
                && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < node.GetArrayLength())
            {
                node = node[index];
            }
            else if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(segment, out var child))
            {
                node = child;
            }
            else
            {
                return default;
            }
        }

        return node;
    }

    /// <summary>A JSON pointer into <paramref name="document"/> as a JSON path.</summary>
    public static string Words(JsonElement document, string pointer)
    {
        var path = Root;
        var node = document;
        foreach (var segment in Segments(pointer))
        {
            if (node.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                path = Index(path, index);
                node = index < node.GetArrayLength() ? node[index] : default;
            }
            else
            {
                path = Child(path, segment);
                node = node.ValueKind == JsonValueKind.Object && node.TryGetProperty(segment, out var child) ? child : default;
            }
        }

        return path;
    }

    /// <summary>The name of the property a pointer ends in (the array's name for an entry of one), as messages quote it.</summary>
    public static string LastName(JsonElement document, string pointer)
    {
        var names = Segments(pointer).Where(s => !int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out _)).ToList();
        return names.Count > 0 ? names[^1] : "the file";
    }

    /// <summary>Every place in the document, in the order an author reads them (for listing problems top to bottom).</summary>
    public static Dictionary<string, int> ReadingOrder(JsonElement document)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        Visit(document, Root, order);
        return order;
    }

    public static IEnumerable<string> Segments(string pointer) =>
        pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));

    private static void Visit(JsonElement node, string path, Dictionary<string, int> order)
    {
        order.TryAdd(path, order.Count);
        if (node.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in node.EnumerateObject())
            {
                Visit(property.Value, Child(path, property.Name), order);
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var entry in node.EnumerateArray())
            {
                Visit(entry, Index(path, index++), order);
            }
        }
    }

    // Names written after a dot: identifiers and ids ("staff-group"); anything else goes in brackets.
    [GeneratedRegex("^([A-Za-z_$][A-Za-z0-9_]*|[a-z0-9]+(-[a-z0-9]+)*)\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SimpleName();
}
