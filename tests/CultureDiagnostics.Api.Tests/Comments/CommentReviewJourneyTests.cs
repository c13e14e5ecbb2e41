using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;
using CultureDiagnostics.Data.Accounts;

namespace CultureDiagnostics.Api.Tests.Comments;

/// <summary>
/// An analyst reviews a closed campaign's comments in the workspace, reaching the queue by the campaign page's link
/// and deciding through each comment's form: what they publish is published as they left it, nothing else is.
/// </summary>
public sealed class CommentReviewJourneyTests : IDisposable
{
    private const string BandSeven = "Since the new band 7 started on Ash ward, handovers run on time.";
    private const string Matron = "Our matron listens, but nothing changes.";
    private const string Desk = "Whoever is on the front desk on level 2 takes the abuse.";

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>Six respondents in each team, each with a comment: the trust's twelve reach the comment threshold, neither team does.</summary>
    private async Task<string> ClosedCampaignWithCommentsAsync()
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        string[] comments = [BandSeven, Matron, Desk, "More staff on nights, please.", "Handover is rushed.", "Breaks get cancelled."];
        foreach (var code in new[] { campaign.Code, campaign.SecondCode })
        {
            for (var i = 0; i < 6; i++)
            {
                var submission = Scenario.ValidSubmission(_app, code);
                submission["comments"] = new JsonArray(new JsonObject
                {
                    ["instrument"] = "psychological-safety", ["item"] = "ps-comment", ["text"] = code == campaign.Code ? comments[i] : $"{comments[i]} Again.",
                });
                await Scenario.SubmitAsync(_app, submission);
            }
        }

