using System.Text.Json.Nodes;
using CultureDiagnostics.Core.Instruments;

namespace CultureDiagnostics.Core.Tests.Instruments;

public class InstrumentCatalogueTests
{
    private static (string, string) File(JsonObject json, string? fileName = null) =>
        (fileName ?? $"{json["id"]}.v{json["version"]}.json", json.ToJsonString());

    private static JsonObject Version(int version)
    {
        var json = SampleInstrument.Json();
        json["version"] = version;
        return json;
    }

    [Fact]
    public void CatalogueFindsVersionsAndTheLatest()
    {
        var result = InstrumentCatalogue.Build([File(Version(2)), File(Version(1))]);

        var catalogue = Assert.IsType<InstrumentCatalogue>(result.Catalogue);
        Assert.Empty(result.Errors);
        Assert.Equal([1, 2], catalogue.All.Select(i => i.Version).ToArray());
        Assert.Equal(2, catalogue.Latest("sample")!.Version);
        Assert.Equal(1, catalogue.Find("sample", 1)!.Version);
        Assert.Null(catalogue.Find("sample", 3));
        Assert.Null(catalogue.Latest("other"));
        Assert.Equal(InstrumentParser.Parse("sample.v1.json", Version(1).ToJsonString()).Fingerprint, catalogue.FingerprintOf("sample", 1));
    }

    [Fact]
    public void FingerprintOfAnUnknownVersionThrows()
    {
        var catalogue = InstrumentCatalogue.Build([File(Version(1))]).Catalogue!;

        Assert.Throws<KeyNotFoundException>(() => catalogue.FingerprintOf("sample", 2));
    }

    [Fact]
    public void SameIdAndVersionInTwoFilesIsRejected()
    {
        var result = InstrumentCatalogue.Build([File(Version(1), "a/sample.v1.json"), File(Version(1), "b/sample.v1.json")]);

        Assert.Null(result.Catalogue);
        var error = Assert.Single(result.Errors);
        Assert.Equal("b/sample.v1.json", error.File);
        Assert.Equal("$", error.Path);
        Assert.Contains("instrument 'sample' version 1 is also defined in 'a/sample.v1.json'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedDemographicWithDifferentOptionsIsRejected()
    {
        var other = SampleInstrument.Json();
        other["id"] = "other";
        other["demographics"]![0]!["options"]![1]!["label"] = "Bee";

        var result = InstrumentCatalogue.Build([File(SampleInstrument.Json()), File(other)]);

        Assert.Null(result.Catalogue);
        var error = Assert.Single(result.Errors);
        Assert.Equal("other.v1.json", error.File);
        Assert.Equal("$.demographics[0].options", error.Path);
        Assert.Contains("demographic question 'staff-group' has different options from the one in 'sample.v1.json'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedDemographicWithIdenticalOptionsIsAccepted()
    {
        var other = SampleInstrument.Json();
        other["id"] = "other";

        var result = InstrumentCatalogue.Build([File(SampleInstrument.Json()), File(other)]);

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Catalogue!.All.Count);
    }

    [Fact]
    public void OneBadFileMeansNoCatalogueAndItsErrorsAreReported()
    {
        var bad = Version(2);
        bad["title"] = "";

        var result = InstrumentCatalogue.Build([File(Version(1)), File(bad)]);

        Assert.Null(result.Catalogue);
        var error = Assert.Single(result.Errors);
        Assert.Equal("sample.v2.json", error.File);
        Assert.Equal("$.title", error.Path);
    }
}
