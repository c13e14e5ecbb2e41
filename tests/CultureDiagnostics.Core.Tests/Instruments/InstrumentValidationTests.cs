using System.Text.Json.Nodes;
using CultureDiagnostics.Core.Instruments;

namespace CultureDiagnostics.Core.Tests.Instruments;

public class InstrumentValidationTests
{
    private static void AssertError(InstrumentError error, string path, string messagePart)
    {
        Assert.Equal(SampleInstrument.FileName, error.File);
        Assert.Equal(path, error.Path);
        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleInstrumentParsesWithDefaultsApplied()
    {
        var result = SampleInstrument.Parse(SampleInstrument.Json());

        Assert.Empty(result.Errors);
        var instrument = Assert.IsType<Instrument>(result.Instrument);
        Assert.Equal(4, instrument.Items.Count());
        var scaleItem = instrument.FindItem("q1")!;
        Assert.True(scaleItem.Required);
        Assert.False(scaleItem.Reverse);
        Assert.True(instrument.FindItem("q2")!.Reverse);
        Assert.True(instrument.FindItem("leads")!.Required);
        var text = instrument.FindItem("note")!;
        Assert.False(text.Required);
        Assert.Equal(2000, text.MaxLength);
        Assert.Equal(new SectionCondition("leads", "yes"), instrument.Sections[1].Condition);
    }

    [Fact]
    public void MalformedJsonIsReportedWithLineAndPosition()
    {
        var result = InstrumentParser.Parse(SampleInstrument.FileName, "{\n  \"id\": \"sample\",\n  \"version\": 1,,\n}");

        var error = Assert.Single(result.Errors);
        AssertError(error, "$", "malformed JSON at line 3, position");
    }

    [Fact]
    public void RootThatIsNotAnObjectIsRejected()
    {
        var error = Assert.Single(InstrumentParser.Parse(SampleInstrument.FileName, "[]").Errors);

        AssertError(error, "$", "expected an object but found an array");
    }

    [Fact]
    public void MissingRequiredPropertyIsReportedAtItsPath()
    {
        var error = SampleInstrument.SingleError(j => j.Item(0, 0).Remove("text"));

        AssertError(error, "$.sections[0].items[0].text", "missing required property 'text'");
    }

    [Fact]
    public void EmptyTextIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j["title"] = "   ");