        (await campaign.Admin.PostAsync($"/api/campaigns/{campaign.CampaignId}/close", null)).EnsureSuccessStatusCode();
        return campaign.CampaignId;
    }

    private static IElement Link(IDocument page, string text) =>
        page.QuerySelectorAll("a[href]").First(a => a.TextContent.Trim() == text);

    private static IElement ItemWith(IDocument queue, string text) =>
        queue.QuerySelectorAll("article.review").Single(a => CommentText(a) == text);

    /// <summary>The comment as written: its quotation without the reasons shown beside the marks.</summary>
    private static string CommentText(IElement item) =>
        string.Concat(item.QuerySelector("blockquote")!.ChildNodes.Where(n => n is not IElement { ClassName: "why" }).Select(n => n.TextContent));

    /// <summary>Sends a comment's form as its buttons do: its token, the boxes ticked by their labels, the typed words and the button's decision.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, IElement item, string decision, string[]? tick = null, string? phrase = null)
    {
        var form = item.QuerySelector("form")!;
        var fields = new List<KeyValuePair<string, string>>
        {
            new(WorkspaceClient.TokenField, form.QuerySelector($"input[name={WorkspaceClient.TokenField}]")!.GetAttribute("value")!),
            new("decision", form.QuerySelectorAll("button[name=decision]").Single(b => b.GetAttribute("value") == decision).GetAttribute("value")!),
            new("phrase", phrase ?? ""),
        };
        foreach (var label in form.QuerySelectorAll("fieldset label").Where(l => tick?.Any(t => l.TextContent.Contains($"“{t}”", StringComparison.Ordinal)) == true))
        {
            fields.Add(new("remove", label.QuerySelector("input[type=checkbox]")!.GetAttribute("value")!));
        }

        return await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task AnAnalystPublishesWithholdsAndRemovesWordsAndOnlyWhatTheyPublishIsPublishedAsReviewed()
    {
        var id = await ClosedCampaignWithCommentsAsync();
        var analyst = await WorkspaceClient.SignedInAsync(_app, Roles.Analyst);

        // From the campaigns to the campaign to its queue, by the links the pages show.
        var campaigns = await WorkspaceClient.ParseAsync(await analyst.GetAsync("/workspace/campaigns"));
        var campaignPage = await WorkspaceClient.ParseAsync(await analyst.GetAsync(Link(campaigns, "Test wave").GetAttribute("href")));
        var queueUrl = Link(campaignPage, "Review comments").GetAttribute("href")!;
        var queue = await WorkspaceClient.ParseAsync(await analyst.GetAsync(queueUrl));
        Assert.Contains("12 comments to review", queue.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Test Trust (12 respondents)"], queue.QuerySelectorAll("main h2").Select(h => h.TextContent.Trim()));

        // What the screening suspects is marked, with its reason in words beside the mark.
        var bandSeven = ItemWith(queue, BandSeven);
        Assert.Equal(["the new band 7", "Ash ward"], bandSeven.QuerySelectorAll("blockquote mark").Select(m => m.TextContent));
        Assert.Equal(["(role held by one person)", "(place)"], bandSeven.QuerySelectorAll("blockquote .why").Select(m => m.TextContent.Trim()));

        // Publish with one suspect ticked: published without it.
        var published = await SendAsync(analyst, bandSeven, "publish", tick: ["Ash ward"]);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        queue = await WorkspaceClient.ParseAsync(await analyst.GetAsync(published.Headers.Location!.OriginalString));
        Assert.Contains("The comment is published.", queue.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("11 comments to review", queue.Body!.TextContent, StringComparison.Ordinal);

        // Words typed that the comment does not hold: the problem is listed, linked to the field, and nothing changes.
        var matron = ItemWith(queue, Matron);
        var wrong = await SendAsync(analyst, matron, "publish", phrase: "sister");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var withProblem = await WorkspaceClient.ParseAsync(wrong);
        var link = withProblem.QuerySelector(".error-summary a")!;
        Assert.Equal("'sister' does not occur in the comment. Type the words as they are written in it.", link.TextContent);
        Assert.Equal("true", withProblem.QuerySelector(link.GetAttribute("href")!)!.GetAttribute("aria-invalid"));
        Assert.Contains("11 comments to review", withProblem.Body!.TextContent, StringComparison.Ordinal);

        // Remove typed words and keep it in the queue: the page shows it without them; then withhold it.
        var removed = await SendAsync(analyst, matron, "remove", phrase: "matron");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        queue = await WorkspaceClient.ParseAsync(await analyst.GetAsync(removed.Headers.Location!.OriginalString));
        matron = ItemWith(queue, "Our [removed] listens, but nothing changes.");
        Assert.Equal(["Our [removed] listens, but nothing changes."], queue.QuerySelectorAll("article.review").Select(CommentText).Where(t => t.StartsWith("Our", StringComparison.Ordinal) && !t.EndsWith("Again.", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(analyst, matron, "withhold")).StatusCode);

        // Publish the desk comment with its place ticked.
        queue = await WorkspaceClient.ParseAsync(await analyst.GetAsync(queueUrl));
        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(analyst, ItemWith(queue, Desk), "publish", tick: ["front desk on level 2"])).StatusCode);

        var api = await TestApp.ReadObjectAsync(await analyst.GetAsync($"/api/campaigns/{id}/comments"));
        Assert.True(api["shown"]!.GetValue<bool>());
        Assert.Equal(
            ["Since the new band 7 started on [removed], handovers run on time.", "Whoever is on the [removed] takes the abuse."],
            api["comments"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var afterwards = await WorkspaceClient.ParseAsync(await analyst.GetAsync(queueUrl));
        Assert.Contains("9 comments to review; 2 published, 1 withheld.", afterwards.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADecisionWithoutAButtonIsRefusedInWordsLinkedToTheComment()
    {
        var id = await ClosedCampaignWithCommentsAsync();
        var analyst = await WorkspaceClient.SignedInAsync(_app, Roles.Analyst);
        var queue = await WorkspaceClient.ParseAsync(await analyst.GetAsync($"/workspace/campaigns/{id}/comments"));
        var item = ItemWith(queue, Desk);
        var form = item.QuerySelector("form")!;

        var response = await analyst.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(
            [new(WorkspaceClient.TokenField, form.QuerySelector($"input[name={WorkspaceClient.TokenField}]")!.GetAttribute("value")!)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await WorkspaceClient.ParseAsync(response);
        var link = page.QuerySelector(".error-summary a")!;
        Assert.Equal("#" + item.Id, link.GetAttribute("href"));
        Assert.Equal("Choose what to do with the comment: publish it, remove the chosen words, or withhold it.", link.TextContent);
        Assert.Equal(12, (await Reviewer.QueueAsync(analyst, id)).Count);
    }

    [Fact]
    public async Task TheBoardCannotReachTheQueueAndNeitherCanAnyoneBeforeTheCampaignCloses()
    {
        var campaign = await Scenario.OpenCampaignAsync(_app);
        var analyst = await WorkspaceClient.SignedInAsync(_app, Roles.Analyst);
        Assert.Equal(HttpStatusCode.Conflict, (await analyst.GetAsync($"/workspace/campaigns/{campaign.CampaignId}/comments")).StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(await analyst.GetAsync($"/api/campaigns/{campaign.CampaignId}/comment-review"), 409);
        Assert.Contains("once it closes", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var campaignPage = await WorkspaceClient.ParseAsync(await analyst.GetAsync($"/workspace/campaigns/{campaign.CampaignId}"));
        Assert.DoesNotContain(campaignPage.QuerySelectorAll("a"), a => a.TextContent.Trim() == "Review comments");

        (await campaign.Admin.PostAsync($"/api/campaigns/{campaign.CampaignId}/close", null)).EnsureSuccessStatusCode();
        var board = await WorkspaceClient.SignedInAsync(_app, Roles.Board);
        Assert.Equal(HttpStatusCode.Forbidden, (await board.GetAsync($"/workspace/campaigns/{campaign.CampaignId}/comments")).StatusCode);
        await ProblemAssert.IsProblemAsync(await board.GetAsync($"/api/campaigns/{campaign.CampaignId}/comment-review"), 403);
    }
}
