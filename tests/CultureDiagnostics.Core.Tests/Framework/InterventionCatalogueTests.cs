using System.Text.Json.Nodes;
using CultureDiagnostics.Core.Framework;

namespace CultureDiagnostics.Core.Tests.Framework;

public class InterventionCatalogueTests
{
    private static InterventionCatalogueResult Shipped() =>
        InterventionCatalogue.Parse("interventions.json", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "surveys", "interventions.json")));

    private const string Sample = """
        { "elements": [
          { "element": "teamwork", "interventions": [ { "id": "huddles", "name": "Huddles", "description": "Short daily team meetings." } ] },
          { "element": "vision-and-values", "interventions": [ { "id": "values-talks", "name": "Values talks", "description": "Leaders talk about values." } ] }
        ] }
        """;

    [Fact]
    public void ShippedCatalogueParsesAndCoversEveryElement()
    {
        var result = Shipped();

        Assert.Empty(result.Errors);
        foreach (var element in CulturalFramework.Elements)
        {
            Assert.NotEmpty(result.Catalogue!.ForElement(element.Id));
        }
    }

    [Theory]
    [InlineData("vision-and-values", 4)]
    [InlineData("goals-and-performance", 5)]
    [InlineData("support-and-compassion", 7)]
    [InlineData("teamwork", 8)]
    [InlineData("learning-and-innovation", 6)]
    public void ShippedCatalogueHasAtLeastTheInterventionsTheProgrammeListsForEachElement(string element, int listed)
    {
        Assert.True(Shipped().Catalogue!.ForElement(element).Count >= listed);
    }

    [Fact]
    public void InterventionUnderAnUnknownElementIsRejected()
    {
        var json = JsonNode.Parse(Sample)!;
        json["elements"]![1]!["element"] = "values";

        var result = InterventionCatalogue.Parse("interventions.json", json.ToJsonString());

        Assert.Null(result.Catalogue);
        var error = Assert.Single(result.Errors);
        Assert.Equal("$.elements[1].element", error.Path);
        Assert.Contains("unknown cultural element 'values'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateInterventionIdIsRejected()
    {
        var json = JsonNode.Parse(Sample)!;
        json["elements"]![1]!["interventions"]![0]!["id"] = "huddles";

        var error = Assert.Single(InterventionCatalogue.Parse("interventions.json", json.ToJsonString()).Errors);

        Assert.Equal("$.elements[1].interventions[0].id", error.Path);
        Assert.Contains("duplicate intervention id 'huddles'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InterventionWithoutADescriptionIsRejected()
    {
        var json = JsonNode.Parse(Sample)!;
        json["elements"]![0]!["interventions"]![0]!.AsObject().Remove("description");

        var error = Assert.Single(InterventionCatalogue.Parse("interventions.json", json.ToJsonString()).Errors);

        Assert.Equal("interventions.json: $.elements[0].interventions[0].description: missing required property 'description'", error.ToString());
    }

    [Fact]
    public void ValidCatalogueGroupsInterventionsByElement()
    {
        var catalogue = InterventionCatalogue.Parse("interventions.json", Sample).Catalogue!;

        Assert.Equal("teamwork", catalogue.Find("huddles")!.Element);
        Assert.Equal(["values-talks"], catalogue.ForElement("vision-and-values").Select(i => i.Id).ToArray());
    }
}
