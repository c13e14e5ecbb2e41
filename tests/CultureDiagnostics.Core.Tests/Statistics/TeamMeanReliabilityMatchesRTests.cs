using System.Globalization;
using System.Text.Json;
using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Core.Tests.Statistics;

/// <summary>
/// Reference/icc-unbalanced: each team's mean reliability (ICC(1) with k0, stepped up to the team's size by
/// Spearman–Brown) in the psychological-safety data, and three teams with the same mean whose ICC(1), from R's aov,
/// is below 0 and read as 0.
/// </summary>
public sealed class TeamMeanReliabilityMatchesRTests
{
    private static readonly JsonElement Expected = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "icc-unbalanced", "expected.json"))).RootElement;

    [Fact]
    public void EachTeamsMeanIsAsReliableAsItsSizeAndTheIccAllow()
    {
        var icc1 = PsychologicalSafetyReference.Result.Icc!.Icc1;
        var teams = Expected.GetProperty("teams").EnumerateArray().ToList();
        Assert.Equal(30, teams.Count);
        foreach (var team in teams)
        {
            var id = team.GetProperty("team").GetInt32();
            var size = PsychologicalSafetyReference.Team(id).ScaleScore.N;
            Assert.Equal(team.GetProperty("n").GetInt32(), size);
            PsychologicalSafetyReference.Close(team.GetProperty("mean_reliability").GetDouble(), Agreement.TeamMeanReliability(size, icc1), $"team {id}");
        }
    }

    [Fact]
    public void AnIccBelowZeroIsReadAsZeroAndNoTeamMeanIsReliable()
    {
        var alike = Expected.GetProperty("alike");
        var scores = alike.GetProperty("scores").EnumerateArray().Select(r => (Team: r.GetProperty("team").GetInt32(), Score: r.GetProperty("score").GetDouble())).ToList();
        var groups = scores.GroupBy(s => s.Team).OrderBy(g => g.Key).ToList();
        var sizes = groups.Select(g => g.Count()).ToArray();
        var means = groups.Select(g => g.Average(s => s.Score)).ToArray();
        var within = groups.Sum(g => g.Sum(s => Math.Pow(s.Score - g.Average(x => x.Score), 2)));
        var icc = Agreement.Icc(sizes, means, within)!;

        PsychologicalSafetyReference.Close(alike.GetProperty("k0").GetDouble(), icc.K, "k0");
        PsychologicalSafetyReference.Close(alike.GetProperty("icc1_k0").GetDouble(), icc.Icc1, "icc1");
        Assert.True(icc.Icc1 < 0);
        var reliabilities = alike.GetProperty("mean_reliability").EnumerateArray().Select(r => r.GetDouble()).ToList();
        for (var g = 0; g < sizes.Length; g++)
        {
            PsychologicalSafetyReference.Close(reliabilities[g], Agreement.TeamMeanReliability(sizes[g], icc.Icc1), $"team {g.ToString(CultureInfo.InvariantCulture)}");
        }

        Assert.StartsWith("below zero, read as zero", Agreement.IccReading(icc.Icc1), StringComparison.Ordinal);
    }
}
