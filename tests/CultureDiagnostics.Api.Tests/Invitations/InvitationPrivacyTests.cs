using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Invitations;

/// <summary>
/// What the workspace and the API can never learn about e-mailed invitations: a token, whether an invitation is
/// spent, and (once the campaign has closed) the list of addresses, which is deleted then.
/// </summary>
public sealed partial class InvitationPrivacyTests : IAsyncLifetime
{
    private readonly MailTest _test = new();

    public async Task InitializeAsync() => await _test.WithOpenCampaignAsync();

    public async Task DisposeAsync() => await _test.DisposeAsync();

    [Fact]
    public async Task NoPageReachableFromTheCampaignAndNoApiResponseContainsAnIssuedToken()
    {
        await _test.ImportOnThePageAsync(MailTest.List(4));
        await _test.Smtp.WaitForAsync(4);
        await _test.OutboxDrainedAsync();
        await Scenario.SubmitAsync(_test.App, Scenario.ValidSubmission(_test.App, _test.Smtp.Received[0].Token));
        await _test.PressRemindersAsync();
        await _test.Smtp.WaitForAsync(7);
        await _test.OutboxDrainedAsync();
        var tokens = _test.Smtp.Received.Select(m => m.Token).ToList();

        var seen = await EverythingTheWorkspaceSeesAsync();

        Assert.True(seen.Count > 15, $"The crawl reached only {seen.Count} pages and responses: {string.Join(", ", seen.Keys)}");
        Assert.Contains(seen.Keys, k => k.EndsWith("/invitations", StringComparison.Ordinal));
        Assert.Contains(seen.Keys, k => k.EndsWith("/invitees", StringComparison.Ordinal));
        foreach (var (address, body) in seen)
        {
            Assert.All(tokens, token => Assert.False(body.Contains(token, StringComparison.Ordinal), $"{address} shows the token {token}"));
        }

        // Nor does the database hold one: every table's text, row by row.
        using var db = _test.App.OpenDatabase();
        foreach (var table in _test.App.Tables().Where(t => !t.Contains("schema", StringComparison.OrdinalIgnoreCase)))
        {
            var rows = db.Query($"SELECT * FROM {table}").Select(r => string.Join("|", ((IDictionary<string, object?>)r).Values)).ToList();
            Assert.All(tokens, token => Assert.DoesNotContain(rows, row => row.Contains(token, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task ASpentAndAnUnspentInvitationLookTheSameToTheWorkspaceAndTheApi()
    {
        await _test.ImportOnThePageAsync(MailTest.List(4));
        var mails = await _test.Smtp.WaitForAsync(4);
        await _test.OutboxDrainedAsync();
        var before = await EverythingTheWorkspaceSeesAsync();

        await Scenario.SubmitAsync(_test.App, Scenario.ValidSubmission(_test.App, mails[0].Token));
        var after = await EverythingTheWorkspaceSeesAsync();

        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, page => Assert.True(page.Value == after[page.Key], $"{page.Key} changed once an invitation was spent"));

        // Even someone holding both links sees the same survey behind each until they send an answer.
        var client = _test.App.CreateClient();
        var spent = await (await client.GetAsync($"/api/survey/{mails[0].Token}")).Content.ReadAsStringAsync();
        var unspent = await (await client.GetAsync($"/api/survey/{mails[1].Token}")).Content.ReadAsStringAsync();
        Assert.Equal(Regex.Replace(spent, "Team (One|Two)", "Team"), Regex.Replace(unspent, "Team (One|Two)", "Team"));
    }

    [Fact]
    public async Task ClosingTheCampaignOnItsPageDeletesItsListOfAddresses()
    {
        await _test.ImportOnThePageAsync(MailTest.List(3));
        await _test.Smtp.WaitForAsync(3);
        Assert.Equal(3, CountFor("invitation_recipients"));

        var closed = await WorkspaceClient.PostFormAsync(_test.Team, _test.CampaignPage, $"{_test.CampaignPage}/close");

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(0, CountFor("invitation_recipients"));
        Assert.Equal(0, CountFor("invitation_outbox"));
        var page = await _test.Team.GetStringAsync($"{_test.CampaignPage}/invitations");
        Assert.Contains("Its list of addresses was deleted when it closed", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACampaignPastItsClosingDateLosesItsListOfAddresses()
    {
        await _test.ImportOnThePageAsync(MailTest.List(3));
        await _test.Smtp.WaitForAsync(3);

        _test.App.Clock.Now = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        _test.App.Services.GetRequiredService<CultureDiagnostics.Application.Invitations.InvitationOutboxSignal>().Pulse();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (CountFor("invitation_recipients") > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The list of a campaign past its closing date was kept.");
            await Task.Delay(25);
        }

        Assert.Equal(0, CountFor("invitation_outbox"));
    }

    [Fact]
    public void TheListOfAddressesIsKeptApartFromResponses()
    {
        // Neither side names the other: no column of the list refers to a response, and no respondent table to the list or an invitation.
        Assert.Equal(["id", "campaign_id", "unit_id", "address", "token_hash"], _test.App.ColumnsOf("invitation_recipients"));
        foreach (var table in new[] { "responses", "answers", "comments", "demographic_answers", "submission_keys" })
        {
            Assert.DoesNotContain(_test.App.ColumnsOf(table), c => c.Contains("invit", StringComparison.Ordinal) || c.Contains("token", StringComparison.Ordinal)
                || c.Contains("address", StringComparison.Ordinal) || c.Contains("recipient", StringComparison.Ordinal));
        }

        _test.App.AssertNoOrderOfArrivalIsKept("invitation_recipients");
    }

    private long CountFor(string table)
    {
        using var db = _test.App.OpenDatabase();
        return db.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table} WHERE campaign_id = @Id", new { Id = _test.CampaignId });
    }

    /// <summary>
    /// Every page the change team reaches from the campaign page by following links (within the platform), and the
    /// answer of every GET endpoint the API describes for this campaign: each body by its address, with the
    /// anti-forgery tokens (new on every page) blanked.
    /// </summary>
    private async Task<Dictionary<string, string>> EverythingTheWorkspaceSeesAsync()
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([_test.CampaignPage]);
        while (queue.Count > 0 && seen.Count < 300)
        {
            var address = queue.Dequeue();
            if (seen.ContainsKey(address))
            {
                continue;
            }

            var response = await _test.Team.GetAsync(address);
            var body = TraceId().Replace(AntiforgeryValue().Replace(await response.Content.ReadAsStringAsync(), ""), "");
            seen[address] = $"{(int)response.StatusCode} {body}";
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            foreach (var href in WorkspaceClient.Parse(body).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                var path = href.Split('#')[0];
                if (path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) && !seen.ContainsKey(path))
                {
                    queue.Enqueue(path);
                }
            }
        }

        var openApi = JsonNode.Parse(await _test.Team.GetStringAsync("/openapi/v1.json"))!["paths"]!.AsObject();
        foreach (var (template, operations) in openApi)
        {
            if (operations!["get"] is null)
            {
                continue;
            }

            var path = template.Replace("{id}", _test.CampaignId, StringComparison.Ordinal).Replace("{campaignId}", _test.CampaignId, StringComparison.Ordinal)
                .Replace("{code}", "TEAM-1", StringComparison.Ordinal);
            if (!path.Contains('{', StringComparison.Ordinal) && !seen.ContainsKey(path))
            {
                var response = await _test.Team.GetAsync(path);
                seen[path] = $"{(int)response.StatusCode} {TraceId().Replace(await response.Content.ReadAsStringAsync(), "")}";
            }
        }

        return seen;
    }

    [GeneratedRegex("(?<=name=\"__RequestVerificationToken\" value=\")[^\"]*")]
    private static partial Regex AntiforgeryValue();

    /// <summary>The request's own id in problem details, new on every request.</summary>
    [GeneratedRegex("(?<=\"traceId\":\")[^\"]*")]
    private static partial Regex TraceId();
}
