using System.Text.RegularExpressions;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Organisation;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Edges;

/// <summary>
/// No browser, proxy or shared computer keeps a response about respondents: every GET endpoint the app maps,
/// called as an administrator over the demo's closed and open campaigns, answers Cache-Control: no-store, except
/// the few below that carry nothing about anyone.
/// </summary>
public sealed partial class NoStoreTests : IDisposable
{
    /// <summary>Route prefixes that may be cached, and why.</summary>
    private static readonly (string Prefix, string Why)[] Cacheable =
    [
        ("/survey-assets/", "the survey's stylesheets and script: content-hashed files, the same for everyone, kept for a year"),
        ("/workspace-assets/", "the workspace's stylesheet: a content-hashed file, the same for everyone"),
        ("/health/", "an instance's health for load balancers: \"Healthy\" or \"Unhealthy\", nothing else"),
        ("/openapi/", "the API's description, the same for everyone"),
        ("/favicon.", "the icon browsers ask for: the platform's own file, the same for everyone"),
    ];

    private readonly TestApp _app = new(demo: true);

    public void Dispose() => _app.Dispose();

    [GeneratedRegex(@"\{(?<name>[^}:?]+)[^}]*\}")]
    private static partial Regex Parameter();

    [Fact]
    public async Task EveryGetEndpointSaysNoStoreExceptThePlatformsOwnFiles()
    {
        var admin = await WorkspaceClient.SignedInAsync(_app);
        var campaigns = await _app.Services.GetRequiredService<CampaignStore>().AllAsync();
        var units = await _app.Services.GetRequiredService<UnitStore>().AllAsync();
        var instrument = _app.Services.GetRequiredService<InstrumentCatalogue>().Latest("psychological-safety")!;
        var finding = (await _app.Services.GetRequiredService<CultureDiagnostics.Data.Diagnostics.DiagnosticsStore>().FindingsAsync())[0];
        var action = (await _app.Services.GetRequiredService<CultureDiagnostics.Data.Deliver.ActionStore>().AllAsync())[0];
        // Each GET endpoint is called over a closed campaign (results published) and an open one (live counts).
        var valueSets = new[] { CampaignStatus.Closed, CampaignStatus.Open }.Select(status =>
        {
            var campaign = campaigns.First(c => c.Status == status && c.Instruments.Any(i => i.InstrumentId == instrument.Id));
            var unit = campaign.Units[0];
            return (Campaign: campaign, Unit: units.Single(u => u.Id == unit.UnitId).Code, unit.AccessCode);
        }).ToList();

        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") ?? true)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Distinct()
            .ToList();
        Assert.Contains("/api/campaigns/{id}/results.csv", endpoints);
        var missing = new List<string>();
        var unanswered = new List<string>();
        var cacheableSeen = 0;
        foreach (var pattern in endpoints)
        {
            var answered = false;
            foreach (var (campaign, unit, accessCode) in valueSets)
            {
                var url = Parameter().Replace(pattern, m => m.Groups["name"].Value switch
                {
                    "id" when pattern.StartsWith("/api/instruments", StringComparison.Ordinal) => instrument.Id,
                    "id" when pattern.Contains("/findings/", StringComparison.Ordinal) => finding.Id,
                    "id" when pattern.Contains("/actions/", StringComparison.Ordinal) => action.Id,
                    "version" => instrument.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "id" or "campaignId" => campaign.Id,
                    "code" when pattern.StartsWith("/s/", StringComparison.Ordinal) || pattern.StartsWith("/api/survey/", StringComparison.Ordinal) => accessCode,
                    "code" => unit,
                    "question" => instrument.Demographics[0].Id,
                    "documentName" => "v1",
                    var name => throw new InvalidOperationException($"No value for {{{name}}} in {pattern}: add one."),
                });
                using var response = await admin.GetAsync(url);
                answered |= (int)response.StatusCode < 400;
                var cacheControl = response.Headers.CacheControl;
                if (Cacheable.Any(c => pattern.StartsWith(c.Prefix, StringComparison.Ordinal)))
                {
                    cacheableSeen++;
                    continue;
                }

                if (cacheControl?.NoStore != true)
                {
                    missing.Add($"{url} ({(int)response.StatusCode}, Cache-Control: {cacheControl?.ToString() ?? "none"})");
                }
            }

            if (!answered)
            {
                unanswered.Add(pattern);
            }
        }

        Assert.True(missing.Count == 0, "Without Cache-Control: no-store:\n" + string.Join("\n", missing));
        // Every endpoint answered with what it carries at least once, so the headers above were those of real content.
        Assert.True(unanswered.Count == 0, "No successful answer from:\n" + string.Join("\n", unanswered));
        Assert.True(cacheableSeen > 0);
        Assert.Contains(endpoints, e => e.StartsWith("/dashboard/", StringComparison.Ordinal));
    }
}
