using System.Text.Json;
using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Core.Tests.Statistics;

/// <summary>
/// Reference/clustered-favourable: a scale's pooled % favourable and unfavourable in the psychological-safety data,
/// for everyone and each team, with the cluster-robust standard error of R's survey::svymean (ids = ~respondent) and
/// the Korn–Graubard interval of survey::svyciprop (method = "beta"); groups whose share is 0 or 1 with
/// Clopper–Pearson on their respondents (binom.test). make-expected.R beside the values made them.
/// </summary>
public sealed class ClusteredFavourableMatchesRTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Reference", "clustered-favourable");

    [Fact]
    public void PooledSharesAndTheirIntervalsTreatEachRespondentsAnswersAsOneCluster()
    {
        var cases = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json"))).RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(62, cases.Count);
        var result = PsychologicalSafetyReference.Result;
        foreach (var c in cases)
        {
            var group = c.GetProperty("group").GetString()!;
            var favourable = c.GetProperty("what").GetString() == "favourable";
            var groups = group == "all" ? result.Groups : [PsychologicalSafetyReference.Team(int.Parse(group, System.Globalization.CultureInfo.InvariantCulture))];
            var counts = groups.Aggregate(default(ClusteredCounts), (sum, g) => sum + (favourable ? g.PooledFavourable : g.PooledUnfavourable));
            var summary = ClusteredProportion.Summarise(counts);
            var what = $"team {group}, {c.GetProperty("what").GetString()}";

            Assert.Equal(c.GetProperty("respondents").GetInt32(), summary.Respondents);
            Assert.Equal(c.GetProperty("answers").GetInt32(), summary.N);
            Assert.Equal(c.GetProperty("count").GetInt32(), summary.Count);
            PsychologicalSafetyReference.Close(c.GetProperty("share").GetDouble(), summary.Share, $"{what}: share");
            if (c.TryGetProperty("se", out var se))
            {
                PsychologicalSafetyReference.Close(se.GetDouble(), Math.Sqrt(ClusteredProportion.Variance(counts)), $"{what}: standard error");
            }

            if (c.GetProperty("method").GetString() == "none")
            {
                Assert.Null(summary.Ci95);
                continue;
            }

            PsychologicalSafetyReference.Close(c.GetProperty("low").GetDouble(), summary.Ci95?.Low, $"{what}: low");
            PsychologicalSafetyReference.Close(c.GetProperty("high").GetDouble(), summary.Ci95?.High, $"{what}: high");
        }
    }

    [Fact]
    public void TheOrganisationsIntervalIsWiderThanOneThatCountsEveryAnswerAsIndependent()
    {
        var counts = PsychologicalSafetyReference.Result.Groups.Aggregate(default(ClusteredCounts), (sum, g) => sum + g.PooledFavourable);
        var clustered = ClusteredProportion.Summarise(counts).Ci95!.Value;
        var independent = Proportions.Wilson((int)counts.Successes, (int)counts.Answers)!.Value;
        var ratio = (clustered.High - clustered.Low) / (independent.High - independent.Low);
        Assert.True(ratio > 1.7, $"clustered interval only {ratio:0.00} times as wide as the independent one");
    }

    [Fact]
    public void RespondentsWhoAllSplitTheirAnswersAlikeStillGetAnIntervalNoNarrowerThanTheirAnswersAllow()
    {
        // Thirty people each gave one favourable answer of two: no variation between respondents, a variance of 0 and
        // an effective sample size without end. It is capped at the sixty answers, so the interval keeps a width.
        var counts = Enumerable.Range(0, 30).Aggregate(default(ClusteredCounts), (sum, _) => sum + ClusteredCounts.Of(1, 2));
        Assert.Equal(0, ClusteredProportion.Variance(counts));
        var summary = ClusteredProportion.Summarise(counts);
        Assert.Equal(0.5, summary.Share);
        var ci = summary.Ci95!.Value;
        Assert.True(ci.Low is > 0.3 and < 0.45 && ci.High is > 0.55 and < 0.7, $"{ci}");
    }
}
