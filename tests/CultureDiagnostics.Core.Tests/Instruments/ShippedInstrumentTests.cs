using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Core.Instruments;

namespace CultureDiagnostics.Core.Tests.Instruments;

public class ShippedInstrumentTests
{
    private static readonly string[] Behaviours = ["attending", "understanding", "empathising", "helping"];

    private static int ItemsMeasuring(Instrument instrument, string construct) =>
        instrument.ScaleItems.Count(i => i.Construct == construct);

    [Fact]
    public void EveryShippedFileValidatesAndTheThreeInstrumentsArePresent()
    {
        var files = ShippedSurveys.InstrumentFiles();
        var result = InstrumentCatalogue.Build(files);

        Assert.Empty(result.Errors);
        Assert.Equal(
            ["leadership-behaviours", "psychological-safety", "team-reflexivity"],
            result.Catalogue!.All.Select(i => i.Id).Distinct().ToArray());
    }

    // A published version is immutable: if one of these changes, add a new <id>.v<n+1>.json instead
    // of editing the file (and add its fingerprint here).
    [Theory]
    [InlineData("leadership-behaviours", "95677ff0ba5d")]
    [InlineData("psychological-safety", "af7210c2b522")]
    [InlineData("team-reflexivity", "b791f51e5cea")]
    public void PublishedVersionOneFilesHaveNotChanged(string id, string fingerprintPrefix)
    {
        Assert.StartsWith(fingerprintPrefix, ShippedSurveys.Catalogue().FingerprintOf(id, 1), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryScalePointOfEveryShippedInstrumentIsLabelled()
    {
        foreach (var instrument in ShippedSurveys.Catalogue().All)
        {
            Assert.All(instrument.Scales.SelectMany(s => s.Points), p => Assert.False(string.IsNullOrWhiteSpace(p.Label)));
        }
    }

    [Fact]
    public void LeadershipBehavioursHasAtLeastFourItemsForEachElementAndBehaviour()
    {
        var instrument = ShippedSurveys.Instrument("leadership-behaviours");

        foreach (var element in CulturalFramework.Elements)
        {
            var construct = Assert.Single(instrument.Constructs, c => c.Id == element.Id);
            Assert.Equal("element", construct.Kind);
            Assert.Equal(element.Id, construct.Element);
            Assert.True(ItemsMeasuring(instrument, element.Id) >= 4, $"{element.Id} has fewer than 4 items");
        }

        foreach (var behaviour in Behaviours)
        {
            Assert.Equal("compassionate-behaviour", Assert.Single(instrument.Constructs, c => c.Id == behaviour).Kind);
            Assert.True(ItemsMeasuring(instrument, behaviour) >= 4, $"{behaviour} has fewer than 4 items");
        }
    }

    [Fact]
    public void LeadershipBehavioursUsesAFivePointAgreementScaleWithNotApplicable()
    {
        var scale = Assert.Single(ShippedSurveys.Instrument("leadership-behaviours").Scales);

        Assert.Equal(["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"], scale.Points.Select(p => p.Label).ToArray());
        Assert.Equal(1, scale.Min);
        Assert.True(scale.AllowsNotApplicable);
    }

    [Fact]
    public void LeadershipSelfAssessmentIsShownOnlyToPeopleWhoLead()
    {
        var instrument = ShippedSurveys.Instrument("leadership-behaviours");

        var section = Assert.Single(instrument.Sections, s => s.Condition is not null);
        var question = instrument.FindItem(section.Condition!.Item)!;
        Assert.Equal(ItemType.Choice, question.Type);
        Assert.Equal(["yes", "no"], question.Options.Select(o => o.Value).ToArray());
        Assert.Equal("yes", section.Condition.Value);
        Assert.True(section.Items.Count >= 4);
        Assert.All(section.Items, i => Assert.Equal(ItemType.Scale, i.Type));
        var covered = section.Items.Select(i => instrument.Constructs.Single(c => c.Id == i.Construct)).ToList();
        Assert.All(covered, c => Assert.Equal("compassionate-behaviour", c.Kind));
        Assert.All(Behaviours, b => Assert.Contains(covered, c => c.Id.EndsWith(b, StringComparison.Ordinal)));
    }

    [Fact]
    public void LeadershipBehavioursFreeTextIsOptionalAndFew()
    {
        var texts = ShippedSurveys.Instrument("leadership-behaviours").Items.Where(i => i.Type == ItemType.Text).ToList();

        Assert.InRange(texts.Count, 1, 2);
        Assert.All(texts, t => Assert.False(t.Required));
    }

    [Fact]
    public void LeadershipBehavioursAsksStaffGroupInNhsCategoriesAndLengthOfService()
    {
        var instrument = ShippedSurveys.Instrument("leadership-behaviours");

        var staffGroup = instrument.FindDemographic("staff-group")!.Options.Select(o => o.Value).ToList();
        foreach (var group in new[]
                 {
                     "nursing-and-midwifery", "medical-and-dental", "allied-health-professionals", "healthcare-scientists",
                     "additional-clinical-services", "administrative-and-clerical", "estates-and-ancillary", "management",
                 })
        {
            Assert.Contains(group, staffGroup);
        }

        Assert.NotNull(instrument.FindDemographic("length-of-service"));
    }

    [Fact]
    public void PsychologicalSafetyHasSevenItemsThreeOfThemReverseKeyed()
    {
        var instrument = ShippedSurveys.Instrument("psychological-safety");

        var items = instrument.ScaleItems.ToList();
        Assert.Equal(7, items.Count);
        Assert.Equal(3, items.Count(i => i.Reverse));
        Assert.All(items, i => Assert.Equal("psychological-safety", i.Construct));
        var construct = Assert.Single(instrument.Constructs);
        Assert.Equal(("team-construct", "learning-and-innovation"), (construct.Kind, construct.Element));
        var comment = Assert.Single(instrument.Items, i => i.Type == ItemType.Text);
        Assert.False(comment.Required);
    }

    [Fact]
    public void PsychologicalSafetyUsesASevenPointAccuracyScaleLabelledOnEveryPoint()
    {
        var scale = Assert.Single(ShippedSurveys.Instrument("psychological-safety").Scales);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], scale.Points.Select(p => p.Value).ToArray());
        Assert.Equal("Very inaccurate", scale.Points[0].Label);
        Assert.Equal("Very accurate", scale.Points[^1].Label);
    }

    [Fact]
    public void TeamReflexivityHasTaskAndSocialSubscalesOfAtLeastFiveItems()
    {
        var instrument = ShippedSurveys.Instrument("team-reflexivity");

        foreach (var id in new[] { "task-reflexivity", "social-reflexivity" })
        {
            var construct = Assert.Single(instrument.Constructs, c => c.Id == id);
            Assert.Equal(("team-construct", "teamwork"), (construct.Kind, construct.Element));
            Assert.True(ItemsMeasuring(instrument, id) >= 5, $"{id} has fewer than 5 items");
        }

        var scale = Assert.Single(instrument.Scales);
        Assert.Equal(7, scale.Points.Count);
        Assert.False(Assert.Single(instrument.Items, i => i.Type == ItemType.Text).Required);
    }
}
