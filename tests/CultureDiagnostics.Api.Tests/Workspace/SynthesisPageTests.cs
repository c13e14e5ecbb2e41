using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Core.Diagnostics;

namespace CultureDiagnostics.Api.Tests.Workspace;

/// <summary>The synthesis page's forms when what is posted cannot be saved: GOV.UK's error summary, linked to the field, in words.</summary>
public sealed class SynthesisPageTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task ATooLongConclusionIsNotSavedAndTheSummaryLinksToItsFieldWhichKeepsTheText()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        var text = "Handovers are rushed. " + new string('x', FindingRules.MaxEvidenceLength);
        var response = await WorkspaceClient.PostFormAsync(client, "/workspace/synthesis", "/workspace/synthesis/cells",
            ("element", "teamwork"), ("source", "culture-focus-groups"), ("conclusion", text));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _app.Count("synthesis_cells"));
        var page = await ParseAsync(response);
        Assert.StartsWith("Error:", page.Title, StringComparison.Ordinal);
        var link = Assert.Single(page.QuerySelectorAll(".error-summary a"));
        Assert.Equal("#c-teamwork-culture-focus-groups", link.GetAttribute("href"));
        Assert.Contains("Teamwork", link.TextContent, StringComparison.Ordinal);
        Assert.Contains("Culture focus groups", link.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("conclusion:", link.TextContent, StringComparison.Ordinal);

        var field = page.GetElementById("c-teamwork-culture-focus-groups")!;
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Equal(text, field.TextContent);
        var message = page.GetElementById(field.GetAttribute("aria-describedby")!)!;
        Assert.Contains("at most", message.TextContent, StringComparison.Ordinal);
        // Only the field in error is marked.
        Assert.Single(page.QuerySelectorAll("[aria-invalid=true]"));
    }

    [Fact]
    public async Task AJudgementNotInTheListIsNotSavedAndTheSummaryLinksToTheElementsChoice()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        var response = await WorkspaceClient.PostFormAsync(client, "/workspace/synthesis", "/workspace/synthesis/elements",
            ("element", "teamwork"), ("judgement", "splendid"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _app.Count("synthesis_elements"));
        var page = await ParseAsync(response);
        var link = Assert.Single(page.QuerySelectorAll(".error-summary a"));
        Assert.Equal("#j-teamwork", link.GetAttribute("href"));
        Assert.Contains("Area to develop", link.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("null", link.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.GetElementById("j-teamwork")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task AFormNamingNoElementIsNotSavedAndSaysSoInWords()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        var response = await WorkspaceClient.PostFormAsync(client, "/workspace/synthesis", "/workspace/synthesis/cells",
            ("element", "kindness"), ("source", "gossip"), ("conclusion", "Nothing."));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _app.Count("synthesis_cells"));
        var page = await ParseAsync(response);
        var link = Assert.Single(page.QuerySelectorAll(".error-summary a"));
        Assert.NotNull(page.GetElementById(link.GetAttribute("href")![1..]));
        Assert.DoesNotContain("kindness", link.TextContent, StringComparison.Ordinal);
    }
}
