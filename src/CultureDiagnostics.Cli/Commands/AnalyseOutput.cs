using System.Text;
using System.Text.Json;
using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Cli.Commands;

/// <summary>Renders a scale analysis: JSON in the reference's shape (psychological-safety/expected.json), or a text table.</summary>
internal static class AnalyseOutput
{
    public static string Json(ScaleAnalysisResult result) => Output.Json(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("alpha");
        w.Number("raw", result.Alpha.Raw);
        w.Number("std", result.Alpha.Standardised);
        w.Number("average_r", result.Alpha.AverageR);
        w.Number("spearman_brown", result.Alpha.SpearmanBrown);
        w.WriteStartArray("items");
        foreach (var item in result.Alpha.Items)
        {
            w.WriteStartObject();
            w.WriteString("item", item.Item);
            w.Number("r_drop", item.RDrop);
            w.Number("alpha_if_deleted", item.AlphaIfDeleted);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();

        if (result.Icc is { } icc)
        {
            w.WriteStartObject("icc");
            w.Number("msb", icc.Msb);
            w.Number("msw", icc.Msw);
            w.Number("k", icc.K);
            w.Number("icc1", icc.Icc1);
            w.Number("icc2", icc.Icc2);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("icc");
        }

        w.WriteStartObject("scale_score_mean_ci95");
        w.Number("mean", result.ScaleScore.Mean);
        w.Number("low", result.ScaleScore.MeanCi95?.Low);
        w.Number("high", result.ScaleScore.MeanCi95?.High);
        w.WriteEndObject();

        w.WriteStartArray("items");
        foreach (var item in result.Items)
        {
            w.WriteStartObject();
            w.WriteString("item", item.Item);
            w.WriteNumber("n", item.N);
            w.WriteNumber("favourable", item.Favourable.Count);
            w.Number("percent", item.Favourable.Share);
            w.Number("wilson_low", item.Favourable.Ci95?.Low);
            w.Number("wilson_high", item.Favourable.Ci95?.High);
            w.Number("mean", item.Mean);
            w.Number("sd", item.Sd);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("teams");
        foreach (var team in result.Groups)
        {
            w.WriteStartObject();
            w.Label("team", team.Label);
            w.WriteNumber("n", team.ScaleScore.N);
            w.Number("mean", team.ScaleScore.Mean);
            w.Number("sd", team.ScaleScore.Sd);
            w.Number("rwg_j", team.RwgJ);
            w.Number("rwg_j_listwise", team.RwgJListwise);
            w.Number("awg_listwise", team.AwgListwise);
            w.Number("rwg_scale_score", team.RwgScaleScore);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        var (a, b, mw) = LargestTwo(result);
        if (mw is not null)
        {
            w.WriteStartObject("mann_whitney");
            w.Label("team_a", a!.Label);
            w.Label("team_b", b!.Label);
            w.Number("W", mw.W);
            w.Number("p", mw.P);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("mann_whitney");
        }

        w.WriteStartObject("kruskal_wallis");
        w.Number("H", result.KruskalWallis.H);
        w.WriteNumber("df", result.KruskalWallis.Df);
        w.Number("p", result.KruskalWallis.P);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>Mann–Whitney between the two largest groups (by scored respondents), as the reference reports.</summary>
    public static (GroupResult? A, GroupResult? B, MannWhitneyResult? Test) LargestTwo(ScaleAnalysisResult result)
    {
        var largest = result.Groups.Where(g => g.ScaleScore.N > 0).OrderByDescending(g => g.ScaleScore.N).Take(2).ToArray();
        return largest.Length < 2 ? (null, null, null) : (largest[0], largest[1], result.CompareGroups(largest[0].Group, largest[1].Group));
    }

    public static string Table(ScaleAnalysisResult result)
    {
        var s = new StringBuilder();
        var f = (Func<double?, int, string>)Output.Fixed;
        s.AppendLine($"Scale score: {Scoring.ScaleScoreRule} (here at least {result.MinimumAnswered} answered)");
        s.AppendLine($"Cronbach's alpha {f(result.Alpha.Raw, 3)} (standardised {f(result.Alpha.Standardised, 3)}, average r {f(result.Alpha.AverageR, 3)}){(result.Alpha.SpearmanBrown is { } sb ? $"; two items: Spearman–Brown {f(sb, 3)}" : "")}");
        s.AppendLine("Items are summarised after reverse-scoring, as the scale score uses them: a reverse-keyed item's answer x counts as");
        s.AppendLine("min + max − x, so its mean, median and distribution (from the least to the most favourable point) are not what people chose.");
        s.AppendLine();
        s.AppendLine($"{"item",-10}{"n",6}{"mean",8}{"95% CI",18}{"sd",7}{"median",8}{"fav %",8}{"95% CI",16}{"unfav %",9}  distribution");
        foreach (var i in result.Items)
        {
            var alpha = result.Alpha.Items.First(x => x.Item == i.Item);
            s.AppendLine($"{i.Item,-10}{i.N,6}{f(i.Mean, 2),8}{Range(i.MeanCi95, 2),18}{f(i.Sd, 2),7}{f(i.Median, 1),8}{Percent(i.Favourable.Share),8}{PercentRange(i.Favourable.Ci95),16}{Percent(i.Unfavourable.Share),9}  {string.Join(' ', i.Distribution)}   r.drop {f(alpha.RDrop, 3)}, alpha if deleted {f(alpha.AlphaIfDeleted, 3)}");
        }

        var all = result.ScaleScore;
        s.AppendLine();
        s.AppendLine($"Scale score: n {all.N}, mean {f(all.Mean, 3)} {Range(all.MeanCi95, 3)}, sd {f(all.Sd, 3)}, median {f(all.Median, 3)}");
        s.AppendLine();
        s.AppendLine($"{"group",-12}{"n",5}{"mean",8}{"95% CI",18}{"sd",7}{"median",8}{"rwg(j)",8}{"rwg(j) lw",10}{"awg lw",8}{"rwg score",10}");
        foreach (var g in result.Groups)
        {
            var c = g.ScaleScore;
            s.AppendLine($"{g.Label,-12}{c.N,5}{f(c.Mean, 2),8}{Range(c.MeanCi95, 2),18}{f(c.Sd, 2),7}{f(c.Median, 2),8}{f(g.RwgJ, 3),8}{f(g.RwgJListwise, 3),10}{f(g.AwgListwise, 3),8}{f(g.RwgScaleScore, 3),10}");
        }

        s.AppendLine();
        s.AppendLine($"Groups with rwg(j) >= {Agreement.RwgThreshold:F2}: {Percent(result.ShareOfGroupsAgreeing)} of {result.GroupsWithRwgJ}");
        if (result.Icc is { } icc)
        {
            s.AppendLine($"ICC(1) {f(icc.Icc1, 3)}, ICC(2) {f(icc.Icc2, 3)} (MSB {f(icc.Msb, 3)}, MSW {f(icc.Msw, 3)}, k {f(icc.K, 2)})");
        }

        var kw = result.KruskalWallis;
        s.AppendLine($"Kruskal-Wallis H {f(kw.H, 3)}, df {kw.Df}, p {P(kw.P)}, epsilon-squared {f(kw.EpsilonSquared, 3)}");
        var (a, b, mw) = LargestTwo(result);
        if (mw is not null)
        {
            s.Append($"Mann-Whitney {a!.Label} vs {b!.Label} (largest groups): W {f(mw.W, 1)}, p {P(mw.P)}, rank-biserial {f(mw.RankBiserial, 3)}");
        }

        return s.ToString().TrimEnd();
    }

    private static string Range(Interval? i, int decimals) => i is { } v ? $"[{Output.Fixed(v.Low, decimals)}, {Output.Fixed(v.High, decimals)}]" : "-";

    private static string Percent(double? share) => share is { } v ? Output.Fixed(100 * v, 1) : "-";

    private static string PercentRange(Interval? i) => i is { } v ? $"[{Percent(v.Low)}, {Percent(v.High)}]" : "-";

    private static string P(double? p) => p is { } v ? v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