        AssertError(error, "$.title", "'title' must not be empty");
    }

    [Fact]
    public void ValueOfTheWrongTypeIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j["estimatedMinutes"] = "two");

        AssertError(error, "$.estimatedMinutes", "expected an integer but found a string");
    }

    [Fact]
    public void IdThatIsNotLowercaseWithHyphensIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j.Item(0, 2)["id"] = "Note_1");

        AssertError(error, "$.sections[0].items[2].id", "'Note_1' is not a valid id");
    }

    [Fact]
    public void VersionBelowOneIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j["version"] = 0);

        AssertError(error, "$.version", "'version' must be at least 1 (found 0)");
    }

    [Fact]
    public void UnknownPropertyIsRejectedToCatchTypos()
    {
        var error = SampleInstrument.SingleError(j => j.Item(0, 0)["revrse"] = true);

        AssertError(error, "$.sections[0].items[0].revrse", "unknown property 'revrse'");
    }

    [Fact]
    public void FileNameThatDoesNotMatchIdAndVersionIsRejected()
    {
        var error = Assert.Single(SampleInstrument.Parse(SampleInstrument.Json(), "sample.v2.json").Errors);

        Assert.Equal("sample.v2.json", error.File);
        Assert.Equal("$", error.Path);
        Assert.Contains("expected 'sample.v1.json'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateScaleIdIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j["scales"]!.AsArray().Add(j["scales"]![0]!.DeepClone()));

        AssertError(error, "$.scales[1].id", "duplicate scale id 'agree'");
    }

    [Fact]
    public void DuplicateConstructIdIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j["constructs"]!.AsArray().Add(j["constructs"]![0]!.DeepClone()));

        AssertError(error, "$.constructs[1].id", "duplicate construct id 'safety'");
    }

    [Fact]
    public void DuplicateSectionIdIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j.Section(1)["id"] = "first");

        AssertError(error, "$.sections[1].id", "duplicate section id 'first'");
    }

    [Fact]
    public void ItemIdsMustBeUniqueAcrossSections()
    {
        var error = SampleInstrument.SingleError(j => j.Item(1, 0)["id"] = "q1");

        AssertError(error, "$.sections[1].items[0].id", "duplicate item id 'q1'");
    }

    [Fact]
    public void DuplicateDemographicIdIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j["demographics"]!.AsArray().Add(j["demographics"]![0]!.DeepClone()));

        AssertError(error, "$.demographics[1].id", "duplicate demographic question id 'staff-group'");
    }

    [Fact]
    public void ItemNamingAnUnknownScaleIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j.Item(0, 0)["scale"] = "agreement");

        AssertError(error, "$.sections[0].items[0].scale", "unknown scale 'agreement'");
    }

    [Fact]
    public void ItemNamingAnUnknownConstructIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j.Item(0, 0)["construct"] = "saftey");

        AssertError(error, "$.sections[0].items[0].construct", "unknown construct 'saftey'");
    }

    [Fact]
    public void ScaleItemWithoutAScaleIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j.Item(0, 0).Remove("scale"));

        AssertError(error, "$.sections[0].items[0].scale", "missing required property 'scale'");
    }

    [Fact]
    public void ScalePointWithoutALabelIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j.Points()[1]!.AsObject().Remove("label"));

        AssertError(error, "$.scales[0].points[1].label", "missing required property 'label'");
    }

    [Fact]
    public void ScalePointWithAnEmptyLabelIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j.Points()[2]!["label"] = "");

        AssertError(error, "$.scales[0].points[2].label", "'label' must not be empty");
    }

    [Fact]
    public void NonContiguousPointValuesAreRejected()
    {
        var error = SampleInstrument.SingleError(j => j.Points()[2]!["value"] = 4);

        AssertError(error, "$.scales[0].points", "point values must be contiguous integers with no gaps (found 1, 2, 4)");
    }

    [Fact]
    public void DuplicatePointValuesAreRejected()
    {
        var error = SampleInstrument.SingleError(j => j.Points()[2]!["value"] = 2);

        AssertError(error, "$.scales[0].points[2].value", "duplicate point value 2");
    }

    [Fact]
    public void PointsOutOfOrderAreRejected()
    {
        var error = SampleInstrument.SingleError(j =>
        {
            var last = j.Points()[2]!;
            j.Points().RemoveAt(2);
            j.Points().Insert(0, last);
        });

        AssertError(error, "$.scales[0].points", "points must be listed from the lowest value to the highest");
    }

    [Fact]
    public void ScaleWithFewerThanTwoPointsIsRejected()
    {
        var error = SampleInstrument.SingleError(j =>
        {
            j.Points().RemoveAt(2);
            j.Points().RemoveAt(1);
        });

        AssertError(error, "$.scales[0].points", "'points' needs at least 2 entries (found 1)");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ReverseFlagOnANonScaleItemIsRejected(int itemIndex)
    {
        var error = SampleInstrument.SingleError(j => j.Item(0, itemIndex)["reverse"] = false);

        AssertError(error, $"$.sections[0].items[{itemIndex}].reverse", "'reverse' applies only to scale items");
    }

    [Theory]
    [InlineData(1, "scale", "agree")]
    [InlineData(1, "construct", "safety")]
    [InlineData(2, "scale", "agree")]
    [InlineData(2, "construct", "safety")]
    public void ScaleOrConstructOnAChoiceOrTextItemIsRejected(int itemIndex, string property, string value)
    {
        var error = SampleInstrument.SingleError(j => j.Item(0, itemIndex)[property] = value);

        AssertError(error, $"$.sections[0].items[{itemIndex}].{property}", $"'{property}' applies only to scale items");
    }

    [Fact]
    public void ChoiceItemWithoutOptionsIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j.Item(0, 1).Remove("options"));

        AssertError(error, "$.sections[0].items[1].options", "missing required property 'options'");
    }

    [Fact]
    public void ChoiceItemWithAnEmptyOptionListIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j.Item(0, 1)["options"] = new JsonArray());

        AssertError(error, "$.sections[0].items[1].options", "'options' needs at least 1 entry (found 0)");
    }

    [Fact]
    public void ChoiceItemWithDuplicateOptionValuesIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j.Item(0, 1)["options"]![1]!["value"] = "yes");

        AssertError(error, "$.sections[0].items[1].options[1].value", "duplicate option value 'yes'");
    }

    [Fact]
    public void SectionConditionNamingAnUnknownItemIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j.Section(1)["condition"]!["item"] = "leader");

        AssertError(error, "$.sections[1].condition.item", "unknown item 'leader'");
    }

    [Fact]
    public void SectionConditionNamingANonChoiceItemIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j.Section(1)["condition"]!["item"] = "q1");

        AssertError(error, "$.sections[1].condition.item", "item 'q1' is a scale item: a condition must name a choice item");
    }

    [Fact]
    public void SectionConditionNamingAnItemThatComesLaterIsRejected()
    {
        var error = SampleInstrument.SingleError(j =>
        {
            var later = new JsonObject
            {
                ["id"] = "third",
                ["title"] = "Third",
                ["items"] = new JsonArray(j.Item(0, 1).DeepClone()),
            };
            later["items"]![0]!["id"] = "later";
            j["sections"]!.AsArray().Add(later);
            j.Section(1)["condition"]!["item"] = "later";
        });

        AssertError(error, "$.sections[1].condition.item", "item 'later' comes later");
    }

    [Fact]
    public void SectionConditionOnItsOwnSectionIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j.Section(0)["condition"] = new JsonObject { ["item"] = "leads", ["value"] = "yes" });

        AssertError(error, "$.sections[0].condition.item", "item 'leads' comes later");
    }

    [Fact]
    public void SectionConditionValueThatIsNotAnOptionIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j.Section(1)["condition"]!["value"] = "maybe");

        AssertError(error, "$.sections[1].condition.value", "'maybe' is not an option of item 'leads'");
    }

    [Fact]
    public void DemographicWithoutOptionsIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j["demographics"]![0]!.AsObject().Remove("options"));

        AssertError(error, "$.demographics[0].options", "missing required property 'options'");
    }

    [Fact]
    public void ConstructElementThatIsNotACulturalElementIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j["constructs"]![0]!["element"] = "team-work");

        AssertError(error, "$.constructs[0].element", "unknown cultural element 'team-work'");
    }

    [Fact]
    public void ConstructKindOutsideTheKnownKindsIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j["constructs"]![0]!["kind"] = "behaviour");

        AssertError(error, "$.constructs[0].kind", "unknown kind 'behaviour'");
    }

    [Fact]
    public void UnknownItemTypeIsRejected()
    {
        var error = SampleInstrument.SingleError(j => j.Item(0, 2)["type"] = "comment");

        AssertError(error, "$.sections[0].items[2].type", "unknown item type 'comment'");
    }

    [Fact]
    public void EveryProblemInAFileIsReportedNotJustTheFirst()
    {
        var json = SampleInstrument.Json();
        json["title"] = "";
        json.Item(0, 0)["scale"] = "nope";
        json["demographics"]![0]!["options"] = new JsonArray();

        var result = SampleInstrument.Parse(json);

        Assert.Equal(
            ["$.title", "$.sections[0].items[0].scale", "$.demographics[0].options"],
            result.Errors.Select(e => e.Path).ToArray());
    }

    [Fact]
    public void ErrorReadsAsFilePathAndMessage()
    {
        var error = new InstrumentError("sample.v1.json", "$.title", "'title' must not be empty");

        Assert.Equal("sample.v1.json: $.title: 'title' must not be empty", error.ToString());
    }
}
