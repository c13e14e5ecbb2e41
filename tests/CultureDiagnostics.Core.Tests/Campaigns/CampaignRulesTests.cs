using CultureDiagnostics.Core.Campaigns;

namespace CultureDiagnostics.Core.Tests.Campaigns;

public sealed class CampaignRulesTests
{
    private static Campaign Campaign(CampaignStatus status) => new(
        "c", "Wave", "Team", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), DisclosureThresholds.Default, status, [], []);

    [Theory]
    [InlineData(CampaignStatus.Draft, "2026-11-15", Acceptance.NotYetOpen)]
    [InlineData(CampaignStatus.Open, "2026-10-31", Acceptance.NotYetOpen)]
    [InlineData(CampaignStatus.Open, "2026-11-01", Acceptance.Accepting)]
    [InlineData(CampaignStatus.Open, "2026-11-30", Acceptance.Accepting)]
    [InlineData(CampaignStatus.Open, "2026-12-01", Acceptance.Closed)]
    [InlineData(CampaignStatus.Closed, "2026-11-15", Acceptance.Closed)]
    public void CampaignAcceptsResponsesOnlyWhenOpenAndWithinItsDates(CampaignStatus status, string today, Acceptance expected) =>
        Assert.Equal(expected, CampaignRules.AcceptanceOn(Campaign(status), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void ThresholdsBelowThreeAreRefused()
    {
        var errors = CampaignRules.Validate("Wave", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 2), 2, 2, 1, 1);
        Assert.Equal(["commentThreshold", "scoreThreshold"], errors.Keys.Order());
    }

    [Theory]
    [InlineData(5, 9)]
    [InlineData(5, 3)]
    [InlineData(12, 10)]
    [InlineData(12, 11)]
    public void ACommentThresholdBelowTenOrBelowTheScoreThresholdIsRefused(int scores, int comments)
    {
        var errors = CampaignRules.Validate("Wave", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 2), scores, comments, 1, 1);
        Assert.Equal(["commentThreshold"], errors.Keys);
    }

    [Theory]
    [InlineData(5, 10)]
    [InlineData(12, 12)]
    [InlineData(12, null)]
    [InlineData(null, null)]
    public void ACommentThresholdOfAtLeastTenAndTheScoreThresholdIsAccepted(int? scores, int? comments) =>
        Assert.Empty(CampaignRules.Validate("Wave", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 2), scores, comments, 1, 1));

    [Fact]
    public void WithoutACommentThresholdTheDefaultIsTenOrTheScoreThresholdIfHigher()
    {
        Assert.Equal(10, DisclosureThresholds.DefaultCommentsFor(5));
        Assert.Equal(15, DisclosureThresholds.DefaultCommentsFor(15));
        Assert.Equal(10, DisclosureThresholds.MinimumComments);
    }
}
