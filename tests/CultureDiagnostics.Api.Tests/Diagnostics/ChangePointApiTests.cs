using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Api.Tests.Workspace;

namespace CultureDiagnostics.Api.Tests.Diagnostics;

/// <summary>
/// A metric whose process changed: the API suggests the month the sustained shift began, marking it there with a
/// reason recalculates the mean, the limits and the assurance (and every page and export that shows the chart), bad
/// input is refused naming the field with nothing stored, and removing it restores the chart.
/// </summary>
public sealed class ChangePointApiTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>Fifteen months around 5.2%, then nine around 4.15% since the wellbeing programme: below the 4.5% target.</summary>
    private async Task<HttpClient> MetricWithAShiftAsync()
    {
        var client = await _app.SignedInClientAsync();
        (await client.PostAsJsonAsync("/api/metrics", new { id = "sickness-absence", title = "Sickness absence rate", element = "support-and-compassion", direction = "decrease", target = 4.5, unit = "%" }))
            .EnsureSuccessStatusCode();
        double[] values = [5.3, 5.1, 5.4, 5.2, 5.0, 5.3, 5.2, 5.1, 5.4, 5.2, 5.3, 5.0, 5.2, 5.1, 5.3, 4.2, 4.1, 4.2, 4.15, 4.1, 4.2, 4.15, 4.1, 4.2];
        var rows = string.Concat(values.Select((v, i) => FormattableString.Invariant($"sickness-absence,{new DateOnly(2024, 1, 1).AddMonths(i):yyyy-MM},{v}\n")));
        (await client.PostAsync("/api/metrics/import", new StringContent("metric,period,value\n" + rows, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        return client;
    }

    private static async Task<JsonNode> MetricAsync(HttpClient client) =>
        (await TestApp.ReadArrayAsync(await client.GetAsync("/api/metrics"))).Single(m => m!["id"]!.GetValue<string>() == "sickness-absence")!;

    [Fact]
    public async Task MarkingTheSuggestedChangePointRecalculatesTheLimitsAndTheAssuranceAndRemovingItRestoresThem()
    {
        var client = await MetricWithAShiftAsync();
        var before = await MetricAsync(client);
        Assert.Equal("2025-04", before["suggestedChangePoint"]!.GetValue<string>());
        Assert.Equal("inconsistent", before["assurance"]!.GetValue<string>());

        var marked = await client.PostAsJsonAsync("/api/metrics/sickness-absence/change-points", new { period = "2025-04", reason = "The wellbeing programme began." });
        Assert.Equal(System.Net.HttpStatusCode.OK, marked.StatusCode);
        var after = await MetricAsync(client);
        Assert.Equal("consistent_pass", after["assurance"]!.GetValue<string>());
        Assert.Null(after["suggestedChangePoint"]);
        Assert.Equal("The wellbeing programme began.", after["changePoints"]![0]!["reason"]!.GetValue<string>());
        var points = after["points"]!.AsArray();
        var newMean = points.Skip(15).Average(p => p!["value"]!.GetValue<double>());
        Assert.Equal(newMean, points[^1]!["mean"]!.GetValue<double>(), 9);

        // The metrics page draws it, and says in the chart's words where and why the process changed.
        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/workspace/metrics"));
        Assert.Contains("The process changed from Apr 25: The wellbeing programme began.", page, StringComparison.Ordinal);

        (await client.DeleteAsync("/api/metrics/sickness-absence/change-points/2025-04")).EnsureSuccessStatusCode();
        Assert.Equal("inconsistent", (await MetricAsync(client))["assurance"]!.GetValue<string>());
        await ProblemAssert.IsProblemAsync(await client.DeleteAsync("/api/metrics/sickness-absence/change-points/2025-04"), 404);
    }

    [Fact]
    public async Task TheMetricsPageListsAChangePointsProblemsInWordsLinkedToTheFieldsOfThatMetric()
    {
        var client = await MetricWithAShiftAsync();
        var page = await WorkspaceClient.SignedInAsync(_app);
        var response = await WorkspaceClient.PostFormAsync(page, "/workspace/metrics", "/workspace/metrics/sickness-absence/change-points", ("period", "2024-01"), ("reason", " "));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var document = await WorkspaceClient.ParseAsync(response);
        var links = document.QuerySelectorAll(".error-summary li a").ToList();
        Assert.Equal(["#change-0-period", "#change-0-reason"], links.Select(a => a.GetAttribute("href")));
        Assert.Contains("later one", links[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("true", document.GetElementById("change-0-reason")!.GetAttribute("aria-invalid"));
        Assert.Empty((await MetricAsync(client))["changePoints"]!.AsArray());
    }

    [Fact]
    public async Task ABadChangePointIsRefusedNamingTheFieldAndNothingIsStored()
    {
        var client = await MetricWithAShiftAsync();
        await ProblemAssert.HasFieldErrorAsync(await client.PostAsJsonAsync("/api/metrics/sickness-absence/change-points", new { period = "2031-01", reason = "Later." }), "period");
        await ProblemAssert.HasFieldErrorAsync(await client.PostAsJsonAsync("/api/metrics/sickness-absence/change-points", new { period = "2024-01", reason = "First month." }), "period");
        await ProblemAssert.HasFieldErrorAsync(await client.PostAsJsonAsync("/api/metrics/sickness-absence/change-points", new { period = "2025-04", reason = "" }), "reason");
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/metrics/no-such-metric/change-points", new { period = "2025-04", reason = "x" }), 404);
        Assert.Empty((await MetricAsync(client))["changePoints"]!.AsArray());

        var board = await _app.SignedInClientAsync(Data.Accounts.Roles.Board);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden,
            (await board.PostAsJsonAsync("/api/metrics/sickness-absence/change-points", new { period = "2025-04", reason = "x" })).StatusCode);
    }
}
