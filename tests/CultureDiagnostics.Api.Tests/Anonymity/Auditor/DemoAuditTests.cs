using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Accounts;
using Xunit.Abstractions;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor;

/// <summary>
/// The shipped demo (a synthetic trust, two closed waves and an open pulse) audited as the change team's analyst,
/// who reads every campaign, and as a board member, who reaches only what the board's role can (the campaigns it can
/// find from the dashboard's synthesis, without the change team's campaign list).
/// </summary>
public sealed class DemoAuditTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AnAnalystCannotWorkOutAnythingAboutFewerThanTheThresholdFromTheDemo()
    {
        using var app = new TestApp(demo: true);
        var analyst = await app.SignedInClientAsync(Roles.Analyst);
        var campaigns = (await TestApp.ReadArrayAsync(await analyst.GetAsync("/api/campaigns"))).Select(c => c!["id"]!.GetValue<string>()).ToList();

        var result = await Audit.RunAsync(app, analyst, campaigns);

        result.Write(output);
        result.AssertModelIsRight();
        result.AssertNothingIsDetermined();
    }

    [Fact]
    public async Task TheBoardCannotWorkOutAnythingAboutFewerThanTheThresholdFromTheDemo()
    {
        using var app = new TestApp(demo: true);
        var board = await app.SignedInClientAsync(Roles.Board);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await board.GetAsync("/api/campaigns")).StatusCode);
        var synthesis = JsonNode.Parse(await board.GetStringAsync("/api/synthesis"))!;

        var result = await Audit.RunAsync(app, board, [synthesis["campaignId"]!.GetValue<string>()]);

        result.Write(output);
        result.AssertModelIsRight();
        result.AssertNothingIsDetermined();
    }
}
