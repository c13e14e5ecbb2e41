using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CultureDiagnostics.Cli.Commands;

/// <summary>Small helpers shared by the commands' JSON and table writers.</summary>
internal static class Output
{
    public static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes a number, or null for a missing or non-finite value (JSON has no NaN).</summary>
    public static void Number(this Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>A group label that is an integer is written as a number, so output lines up with R's.</summary>
    public static void Label(this Utf8JsonWriter writer, string name, string label)
    {
        if (long.TryParse(label, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            writer.WriteNumber(name, n);
        }
        else
        {
            writer.WriteString(name, label);
        }
    }

    public static string Fixed(double? value, int decimals = 3) =>
        value is { } v && double.IsFinite(v) ? v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "-";
}
