using System.Globalization;
using System.Text.Json;
using CultureDiagnostics.Core.Statistics;
using static CultureDiagnostics.Core.Tests.Statistics.PsychologicalSafetyReference;

namespace CultureDiagnostics.Core.Tests.Statistics;

/// <summary>
/// Reference/agreement-at-scale-ends: teams unanimous at the top or the bottom of the scale, teams where everyone gave
/// an end answer on some items only, a team of one; and a two-item scale. Values from make-expected.R beside the data
/// (multilevel::awg, psych::alpha), reproduced to 1e-9.
/// </summary>
public sealed class AgreementAtScaleEndsMatchesRTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Reference", "agreement-at-scale-ends");

    private static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json"))).RootElement;

    public static TheoryData<int> Teams() => [.. Expected.GetProperty("awg").EnumerateArray().Select(t => t.GetProperty("team").GetInt32())];

    [Theory]
    [MemberData(nameof(Teams))]
    public void AwgCountsAnItemOnWhichEveryoneGaveAnEndAnswerAsCompleteAgreement(int team)
    {
        var result = ScaleAnalysis.Analyse(Load("a1", "a2", "a3", "a4"));
        var expected = Expected.GetProperty("awg").EnumerateArray().Single(t => t.GetProperty("team").GetInt32() == team);
        var actual = result.Groups.Single(g => g.Label == team.ToString(CultureInfo.InvariantCulture));
        Close(Number(expected, "awg"), actual.AwgListwise, $"team {team} awg");
    }

    [Fact]
    public void ATwoItemScaleHasAlphaIfDeletedAsPsychReportsItAndItsSpearmanBrownCoefficient()
    {
        var alpha = ScaleAnalysis.Analyse(Load("b1", "b2")).Alpha;
        var expected = Expected.GetProperty("two_item");
        Close(Number(expected, "alpha_raw"), alpha.Raw, "alpha");
        Close(Number(expected, "alpha_standardised"), alpha.Standardised, "standardised alpha");
        Close(Number(expected, "spearman_brown"), alpha.SpearmanBrown, "Spearman–Brown");
        foreach (var item in expected.GetProperty("items").EnumerateArray())
        {
            var id = item.GetProperty("item").GetString()!;
            var actual = alpha.Items.Single(i => i.Item == id);
            Close(Number(item, "alpha_if_deleted"), actual.AlphaIfDeleted, $"{id} alpha if deleted");
            Close(Number(item, "r_drop"), actual.RDrop, $"{id} r.drop");
        }
    }

    [Fact]
    public void SpearmanBrownIsOnlyForTwoItems() =>
        Assert.Null(ScaleAnalysis.Analyse(Load("a1", "a2", "a3", "a4")).Alpha.SpearmanBrown);

    private static ScaleDataSet Load(params string[] items)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, "responses.csv")).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        var columns = items.Select(i => Array.IndexOf(header, i)).ToArray();
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var teams = rows.Select(r => int.Parse(r[0], CultureInfo.InvariantCulture)).ToArray();
        var labels = teams.Distinct().Order().ToArray();
        return new ScaleDataSet(
            items,
            1,
            5,
            items.Select(_ => false).ToArray(),
            labels.Select(t => t.ToString(CultureInfo.InvariantCulture)).ToArray(),
            teams.Select(t => Array.IndexOf(labels, t)).ToArray(),
            rows.SelectMany(r => columns.Select(c => r[c].Length == 0 ? double.NaN : double.Parse(r[c], CultureInfo.InvariantCulture))).ToArray());
    }
}
