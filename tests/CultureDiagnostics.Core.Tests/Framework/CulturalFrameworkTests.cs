using CultureDiagnostics.Core.Framework;

namespace CultureDiagnostics.Core.Tests.Framework;

public class CulturalFrameworkTests
{
    [Fact]
    public void SixElementsInOrderWithOnlyEquityAndInclusionOptionalAndOnByDefault()
    {
        Assert.Equal(
            ["vision-and-values", "goals-and-performance", "support-and-compassion", "learning-and-innovation", "teamwork", "equity-and-inclusion"],
            CulturalFramework.Elements.OrderBy(e => e.Order).Select(e => e.Id).ToArray());
        var optional = Assert.Single(CulturalFramework.Elements, e => e.Optional);
        Assert.Equal("equity-and-inclusion", optional.Id);
        Assert.All(CulturalFramework.Elements, e => Assert.True(e.OnByDefault));
    }

    [Fact]
    public void FourCompassionateLeadershipBehaviours()
    {
        Assert.Equal(["attending", "understanding", "empathising", "helping"], CulturalFramework.Behaviours.Select(b => b.Id).ToArray());
    }

    [Fact]
    public void EightDiagnosticSourcesWithUniqueIdsAndTheThreeSurveysNamingTheirInstrument()
    {
        Assert.Equal(8, CulturalFramework.Sources.Select(s => s.Id).Distinct().Count());
        Assert.Equal(
            ["leadership-behaviours", "psychological-safety", "team-reflexivity"],
            CulturalFramework.Sources.Where(s => s.InstrumentId is not null).Select(s => s.InstrumentId!).ToArray());
    }
}
