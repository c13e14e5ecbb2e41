using System.Text.Json;

namespace CultureDiagnostics.Cli.Tests;

/// <summary>Asserts that every value in an expected JSON tree is in the actual tree, numbers to 1e-9.</summary>
public static class JsonComparison
{
    public static void AssertContains(JsonElement expected, JsonElement actual, string path)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.True(actual.ValueKind == JsonValueKind.Object, $"{path}: expected an object");
                foreach (var property in expected.EnumerateObject())
                {
                    Assert.True(actual.TryGetProperty(property.Name, out var value), $"{path}.{property.Name} is missing");
                    AssertContains(property.Value, value, $"{path}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                Assert.True(actual.ValueKind == JsonValueKind.Array, $"{path}: expected an array");
                Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
                var i = 0;
                foreach (var (e, a) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
                {
                    AssertContains(e, a, $"{path}[{i++}]");
                }

                break;
            case JsonValueKind.Number:
                Assert.True(actual.ValueKind == JsonValueKind.Number, $"{path}: expected a number, got {actual}");
                Assert.True(Math.Abs(expected.GetDouble() - actual.GetDouble()) < 1e-9, $"{path}: expected {expected}, got {actual}");
                break;
            default:
                Assert.Equal(expected.ToString(), actual.ToString());
                Assert.Equal(expected.ValueKind, actual.ValueKind);
                break;
        }
    }
}
