using System.Globalization;
using ClosedXML.Excel;
using CultureDiagnostics.Core.Spc;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Application.Results;

namespace CultureDiagnostics.Application.Workbook;

/// <summary>What the workbook is about and how to read it.</summary>
internal static class AboutSheet
{
    public const string Name = "About";

    private static readonly Column[] Columns = [new("Topic", 26, CellFormat.Wrapped), new("Detail", 100, CellFormat.Wrapped)];

    public static void Write(XLWorkbook workbook, WorkbookContent content, IReadOnlyList<string> sheets)
    {
        var campaign = content.Campaign;
        var organisation = content.Results.Heatmap.Count > 0 ? content.Results.Heatmap[0] : null;
        var sheet = SheetWriter.Sheet(workbook, Name, $"Synthesis workbook: {content.Organisation}",
            $"{campaign.Title}, {Date(campaign.OpensOn)} to {Date(campaign.EndedOn)}. Produced by CultureDiagnostics on {Date(content.GeneratedOn)}.");
        var rows = new List<object?[]>
        {
            Row("Organisation", content.Organisation),
            Row("Campaign", $"{campaign.Title} (id {campaign.Id})"),
            Row("Dates", $"Opened {Date(campaign.OpensOn)}, closed {Date(campaign.EndedOn)}"),
            Row("Instruments", string.Join("\n", content.Instruments.Select(i => $"{i.Title} ({i.Id}, version {i.Version})"))),
            Row("Respondents", content.Results.Respondents.Value is { } n
                ? n.ToString("#,##0", CultureInfo.InvariantCulture)
                : Words.Hidden(content.Results.Respondents.FewerThan)),
            Row("Response rate", organisation?.ResponseRatePercent is { } rate
                ? $"{rate}% of the headcount recorded in the structure"
                : "not shown (no headcount recorded, or too few responses)"),
            Row("Thresholds", $"Scores are shown for groups of at least {campaign.Thresholds.Scores} respondents; comments (not in this workbook) for at least {campaign.Thresholds.Comments}. Both were fixed when the campaign opened."),
            Row("Sheets", string.Join("\n", sheets)),
            Row("Scale scores", ResultsMapper.ScaleScoreRule + " Higher is more favourable on every scale."),
            Row("Intervals", "Means carry a 95% t interval and shares a 95% interval: the range that would contain the true value in 95 of 100 such surveys. A scale's % favourable pools several answers from each person, and one person's answers are alike, so its interval counts people rather than answers (Korn–Graubard, with each person's answers one cluster); an item's share uses the Wilson interval. Where everyone answered alike the interval allows for others answering differently, and narrows as more people answer. A difference is real only when it still stands out once every comparison of its kind in the campaign is allowed for (controlling the false discovery rate, Benjamini–Hochberg); overlapping intervals are not a test."),
            Row("Suppression", $"A group with fewer than {campaign.Thresholds.Scores} respondents shows no figures: its cells read \"fewer than {campaign.Thresholds.Scores} responses\". A group hidden so that it cannot be subtracted from a larger one (which would reveal a smaller group) reads \"withheld\": it has at least the threshold. Empty cells are never hidden figures."),
            Row("Reliability and agreement", $"Cronbach's alpha: how consistently a scale's items measure one thing (0.70 or more is usual). rwg(j): how much a team's members agree ({ResultsMapper.AgreementCutOff:0.00} or more justifies a team score), against answers spread evenly and, more strictly, against answers leaning slightly towards agreeing, as staff surveys' answers do; over many items even random answers give a high rwg(j), so a team's agreement counts only when it is beyond what 95 in 100 teams of its size answering at random reach. AD(M)(J): how far, on average, members' answers lie from their team's mean (at most a sixth of the number of answer options is agreement). ICC(1): the share of differences in answers that lies between teams; ICC(2): how reliably team means tell teams apart. \"not defined\" means the statistic cannot be computed for that group (for example without variance)."),
            Row("SPC variation", string.Join("\n", new[] { PointTypes.CommonCause, PointTypes.Improvement, PointTypes.Concern, PointTypes.NeutralHigh, PointTypes.NeutralLow, null }
                .Select(p => SpcWording.Variation(p).Words))),
            Row("SPC assurance", string.Join("\n", new[] { AssuranceTypes.ConsistentPass, AssuranceTypes.ConsistentFail, AssuranceTypes.Inconsistent, null }
                .Select(a => SpcWording.Assurance(a).Words))),
            Row("Colours", "Every status is written in words; colour only repeats it: blue for a strength, an improvement or agreement, orange for an area to develop or a concern, grey for neutral, mixed or hidden."),
            Row("Anonymity", "Built only from the figures the platform publishes, after its disclosure rules: no respondent-level data and no comments. Share it as you would the results pages."),
        };
        SheetWriter.Table(sheet, SheetWriter.TitleRows + 1, "About", Columns, rows);
        SheetWriter.Finish(sheet, SheetWriter.TitleRows + 1, 1, landscape: false);
    }

    private static object?[] Row(string topic, string detail) => [topic, detail];

    private static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
