using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Organisation;
using CultureDiagnostics.Data.Responses;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Comments;

/// <summary>
/// Over random organisations (directorates answering through their own link too), random thresholds and random
/// numbers of respondents and comments, through the real endpoints: the review queue never lists a group below the
/// comment threshold, lists each comment under a group it belongs to, and holds exactly the comments that can be
/// published, no more (a reviewer never reads a comment nobody may ever see) and no fewer.
/// </summary>
public sealed partial class ReviewQueueProperties
{
    private const int Organisations = 10;

    [GeneratedRegex(@"^note from (?<unit>\S+) #\d+$")]
    private static partial Regex NoteFrom();

    [Fact]
    public async Task TheQueueListsOnlyGroupsAtTheCommentThresholdAndExactlyTheCommentsThatCanBePublished()
    {
        var (queued, stored, groups) = (0, 0, 0);
        for (var seed = 1; seed <= Organisations; seed++)
        {
            var (inQueue, inDatabase, listed) = await CheckOrganisationAsync(seed);
            (queued, stored, groups) = (queued + inQueue, stored + inDatabase, groups + listed);
        }

        // Not vacuous: groups were listed, and comments of groups too small were kept from the reviewer.
        Assert.True(groups > 0 && queued > 0 && queued < stored, $"{groups} groups listed, {queued} of {stored} comments queued");
    }

    private static async Task<(int Queued, int Stored, int Groups)> CheckOrganisationAsync(int seed)
    {
        using var app = new TestApp();
        var random = new Random(seed);
        var scoreThreshold = random.Next(3, 8);
        var commentThreshold = random.Next(Math.Max(10, scoreThreshold), 16);
        var parents = new Dictionary<string, string?> { ["ORG"] = null };
        var csv = new StringBuilder("code,name,parent_code\nORG,Trust,\n");
        for (var d = 0; d < random.Next(2, 5); d++)
        {
            parents[$"d{d}"] = "ORG";
            csv.Append(CultureInfo.InvariantCulture, $"d{d},Directorate {d},ORG\n");
            for (var t = 0; t < random.Next(1, 4); t++)
            {
                parents[$"d{d}-t{t}"] = $"d{d}";
                csv.Append(CultureInfo.InvariantCulture, $"d{d}-t{t},Team {d}.{t},d{d}\n");
            }
        }

        var admin = await app.SignedInClientAsync();
        (await admin.PostAsync("/api/units/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var created = await admin.PostAsJsonAsync("/api/campaigns", new
        {
            title = "Random", opensOn = "2026-11-01", closesOn = "2026-11-30", scoreThreshold, commentThreshold,
            instruments = new[] { new { id = "psychological-safety" } }, units = parents.Keys.Where(k => k != "ORG"),
        });
        var id = (await TestApp.ReadObjectAsync(created))["id"]!.GetValue<string>();
        (await admin.PostAsync($"/api/campaigns/{id}/open", null)).EnsureSuccessStatusCode();

        // Respondents through each unit's link, most with a comment that says where it came from; every other
        // organisation small, so that often no group at all reaches the comment threshold.
        var small = seed % 2 == 0;
        var instrument = Scenario.Instrument(app);
        var campaign = (await app.Services.GetRequiredService<CampaignStore>().FindAsync(id))!;
        var codeOf = (await app.Services.GetRequiredService<UnitStore>().AllAsync()).ToDictionary(u => u.Id, u => u.Code);
        var direct = parents.Keys.ToDictionary(k => k, _ => 0);
        var batch = new List<(string, DateOnly, AcceptedSubmission)>();
        var stored = 0;
        foreach (var unit in campaign.Units)
        {
            var code = codeOf[unit.UnitId];
            direct[code] = small ? random.Next(0, 3) : random.Next(0, 3) == 0 ? random.Next(0, 4) : random.Next(0, 13);
            for (var r = 0; r < direct[code]; r++)
            {
                List<AcceptedComment> comments = random.NextDouble() < 0.7 ? [new(instrument.Id, "ps-comment", $"note from {code} #{r}")] : [];
                stored += comments.Count;
                batch.Add((unit.UnitId, new DateOnly(2026, 11, 5), new AcceptedSubmission(
                    [.. instrument.ScaleItems.Select(i => new AcceptedAnswer(instrument.Id, i.Id, random.Next(1, 8), null, false))], comments, [])));
            }
        }

        await app.Services.GetRequiredService<ResponseStore>().StoreBatchAsync(id, batch);
        (await admin.PostAsync($"/api/campaigns/{id}/close", null)).EnsureSuccessStatusCode();

        bool Under(string unit, string group) => unit == group || (parents[unit] is { } parent && Under(parent, group));
        int Respondents(string group) => direct.Where(d => Under(d.Key, group)).Sum(d => d.Value);

        var queue = await Reviewer.QueueAsync(admin, id);
        var listed = queue.Select(q => q.Group).Distinct().ToList();
        var texts = queue.Select(q => q.Comment["text"]!.GetValue<string>()).ToList();
        var context = $"seed {seed}, thresholds {scoreThreshold}/{commentThreshold}";
        Assert.All(listed, group => Assert.True(Respondents(group) >= commentThreshold, $"{context}: {group} of {Respondents(group)} respondents is listed"));
        Assert.All(listed, group => Assert.DoesNotContain(listed, other => other != group && Under(group, other)));
        Assert.All(queue, q => Assert.True(Under(NoteFrom().Match(q.Comment["text"]!.GetValue<string>()).Groups["unit"].Value, q.Group), $"{context}: a comment listed outside its group"));
        Assert.Equal(texts.Count, texts.Distinct().Count());

        // Once all are published, each unit's published comments are exactly the queued comments of the units under it.
        await Reviewer.PublishAllAsync(admin, id);
        var everPublished = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in parents.Keys)
        {
            var published = await TestApp.ReadObjectAsync(await admin.GetAsync($"/api/campaigns/{id}/comments?unit={unit}"));
            var shown = published["comments"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()).ToList();
            everPublished.UnionWith(shown);
            if (published["shown"]!.GetValue<bool>())
            {
                Assert.Equal(texts.Where(t => Under(NoteFrom().Match(t).Groups["unit"].Value, unit)).Order(), shown.Order());
            }
        }

        Assert.True(everPublished.SetEquals(texts), $"{context}: published {everPublished.Count}, queued {texts.Count}");
        return (texts.Count, stored, listed.Count);
    }
}
