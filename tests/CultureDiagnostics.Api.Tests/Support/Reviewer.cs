using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CultureDiagnostics.Api.Tests.Support;

/// <summary>A change-team member working through a closed campaign's comment review queue with the JSON API.</summary>
public static class Reviewer
{
    /// <summary>The queue's comments, each with the group it is listed under.</summary>
    public static async Task<List<(string Group, JsonObject Comment)>> QueueAsync(HttpClient changeTeam, string campaignId)
    {
        var response = await changeTeam.GetAsync($"/api/campaigns/{campaignId}/comment-review");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var queue = await TestApp.ReadObjectAsync(response);
        return [.. queue["groups"]!.AsArray().SelectMany(g => g!["comments"]!.AsArray().Select(c => (g["unit"]!.GetValue<string>(), c!.AsObject())))];
    }

    public static async Task<HttpResponseMessage> DecideAsync(HttpClient changeTeam, string campaignId, string commentId, object decision) =>
        await changeTeam.PostAsJsonAsync($"/api/campaigns/{campaignId}/comment-review/{commentId}", decision);

    /// <summary>Publishes every comment waiting in the queue as written; returns how many.</summary>
    public static async Task<int> PublishAllAsync(HttpClient changeTeam, string campaignId)
    {
        var queue = await QueueAsync(changeTeam, campaignId);
        foreach (var (_, comment) in queue)
        {
            var response = await DecideAsync(changeTeam, campaignId, comment["id"]!.GetValue<string>(), new { decision = "publish" });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        return queue.Count;
    }
}
