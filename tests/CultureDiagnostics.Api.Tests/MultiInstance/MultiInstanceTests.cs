using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using CultureDiagnostics.Api.Demo;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Survey;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Responses;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.MultiInstance;

/// <summary>
/// Several instances behind one PostgreSQL database behave as one: the races a load balancer makes
/// possible (the same request to two instances at once) are decided by the database.
/// </summary>
public sealed class MultiInstanceTests : IDisposable
{
    private readonly Lazy<TwoInstances> _instances = new(() => new TwoInstances());

    private TestApp A => _instances.Value.First;

    private TestApp B => _instances.Value.Second;

    public void Dispose()
    {
        if (_instances.IsValueCreated)
        {
            _instances.Value.Dispose();
        }
    }

    [PostgresFact]
    public async Task TheTwoInstancesListenOnDifferentPortsAndShareOneDatabase()
    {
        await _instances.Value.StartTogetherAsync();
        Assert.NotEqual(A.CreateClient().BaseAddress!.Port, B.CreateClient().BaseAddress!.Port);

        var campaign = await Scenario.OpenCampaignAsync(A);
        var seenByB = await TestApp.ReadObjectAsync(await (await B.SignedInClientAsync()).GetAsync($"/api/campaigns/{campaign.CampaignId}"));
        Assert.Equal("open", seenByB["status"]!.GetValue<string>());
    }

