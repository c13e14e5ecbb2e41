using System.Net;
using AngleSharp.Dom;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Core.Diagnostics;

namespace CultureDiagnostics.Api.Tests.Workspace;

/// <summary>
/// The synthesis page's one form, submitted as a browser submits it: every edit is saved by any Save button; what cannot
/// be saved (a rule broken, or a box someone else saved meanwhile) stores nothing, and the page comes back with GOV.UK's
/// error summary in words, linked to the field, with every edit still in its box.
/// </summary>
public sealed class SynthesisPageTests : IDisposable
{
    private const string Page = "/workspace/synthesis";
    private const string Form = "#synthesis-form";
    private const string FocusGroups = "c-teamwork-culture-focus-groups";
    private const string PatientExperience = "c-teamwork-patient-experience";

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TwoConclusionsAndAJudgementEditedBeforeOneSaveAreAllSaved()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        var saved = await WorkspaceClient.SubmitAsync(client, Page, Form,
            (FocusGroups, "Handovers are rushed."), (PatientExperience, "Patients notice the friction."), ("j-teamwork", "mixed"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = WorkspaceClient.Parse(await client.GetStringAsync(saved.Headers.Location!.ToString()));
        Assert.Contains("Saved your 3 changes.", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Handovers are rushed.", page.GetElementById(FocusGroups)!.TextContent);
        Assert.Equal("Patients notice the friction.", page.GetElementById(PatientExperience)!.TextContent);
        Assert.Equal("mixed", page.GetElementById("j-teamwork")!.QuerySelector("option[selected]")!.GetAttribute("value"));
        Assert.Equal(2, _app.Count("synthesis_cells"));
        Assert.Equal(1, _app.Count("synthesis_elements"));

        // Saving the page again unchanged stores nothing and says so; emptying a box removes its conclusion.
        var again = await WorkspaceClient.SubmitAsync(client, Page, Form);
        Assert.Contains("Nothing had changed", await client.GetStringAsync(again.Headers.Location!.ToString()), StringComparison.Ordinal);
        await WorkspaceClient.SubmitAsync(client, Page, Form, (PatientExperience, "  "));
        Assert.Equal(1, _app.Count("synthesis_cells"));
    }

    [Fact]
    public async Task ABoxSomeoneElseSavedMeanwhileIsNotOverwrittenAndNothingElseIsSavedUntilYouChoose()
    {
        var mine = await WorkspaceClient.SignedInAsync(_app);
        var theirs = await WorkspaceClient.SignedInAsync(_app);
        var openedEarlier = WorkspaceClient.Parse(await mine.GetStringAsync(Page));
        await WorkspaceClient.SubmitAsync(theirs, Page, Form, (FocusGroups, "Their conclusion."), ("c-teamwork-board-interviews", "Theirs, elsewhere."));

        var refused = await WorkspaceClient.SubmitAsync(mine, openedEarlier, Form, (FocusGroups, "My conclusion."), (PatientExperience, "Mine too."));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await WorkspaceClient.ParseAsync(refused);
        var link = Assert.Single(page.QuerySelectorAll(".error-summary a"));
        Assert.Equal("#" + FocusGroups, link.GetAttribute("href"));
        Assert.Contains("Someone else saved the conclusion for Teamwork from Culture focus groups", link.TextContent, StringComparison.Ordinal);
        Assert.Contains("Their conclusion.", link.TextContent, StringComparison.Ordinal);
        Assert.Equal("My conclusion.", page.GetElementById(FocusGroups)!.TextContent);
        Assert.Equal("Mine too.", page.GetElementById(PatientExperience)!.TextContent);
        Assert.Equal("Theirs, elsewhere.", page.GetElementById("c-teamwork-board-interviews")!.TextContent);
        Assert.Equal(2, _app.Count("synthesis_cells"));

        // Saving again from the page shown replaces theirs knowingly, keeps their other box, and stores my other edit.
        var saved = await WorkspaceClient.SubmitAsync(mine, page, Form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = WorkspaceClient.Parse(await mine.GetStringAsync(Page));
        Assert.Equal("My conclusion.", after.GetElementById(FocusGroups)!.TextContent);
        Assert.Equal("Mine too.", after.GetElementById(PatientExperience)!.TextContent);
        Assert.Equal("Theirs, elsewhere.", after.GetElementById("c-teamwork-board-interviews")!.TextContent);
    }

    [Fact]
    public async Task ATooLongConclusionStoresNothingAndTheSummaryLinksToItsFieldWhileEveryEditStaysInItsBox()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        var text = "Handovers are rushed. " + new string('x', FindingRules.MaxEvidenceLength);
        var response = await WorkspaceClient.SubmitAsync(client, Page, Form, (FocusGroups, text), (PatientExperience, "Kept."), ("j-teamwork", "mixed"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _app.Count("synthesis_cells"));
        Assert.Equal(0, _app.Count("synthesis_elements"));
        var page = await WorkspaceClient.ParseAsync(response);
        Assert.StartsWith("Error:", page.Title, StringComparison.Ordinal);
        var link = Assert.Single(page.QuerySelectorAll(".error-summary a"));
        Assert.Equal("#" + FocusGroups, link.GetAttribute("href"));
        Assert.Contains("Teamwork", link.TextContent, StringComparison.Ordinal);
        Assert.Contains("Culture focus groups", link.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("conclusion:", link.TextContent, StringComparison.Ordinal);

        var field = page.GetElementById(FocusGroups)!;
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Equal(text, field.TextContent);
        var message = page.GetElementById(field.GetAttribute("aria-describedby")!)!;
        Assert.Contains("at most", message.TextContent, StringComparison.Ordinal);
        Assert.Single(page.QuerySelectorAll("[aria-invalid=true]"));
        Assert.Equal("Kept.", page.GetElementById(PatientExperience)!.TextContent);
        Assert.Equal("mixed", page.GetElementById("j-teamwork")!.QuerySelector("option[selected]")!.GetAttribute("value"));

        // Shortened, the same page saves all three.
        var saved = await WorkspaceClient.SubmitAsync(client, page, Form, (FocusGroups, "Handovers are rushed."));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(2, _app.Count("synthesis_cells"));
        Assert.Equal(1, _app.Count("synthesis_elements"));
    }

    [Fact]
    public async Task AJudgementNotInTheListIsNotSavedAndTheSummaryLinksToTheElementsChoice()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        var response = await WorkspaceClient.SubmitAsync(client, Page, Form, ("j-teamwork", "splendid"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _app.Count("synthesis_elements"));
        var page = await WorkspaceClient.ParseAsync(response);
        var link = Assert.Single(page.QuerySelectorAll(".error-summary a"));
        Assert.Equal("#j-teamwork", link.GetAttribute("href"));
        Assert.Contains("Area to develop", link.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("null", link.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.GetElementById("j-teamwork")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task FieldsForElementsOrSourcesTheFrameworkDoesNotHaveChangeNothing()
    {
        var client = await WorkspaceClient.SignedInAsync(_app);
        var response = await WorkspaceClient.PostFormAsync(client, Page, Page,
            ("c-kindness-gossip", "Nothing."), ("j-kindness", "strength"), ("element", "teamwork"), ("conclusion", "Old form."));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(0, _app.Count("synthesis_cells"));
        Assert.Equal(0, _app.Count("synthesis_elements"));
    }
}
