using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Accounts;

namespace CultureDiagnostics.Api.Tests;

/// <summary>
/// The demo's leaders rate their own leadership on two-item scales: those get Spearman–Brown beside alpha (the
/// reliability that fits two items), in the API and on the results page; longer scales do not.
/// </summary>
public sealed class ReliabilityTests : IDisposable
{
    private readonly TestApp _app = new(demo: true);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TwoItemScalesGiveSpearmanBrownInTheApiAndOnTheResultsPage()
    {
        var analyst = await _app.SignedInClientAsync(Roles.Analyst);
        var campaigns = await TestApp.ReadArrayAsync(await analyst.GetAsync("/api/campaigns"));
        var closed = campaigns.First(c => c!["status"]!.GetValue<string>() == "closed")!["id"]!.GetValue<string>();
        var results = await TestApp.ReadObjectAsync(await analyst.GetAsync($"/api/campaigns/{closed}/results"));

        var scales = results["scales"]!.AsArray().Where(s => s!["reliability"] is { } r && r["alphaRaw"] is not null).ToList();
        var twoItems = scales.Where(s => s!["items"]!.AsArray().Count == 2).ToList();
        Assert.NotEmpty(twoItems);
        Assert.All(twoItems, s =>
        {
            var reliability = s!["reliability"]!;
            // Spearman–Brown is 2r / (1 + r) with r the items' correlation over those who answered both (its value is R's
            // in EndToEndMatchesRTests). The demo's leaders answer "not applicable" to some items, so this is not the
            // standardised alpha, whose r divides the pair's covariance by each item's variance over all its answerers
            // and can pass 1; Spearman–Brown never does.
            var sb = reliability["spearmanBrown"]!.GetValue<double>();
            Assert.InRange(sb, -1, 1);
            Assert.All(reliability["items"]!.AsArray(), i => Assert.NotNull(i!["alphaIfDeleted"]));
        });
        Assert.All(scales.Except(twoItems), s => Assert.Null(s!["reliability"]!["spearmanBrown"]));

        var page = await (await analyst.GetAsync($"/workspace/campaigns/{closed}/results")).Content.ReadAsStringAsync();
        Assert.Contains("(Spearman–Brown)", page, StringComparison.Ordinal);
    }
}