    [PostgresFact]
    public async Task SameIdempotencyKeySentToBothInstancesAtOnceIsStoredOnce()
    {
        var campaign = await Scenario.OpenCampaignAsync(A);
        var submissions = Enumerable.Range(0, 25).Select(_ => Scenario.ValidSubmission(A, campaign.Code)).ToList();
        var (a, b) = (A.CreateClient(), B.CreateClient());

        var answers = await Task.WhenAll(submissions.Select(async s =>
        {
            var both = await Task.WhenAll(a.PostAsJsonAsync("/api/responses", s), b.PostAsJsonAsync("/api/responses", s));
            return both.Select(r => r.StatusCode).Order().ToArray();
        }));

        // One instance stores it (201); the other finds it stored (200), whichever came first.
        Assert.All(answers, pair => Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created], pair));
        Assert.Equal(submissions.Count, A.Count("responses"));
        Assert.Equal(submissions.Count, A.Count("submission_keys"));
        Assert.Equal(submissions.Count, A.Count("answers")); // one instrument each: nothing stored twice in part
    }

    [PostgresFact]
    public async Task SameInvitationSentToBothInstancesAtOnceIsUsedOnce()
    {
        var (admin, id, _) = await DraftCampaignOnAAsync("Invited wave", invitationsOnly: true);
        (await admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        var issued = await TestApp.ReadObjectAsync(await admin.PostAsJsonAsync($"/api/campaigns/{id}/invitations", new { unit = "TEAM-1", count = 20 }));
        var tokens = issued["invitations"]!.AsArray().Select(i => i!["token"]!.GetValue<string>()).ToList();
        var (a, b) = (A.CreateClient(), B.CreateClient());

        // A respondent who opened the link on two devices sends twice, each with its own idempotency key.
        var answers = await Task.WhenAll(tokens.Select(async token =>
        {
            var both = await Task.WhenAll(
                a.PostAsJsonAsync("/api/responses", Scenario.ValidSubmission(A, token)),
                b.PostAsJsonAsync("/api/responses", Scenario.ValidSubmission(B, token)));
            return both.Select(r => r.StatusCode).Order().ToArray();
        }));

        Assert.All(answers, pair => Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], pair));
        Assert.Equal(tokens.Count, A.Count("responses"));
        using var db = A.OpenDatabase();
        Assert.Equal(tokens.Count, db.ExecuteScalar<long>("SELECT COUNT(*) FROM invitations WHERE used = 1"));
    }

    [PostgresFact]
    public async Task CampaignOpenedAndClosedOnOneInstanceIsHonouredByTheOtherEvenMidFlight()
    {
        var (admin, id, code) = await DraftCampaignOnAAsync("Pulse", invitationsOnly: false);
        var b = B.CreateClient();

        Assert.Equal(HttpStatusCode.Conflict, (await b.PostAsJsonAsync("/api/responses", Scenario.ValidSubmission(B, code))).StatusCode);
        (await admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await b.PostAsJsonAsync("/api/responses", Scenario.ValidSubmission(B, code))).StatusCode);

        // Respondents keep sending to B while A closes the campaign.
        var acknowledged = 1;
        var closed = 0; // 1 once A's close has returned
        var lateAcceptances = new ConcurrentBag<string>();
        async Task RespondentAsync()
        {
            while (true)
            {
                var closedBefore = Volatile.Read(ref closed) == 1;
                var response = await b.PostAsJsonAsync("/api/responses", Scenario.ValidSubmission(B, code));
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref acknowledged);
                    if (closedBefore)
                    {
                        lateAcceptances.Add(await response.Content.ReadAsStringAsync());
                    }
                }
                else
                {
                    Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
                    return;
                }
            }
        }

        var respondents = Enumerable.Range(0, 4).Select(_ => Task.Run(RespondentAsync)).ToList();
        while (Volatile.Read(ref acknowledged) < 20)
        {
            await Task.Delay(10);
        }

        (await admin.PostAsync($"/api/campaigns/{id}/close", null)).EnsureSuccessStatusCode();
        Volatile.Write(ref closed, 1);
        await Task.WhenAll(respondents);

        Assert.Empty(lateAcceptances);
        Assert.Equal(acknowledged, A.Count("responses"));
        Assert.Equal(acknowledged, A.Count("submission_keys"));
        Assert.Equal(HttpStatusCode.Gone, (await b.PostAsJsonAsync("/api/responses", Scenario.ValidSubmission(B, code))).StatusCode);
    }

    [PostgresFact]
    public async Task ResponseCheckedByOneInstanceIsRefusedWhenTheOtherClosedTheCampaignBeforeItWasStored()
    {
        var campaign = await Scenario.OpenCampaignAsync(A);
        // B has checked the campaign (open) and the answers; A closes the campaign; then B stores.
        var intake = B.Services.GetRequiredService<Application.Responses.ResponseIntake>();
        var access = (await intake.FindAsync(campaign.Code, CancellationToken.None))!;
        Assert.Equal(Core.Campaigns.Acceptance.Accepting, intake.AcceptanceOf(access.Campaign));
        var instrument = Scenario.Instrument(B);
        var answers = instrument.ScaleItems.Select(i => new AcceptedAnswer(instrument.Id, i.Id, 3, null, false)).ToList();
        (await campaign.Admin.PostAsync($"/api/campaigns/{campaign.CampaignId}/close", null)).EnsureSuccessStatusCode();

        var outcome = await B.Services.GetRequiredService<ResponseStore>().StoreAsync(
            campaign.CampaignId, access.UnitId, Guid.NewGuid().ToString("N"), new AcceptedSubmission(answers, [], []));

        Assert.Equal(StoreOutcome.CampaignNotOpen, outcome);
        Assert.Equal(0, A.CountRespondentRows());
    }

    [PostgresFact]
    public async Task SignInOnOneInstanceIsHonouredByTheOther()
    {
        var email = "lead@test.example";
        await A.Services.GetRequiredService<Data.Accounts.AccountStore>().CreateAsync(email, "Lead", TestApp.Password, "administrator");
        var signIn = await A.CreateClient().PostAsJsonAsync("/api/auth/sign-in", new { email, password = TestApp.Password });
        signIn.EnsureSuccessStatusCode();
        var cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        var b = B.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await b.GetAsync("/api/units")).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/units");
        request.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await b.SendAsync(request)).StatusCode);
    }

    [PostgresFact]
    public async Task SurveyPagesStartedOnOneInstanceAreSentFromTheOther()
    {
        var campaign = await Scenario.OpenCampaignAsync(A);
        var onA = await (await new SurveyForm(A.CreateClient(), campaign.Code).OpenAsync()).StartAsync();
        await onA.AnswerAllAsync();

        // The next request lands on B with the progress A sealed: B opens it with the shared key ring.
        var onB = new SurveyForm(B.CreateClient(), campaign.Code);
        await onB.PostFormAsync(new() { ["go"] = "send", ["state"] = onA.State, ["at"] = onA.At });

        Assert.Equal(1, B.Count("responses"));
        Assert.Contains("received", onB.Html, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task ResultsCachedByOneInstanceFollowResponsesStoredThroughTheOther()
    {
        var campaign = await Scenario.OpenCampaignAsync(A);
        for (var i = 0; i < 6; i++)
        {
            await Scenario.SubmitAsync(A, Scenario.ValidSubmission(A, campaign.Code));
        }

        var readerOnB = await B.SignedInClientAsync();
        var url = $"/api/campaigns/{campaign.CampaignId}/results";
        // B analyses the open campaign (not published yet), then A closes it: B must not serve its stale verdict.
        Assert.Equal(HttpStatusCode.Conflict, (await readerOnB.GetAsync(url)).StatusCode);
        (await campaign.Admin.PostAsync($"/api/campaigns/{campaign.CampaignId}/close", null)).EnsureSuccessStatusCode();
        var first = await TestApp.ReadObjectAsync(await readerOnB.GetAsync(url));
        Assert.Equal(6, first["respondents"]!["value"]!.GetValue<int>());

        // An earlier wave's paper responses imported through A after closing.
        var unitId = (await A.Services.GetRequiredService<CampaignStore>().FindAsync(campaign.CampaignId))!.Units[0].UnitId;
        var instrument = Scenario.Instrument(A);
        var answers = instrument.ScaleItems.Select(i => new AcceptedAnswer(instrument.Id, i.Id, 3, null, false)).ToList();
        await A.Services.GetRequiredService<ResponseStore>().StoreBatchAsync(
            campaign.CampaignId, [(unitId, new DateOnly(2026, 11, 20), new AcceptedSubmission(answers, [], []))]);

        var second = await TestApp.ReadObjectAsync(await readerOnB.GetAsync(url));
        Assert.Equal(7, second["respondents"]!["value"]!.GetValue<int>());
    }

    [PostgresFact]
    public async Task InstancesStartingTogetherMigrateOnceAndLoadTheDemoOnce()
    {
        using var instances = new TwoInstances(demo: true);
        await instances.StartTogetherAsync();

        using var db = instances.First.OpenDatabase();
        var scripts = db.Query<string>("SELECT scriptname FROM schemaversions").ToList();
        Assert.Equal(scripts.Distinct().Count(), scripts.Count);
        Assert.Contains(scripts, s => s.EndsWith("0001_initial.sql", StringComparison.Ordinal));
        Assert.Equal(3, instances.First.Count("campaigns"));
        Assert.Equal(1, db.ExecuteScalar<long>("SELECT COUNT(*) FROM users WHERE email = @Email", new { Email = DemoData.AdminEmail }));
        // One key ring: the first instance made the key, the second found it.
        Assert.Equal(1, instances.First.Count("data_protection_keys"));
    }

    // A campaign for TEAM-1 created (not opened) through instance A: its administrator, id and the unit's code.
    private async Task<(HttpClient Admin, string Id, string Code)> DraftCampaignOnAAsync(string title, bool invitationsOnly)
    {
        var admin = await A.SignedInClientAsync();
        (await admin.PostAsync("/api/units/import", new StringContent(Scenario.StructureCsv, System.Text.Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var created = await TestApp.ReadObjectAsync(await admin.PostAsJsonAsync("/api/campaigns", new
        {
            title,
            opensOn = "2026-11-01",
            closesOn = "2026-11-30",
            instruments = new[] { new { id = "psychological-safety" } },
            units = new[] { "TEAM-1" },
            invitationsOnly,
        }));
        return (admin, created["id"]!.GetValue<string>(), created["units"]![0]!["accessCode"]!.GetValue<string>());
    }
}
