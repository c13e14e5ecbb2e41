using System.Net.Http.Json;
using CultureDiagnostics.Api.Tests.Support;
using Dapper;

namespace CultureDiagnostics.Api.Tests;

/// <summary>What is kept about a respondent: nothing that could identify them or the order they answered in.</summary>
public sealed class AnonymityAtRestTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private Scenario.OpenCampaign _campaign = null!;

    public async Task InitializeAsync()
    {
        _campaign = await Scenario.OpenCampaignAsync(_app);
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("User-Agent", "Mozilla/5.0 (Linux; Android 9; Cracked phone)");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        for (var i = 0; i < 12; i++)
        {
            (await client.PostAsJsonAsync("/api/responses", Scenario.ValidSubmission(_app, _campaign.Code))).EnsureSuccessStatusCode();
        }
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void ResponsesKeepOnlyARandomIdTheCampaignTheUnitAndTheDate()
    {
        using var db = _app.OpenDatabase();
        var columns = _app.ColumnsOf("responses");
        Assert.Equal(["id", "campaign_id", "unit_id", "submitted_on"], columns);
        Assert.All(db.Query<string>("SELECT submitted_on FROM responses"), d => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", d));
    }

    [Fact]
    public void NoDeviceDetailIsStoredAnywhere()
    {
        using var db = _app.OpenDatabase();
        var tables = _app.Tables();
        Assert.Contains("responses", tables);
        foreach (var table in tables)
        {
            var rows = db.Query($"SELECT * FROM \"{table}\"").Cast<IDictionary<string, object?>>();
            foreach (var value in rows.SelectMany(r => r.Values).OfType<string>())
            {
                Assert.DoesNotContain("203.0.113.7", value, StringComparison.Ordinal);
                Assert.DoesNotContain("Android", value, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void RespondentTablesHaveNoRowidThatFollowsArrival()
    {
        foreach (var table in new[] { "responses", "answers", "comments", "demographic_answers", "submission_keys" })
        {
            _app.AssertNoOrderOfArrivalIsKept(table);
        }
    }

    [Fact]
    public void ResponseIdsAreRandomNotSequential()
    {
        using var db = _app.OpenDatabase();
        var ids = db.Query<string>("SELECT id FROM responses").ToList();
        Assert.Equal(12, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(32, id.Length));
        // Random 128-bit ids share no long common prefix, unlike time-ordered ones.
        var longestShared = ids.SelectMany(a => ids.Where(b => b != a).Select(b => a.Zip(b).TakeWhile(p => p.First == p.Second).Count())).Max();
        Assert.True(longestShared < 8, $"Ids share a {longestShared}-character prefix; they look time-ordered.");
    }

    [Fact]
    public void IdempotencyKeysAreHashedAndCannotBeJoinedToResponses()
    {
        using var db = _app.OpenDatabase();
        var columns = _app.ColumnsOf("submission_keys");
        Assert.Equal(["key_hash", "submitted_on"], columns);
        Assert.All(db.Query<string>("SELECT key_hash FROM submission_keys"), h => Assert.Matches("^[0-9a-f]{64}$", h));
    }
}
