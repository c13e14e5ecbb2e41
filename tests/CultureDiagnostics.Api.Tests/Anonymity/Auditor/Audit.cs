using CultureDiagnostics.Api.Tests.Anonymity.Auditor.Collectors;
using CultureDiagnostics.Api.Tests.Anonymity.Auditor.Model;
using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Campaigns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor;

/// <summary>What the auditor read as one account and what it found.</summary>
public sealed record AuditResult(Publication Publication, AuditReport Report)
{
    /// <summary>Fails unless every number was mapped and every mapped number is what the true answers give.</summary>
    public void AssertModelIsRight()
    {
        Assert.True(Publication.Unmapped.Count == 0, $"{Publication.Unmapped.Count} published numbers the auditor cannot map:\n" + string.Join("\n", Publication.Unmapped.Take(40)));
        Assert.True(Report.Mismatches.Count == 0, $"{Report.Mismatches.Count} published numbers differ from the truth of their population:\n" + string.Join("\n", Report.Mismatches.Take(40)));
    }

    /// <summary>Fails with every finding in words, and with every block the search could not finish (it proves nothing).</summary>
    public void AssertNothingIsDetermined()
    {
        var incomplete = Report.Blocks.Where(b => b.Incomplete).Select(b => b.Block.Name).ToList();
        Assert.True(Report.Findings.Count == 0 && incomplete.Count == 0,
            $"{Report.Findings.Count} sets of fewer than the threshold's respondents can be worked out:\n" + string.Join("\n", Report.Findings.Take(30))
            + (incomplete.Count == 0 ? "" : $"\nThe search could not finish (so proves nothing) in: {string.Join(", ", incomplete)}")
            + (Report.Unchecked.Count == 0 ? "" : $"\nNot searched after {AuditModel.MaxFindings} findings: {string.Join(", ", Report.Unchecked)}"));
    }

    public void Write(ITestOutputHelper output)
    {
        output.WriteLine($"{Report.Figures} figures ({Report.Withheld} shown empty where defined: withheld), {Report.Equations} equations in {Report.Blocks.Count} blocks; collected in {Publication.Collecting.TotalSeconds:0.0} s, "
            + $"checked against the truth in {Report.Mapping.TotalSeconds:0.0} s, solved in {Report.Solving.TotalSeconds:0.0} s; refused: {string.Join(", ", Publication.Refused.Take(5))}");
        foreach (var block in Report.Blocks.OrderByDescending(b => b.Elapsed).Take(5))
        {
            output.WriteLine($"  {block.Block.Name}: {block.Block.Members.Count} respondents, {block.Block.Equations.Count} equations, {block.Columns} columns, {block.LightRows} light rows, {block.Tested} sets tested{(block.Stopped ? " (stopped after enough findings)" : "")}, {block.Elapsed.TotalSeconds:0.00} s");
        }

        foreach (var finding in Report.Findings)
        {
            output.WriteLine($"[{string.Join(", ", finding.Kinds)}] {finding}");
        }
    }
}

/// <summary>
/// The disclosure auditor end to end: reads the true answers from the platform's database, collects everything one
/// account can read of some campaigns through the real endpoints, and checks it.
/// </summary>
public static class Audit
{
    public static async Task<AuditResult> RunAsync(TestApp app, HttpClient client, IEnumerable<string> campaignIds)
    {
        var all = (await app.Services.GetRequiredService<CampaignStore>().AllAsync()).Select(c => c.Id).ToList();
        TrueAnswers truth;
        using (var db = app.OpenDatabase())
        {
            truth = await TrueAnswers.ReadAsync(app.Services, db, all);
        }

        var model = new AuditModel(truth);
        var publication = new Publication(client, model);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var wave in campaignIds.Select(id => truth.Waves[id]))
        {
            await RatesAndCommentsCollector.RatesAsync(publication, wave);
            await ResultsCollector.CollectAsync(publication, wave);
            await RatesAndCommentsCollector.CommentsAsync(publication, wave);
            await CsvCollector.CollectAsync(publication, wave);
            await WorkbookCollector.CollectAsync(publication, wave);
            await DashboardCollector.CollectAsync(publication, wave);
            await DashboardCollector.SynthesisAsync(publication, wave);
        }

        await DashboardCollector.MetricsAsync(publication);
        publication.Collecting = clock.Elapsed;
        return new AuditResult(publication, model.Check(publication.Figures));
    }
}
