using System.Net;
using System.Net.Http.Json;
using System.Text;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Data.Campaigns;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Comments;

/// <summary>The comment threshold is at least 10, as the README promises, and never below the score threshold: the API, the page and the database refuse it.</summary>
public sealed class CommentThresholdTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<HttpClient> AdminAsync()
    {
        var admin = await _app.SignedInClientAsync();
        (await admin.PostAsync("/api/units/import", new StringContent(Scenario.StructureCsv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        return admin;
    }

    private static object Campaign(int? scoreThreshold, int? commentThreshold) => new
    {
        title = "Wave", opensOn = "2026-11-01", closesOn = "2026-11-30",
        instruments = new[] { new { id = "psychological-safety" } }, units = new[] { "TEAM-1" }, scoreThreshold, commentThreshold,
    };

    [Theory]
    [InlineData(5, 9, "The comment threshold must be at least 10.")]
    [InlineData(5, 3, "The comment threshold must be at least 10.")]
    [InlineData(12, 10, "The comment threshold must be at least the score threshold (12).")]
    public async Task ACommentThresholdBelowTenOrTheScoreThresholdIsRefusedNamingTheField(int scores, int comments, string message)
    {
        var admin = await AdminAsync();
        var messages = await ProblemAssert.HasFieldErrorAsync(await admin.PostAsJsonAsync("/api/campaigns", Campaign(scores, comments)), "commentThreshold");
        Assert.Equal([message], messages);
        Assert.Equal(0, _app.Count("campaigns"));

        var draft = await TestApp.ReadObjectAsync(await admin.PostAsJsonAsync("/api/campaigns", Campaign(null, null)));
        var change = await admin.PutAsJsonAsync($"/api/campaigns/{draft["id"]}/thresholds", new { scoreThreshold = scores, commentThreshold = comments });
        await ProblemAssert.HasFieldErrorAsync(change, "commentThreshold");
        Assert.Equal(10, (await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{draft["id"]}")))["commentThreshold"]!.GetValue<int>());
    }

    [Fact]
    public async Task WithoutACommentThresholdItIsTenOrTheScoreThresholdWhenThatIsHigher()
    {
        var admin = await AdminAsync();
        var created = await TestApp.ReadObjectAsync(await admin.PostAsJsonAsync("/api/campaigns", Campaign(12, null)));
        Assert.Equal(12, created["commentThreshold"]!.GetValue<int>());
        var exact = await TestApp.ReadObjectAsync(await admin.PostAsJsonAsync("/api/campaigns", Campaign(5, 10)));
        Assert.Equal(10, exact["commentThreshold"]!.GetValue<int>());
    }

    [Fact]
    public async Task ThePageRefusesACommentThresholdOfNineInWordsLinkedToTheField()
    {
        await AdminAsync();
        var client = await WorkspaceClient.SignedInAsync(_app);
        var response = await WorkspaceClient.PostFormAsync(client, "/workspace/campaigns", "/workspace/campaigns",
            ("title", "Wave"), ("opensOn", "2026-11-01"), ("closesOn", "2026-11-30"), ("instruments", "psychological-safety"),
            ("units", "TEAM-1"), ("scoreThreshold", "5"), ("commentThreshold", "9"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await WorkspaceClient.ParseAsync(response);
        var link = Assert.Single(page.QuerySelectorAll(".error-summary a"));
        Assert.Equal("#commentThreshold", link.GetAttribute("href"));
        Assert.Equal("The smallest group whose comments are shown must be a whole number of at least 10, and no smaller than the group whose scores are shown.", link.TextContent);
        Assert.Equal("10", page.QuerySelector("#commentThreshold")!.GetAttribute("min"));
        Assert.Equal(0, _app.Count("campaigns"));
    }

    [Theory]
    [InlineData(5, 9)]
    [InlineData(12, 11)]
    public async Task TheDatabaseRefusesSuchAThresholdFromAnyWriter(int scores, int comments)
    {
        await AdminAsync();
        var store = _app.Services.GetRequiredService<CampaignStore>();
        var unit = (await _app.Services.GetRequiredService<Data.Organisation.UnitStore>().AllAsync()).First(u => u.Code == "TEAM-1");
        var instrument = Scenario.Instrument(_app);
        var fingerprint = _app.Services.GetRequiredService<Core.Instruments.InstrumentCatalogue>().FingerprintOf(instrument.Id, instrument.Version);
        NewCampaign Wave(DisclosureThresholds thresholds) => new(
            "Wave", "Team", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), thresholds,
            [(new CampaignInstrument(instrument.Id, instrument.Version), fingerprint)], [unit.Id]);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => store.CreateAsync(Wave(new DisclosureThresholds(scores, comments))));
        Assert.Equal(0, _app.Count("campaigns"));

        var draft = await store.CreateAsync(Wave(DisclosureThresholds.Default));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => store.ChangeThresholdsAsync(draft.Id, new DisclosureThresholds(scores, comments)));
    }
}
