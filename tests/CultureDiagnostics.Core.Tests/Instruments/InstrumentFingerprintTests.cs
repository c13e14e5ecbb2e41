using System.Text.Json;
using System.Text.Json.Nodes;

namespace CultureDiagnostics.Core.Tests.Instruments;

public class InstrumentFingerprintTests
{
    private static string FingerprintOf(JsonObject json, bool indented = false) =>
        Assert.IsType<string>(CultureDiagnostics.Core.Instruments.InstrumentParser.Parse(
            SampleInstrument.FileName,
            json.ToJsonString(new JsonSerializerOptions { WriteIndented = indented })).Fingerprint);

    [Fact]
    public void FingerprintIsLowercaseHexSha256()
    {
        var fingerprint = FingerprintOf(SampleInstrument.Json());

        Assert.Matches("^[0-9a-f]{64}$", fingerprint);
    }

    [Fact]
    public void ReformattingAndReorderingPropertiesKeepTheFingerprint()
    {
        var original = FingerprintOf(SampleInstrument.Json());
        var reordered = SampleInstrument.Json();
        var title = reordered["title"]!.GetValue<string>();
        reordered.Remove("title");
        reordered["title"] = title;

        Assert.Equal(original, FingerprintOf(SampleInstrument.Json(), indented: true));
        Assert.Equal(original, FingerprintOf(reordered));
    }

    [Fact]
    public void SpellingOutADefaultKeepsTheFingerprint()
    {
        var explicitDefaults = SampleInstrument.Json();
        explicitDefaults.Item(0, 0)["reverse"] = false;
        explicitDefaults.Item(0, 0)["required"] = true;
        explicitDefaults.Item(0, 2)["maxLength"] = 2000;

        Assert.Equal(FingerprintOf(SampleInstrument.Json()), FingerprintOf(explicitDefaults));
    }

    [Theory]
    [InlineData("wording")]
    [InlineData("keying")]
    [InlineData("scale label")]
    [InlineData("optional")]
    [InlineData("item order")]
    [InlineData("option label")]
    public void AnyChangeOfMeaningChangesTheFingerprint(string change)
    {
        var changed = SampleInstrument.Json();
        switch (change)
        {
            case "wording":
                changed.Item(0, 0)["text"] = "A statement!";
                break;
            case "keying":
                changed.Item(1, 0)["reverse"] = false;
                break;
            case "scale label":
                changed.Points()[1]!["label"] = "Unsure";
                break;
            case "optional":
                changed.Item(0, 0)["required"] = false;
                break;
            case "item order":
                var items = changed.Section(0)["items"]!.AsArray();
                var first = items[0]!;
                items.RemoveAt(0);
                items.Add(first);
                break;
            case "option label":
                changed["demographics"]![0]!["options"]![0]!["label"] = "Group A";
                break;
        }

        Assert.NotEqual(FingerprintOf(SampleInstrument.Json()), FingerprintOf(changed));
    }
}
