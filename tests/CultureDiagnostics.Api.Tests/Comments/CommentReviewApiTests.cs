using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Data.Comments;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Comments;

/// <summary>The review through the JSON API: bad decisions name their field and change nothing; a reviewer can only remove words.</summary>
public sealed class CommentReviewApiTests : IDisposable
{
    private const string Text = "Since the new band 7 started on Ash ward, handovers run on time.";

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>A closed campaign with <paramref name="first"/> and <paramref name="second"/> respondents in its two teams, each commenting.</summary>
    private async Task<(HttpClient Admin, string Id)> ClosedAsync(int first = 6, int second = 6, Func<int, string>? text = null)
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        var n = 0;
        foreach (var (code, count) in new[] { (campaign.Code, first), (campaign.SecondCode, second) })
        {
            for (var i = 0; i < count; i++, n++)
            {
                var submission = Scenario.ValidSubmission(_app, code);
                submission["comments"] = new JsonArray(new JsonObject { ["instrument"] = "psychological-safety", ["item"] = "ps-comment", ["text"] = text?.Invoke(n) ?? Text });
                await Scenario.SubmitAsync(_app, submission);
            }
        }

        (await campaign.Admin.PostAsync($"/api/campaigns/{campaign.CampaignId}/close", null)).EnsureSuccessStatusCode();
        return (campaign.Admin, campaign.CampaignId);
    }

    [Theory]
    [InlineData("""{}""", "decision")]
    [InlineData("""{"decision":"maybe"}""", "decision")]
    [InlineData("""{"decision":"remove"}""", "remove")]
    [InlineData("""{"decision":"publish","remove":[{"start":-1,"length":3}]}""", "remove[0]")]
    [InlineData("""{"decision":"publish","remove":[{"start":5,"length":3},{"start":60,"length":30}]}""", "remove[1]")]
    [InlineData("""{"decision":"publish","remove":[{"start":5}]}""", "remove[0]")]
    [InlineData("""{"decision":"publish","phrases":["Rowan ward"]}""", "phrases[0]")]
    [InlineData("""{"decision":"publish","phrases":["  "]}""", "phrases[0]")]
    [InlineData("""{"decision":"publish","text":"All is well."}""", "text")]
    public async Task ABadDecisionNamesItsFieldAndChangesNothing(string body, string field)
    {
        var (admin, id) = await ClosedAsync();
        var comment = (await Reviewer.QueueAsync(admin, id))[0].Comment;

        var response = await admin.PostAsync($"/api/campaigns/{id}/comment-review/{comment["id"]}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssert.HasFieldErrorAsync(response, field);
        var queue = await Reviewer.QueueAsync(admin, id);
        Assert.Equal(12, queue.Count);
        Assert.All(queue, q => Assert.Equal(Text, q.Comment["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ACommentIsDecidedOnceAndOnlyACommentInTheQueueCanBe()
    {
        var (admin, id) = await ClosedAsync();
        var commentId = (await Reviewer.QueueAsync(admin, id))[0].Comment["id"]!.GetValue<string>();

        var first = await TestApp.ReadObjectAsync(await Reviewer.DecideAsync(admin, id, commentId, new { decision = "withhold" }));
        Assert.Equal("withheld", first["review"]!.GetValue<string>());
        var again = await ProblemAssert.IsProblemAsync(await Reviewer.DecideAsync(admin, id, commentId, new { decision = "publish" }), 409);
        Assert.Contains("withheld already", again["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await Reviewer.DecideAsync(admin, id, "no-such-comment", new { decision = "publish" }), 404);
        await ProblemAssert.IsProblemAsync(await Reviewer.DecideAsync(admin, "no-such-campaign", commentId, new { decision = "publish" }), 404);
        Assert.Empty((await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/comments")))["comments"]!.AsArray());
    }

    [Fact]
    public async Task ACommentOfAGroupTooSmallToPublishCannotBeReadOrDecidedEvenByItsId()
    {
        // Nine respondents in all: no group reaches the comment threshold of 10.
        var (admin, id) = await ClosedAsync(first: 6, second: 3);
        Assert.Empty(await Reviewer.QueueAsync(admin, id));
        using var db = _app.OpenDatabase();
        var stored = db.Query<string>("SELECT id FROM comments WHERE campaign_id = @id", new { id }).ToList();
        Assert.Equal(9, stored.Count);

        var problem = await ProblemAssert.IsProblemAsync(await Reviewer.DecideAsync(admin, id, stored[0], new { decision = "publish" }), 404);
        Assert.Equal($"No comment to review has the id '{stored[0]}'.", problem["detail"]!.GetValue<string>());
        Assert.Equal(9, db.ExecuteScalar<long>("SELECT COUNT(*) FROM comments WHERE review = 'pending'"));
    }

    [Fact]
    public async Task WhateverAReviewerRemovesThePublishedTextIsTheCommentWithStretchesReplaced()
    {
        var random = new Random(7);
        var (admin, id) = await ClosedAsync(text: n => $"Comment {n}: the ward sister on Ash ward told John Smith (our matron) that nights are short.");
        var originals = new Dictionary<string, string>();
        foreach (var (_, comment) in await Reviewer.QueueAsync(admin, id))
        {
            var text = comment["text"]!.GetValue<string>();
            var spans = Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(0, text.Length)).Select(s => new { start = s, length = random.Next(1, text.Length - s + 1) });
            var words = text.Split(' ');
            var phrases = Enumerable.Range(0, random.Next(0, 3)).Select(_ => words[random.Next(words.Length)]);
            var decided = await Reviewer.DecideAsync(admin, id, comment["id"]!.GetValue<string>(), new { decision = "publish", remove = spans, phrases });
            var reviewed = (await TestApp.ReadObjectAsync(decided))["text"]!.GetValue<string>();
            Assert.True(OnlyRemoves(text, reviewed), $"'{text}' became '{reviewed}'");
            originals[reviewed] = text;
        }

        var published = (await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/comments")))["comments"]!.AsArray();
        Assert.Equal(12, published.Count);
        Assert.All(published, c => Assert.True(originals.ContainsKey(c!["text"]!.GetValue<string>())));
    }

    [Fact]
    public async Task ADecisionOnATextThatChangedSinceItWasReadIsNotRecorded()
    {
        var (admin, id) = await ClosedAsync();
        var comment = (await Reviewer.QueueAsync(admin, id))[0].Comment;
        var store = _app.Services.GetRequiredService<CommentStore>();

        var stale = new CommentDecision(comment["id"]!.GetValue<string>(), "Since the new band 7 started, handovers run on time.", CommentReview.Published, "Anything");
        Assert.Equal(0, await store.RecordAsync(id, [stale]));
        Assert.Empty(await store.PublishedAsync(id));
    }

    /// <summary>Whether <paramref name="reviewed"/> is <paramref name="original"/> with non-empty stretches replaced by the marker.</summary>
    private static bool OnlyRemoves(string original, string reviewed)
    {
        var pieces = reviewed.Split(ReviewerRedaction.Marker).Select(Regex.Escape);
        return Regex.IsMatch(original, "^" + string.Join("(?s:.+?)", pieces) + "$");
    }
}
