using CultureDiagnostics.Api.Tests.Anonymity.Auditor.Model;
using Xunit.Abstractions;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor;

/// <summary>
/// The auditor on publications made by hand from known answers: each way of the issue that a reader recovered
/// answers must be reported, naming exactly the respondents it exposes, and publications that are safe (a tree
/// with complementary suppression, breakdowns of full categories, statistics over published teams) must pass.
/// </summary>
public sealed class HandMadePublicationTests(ITestOutputHelper output)
{
    private const string Leadership = "leadership-behaviours";
    private const string Safety = "psychological-safety";

    private static int? Varied(int respondent, CultureDiagnostics.Core.Instruments.Item item) => HandMadeOrganisation.Varied(respondent, item, 5);

    /// <summary>Varied answers on the 7-point scale, shifted so that teams differ.</summary>
    private static Func<int, CultureDiagnostics.Core.Instruments.Item, int?> Seven(int shift) => (i, item) => HandMadeOrganisation.Varied(i + shift, item, 7);

    private AuditReport Audit(HandMadeOrganisation organisation, IEnumerable<Figure> figures)
    {
        var report = organisation.Model.Check(figures.ToList());
        Assert.True(report.Mismatches.Count == 0, "Hand-made figures are the truth: " + string.Join("\n", report.Mismatches));
        foreach (var finding in report.Findings)
        {
            output.WriteLine(finding.ToString());
        }

        return report;
    }

    private static void AssertExposes(AuditReport report, HandMadeOrganisation organisation, Func<Respondent, bool> exposed)
    {
        var expected = organisation.Truth.Respondents.Where(exposed).Select(r => r.Id).Order().ToList();
        Assert.Contains(report.Findings, f => f.Respondents.Select(r => r.Id).Order().SequenceEqual(expected));
    }

    [Fact]
    public void AParentItemLessItsShownChildrenGivesTheHiddenLeadersAnswers()
    {
        // The leaders-only section: DIR's leaders answer it, TEAM-3's two leaders are hidden only by the item's own n.
        var organisation = new HandMadeOrganisation(5, Leadership, "DIR", "T1:DIR", "T2:DIR", "T3:DIR");
        organisation.Add("T1", 5, Varied, leads: true);
        organisation.Add("T1", 3, Varied);
        organisation.Add("T2", 5, Varied, leads: true);
        organisation.Add("T2", 3, Varied);
        organisation.Add("T3", 2, Varied, leads: true);
        organisation.Add("T3", 4, Varied);

        var report = Audit(organisation, new[] { "DIR", "T1", "T2" }.SelectMany(u => organisation.Items(u, "self-attending")));

        AssertExposes(report, organisation, r => r.UnitId == "T3" && r.Scored.ContainsKey((Leadership, "lb-self-at-1")));
    }

    [Fact]
    public void ScaleFiguresOfAParentLessItsChildrenGiveTheOneScoreTheHalfItemsRuleLeftInAHiddenTeam()
    {
        // TEAM-3 has five respondents with an answer, but four answered one item of four: one has a score.
        var organisation = new HandMadeOrganisation(5, Leadership, "DIR", "T1:DIR", "T2:DIR", "T3:DIR");
        organisation.Add("T1", 6, Varied);
        organisation.Add("T2", 6, Varied);
        organisation.Add("T3", 1, Varied);
        organisation.Add("T3", 4, (i, item) => item.Id == "lb-vv-1" || item.Construct != "vision-and-values" ? Varied(i, item) : null);

        var report = Audit(organisation, new[] { "DIR", "T1", "T2" }.SelectMany(u => organisation.Cell(u, "vision-and-values")));

        AssertExposes(report, organisation, r => r.UnitId == "T3" && r.Scored.ContainsKey((Leadership, "lb-vv-2")));
    }

    [Fact]
    public void AUnitsScaleFiguresLessItsShownCategoriesGiveACategoryThatHasTooFewScores()
    {
        // Both staff groups have five respondents, but two of B answered one item only: B's scores rest on three.
        var organisation = new HandMadeOrganisation(5, Leadership, "T1");
        organisation.Add("T1", 5, Varied, staffGroup: "A");
        organisation.Add("T1", 3, Varied, staffGroup: "B");
        organisation.Add("T1", 2, (i, item) => item.Id == "lb-vv-1" || item.Construct != "vision-and-values" ? Varied(i, item) : null, staffGroup: "B");

        var report = Audit(organisation, organisation.Cell("T1", "vision-and-values").Concat(organisation.Cell("T1", "vision-and-values", "A")));

        AssertExposes(report, organisation, r => r.Category("staff-group") == "B" && r.Scored.ContainsKey((Leadership, "lb-vv-2")));
    }

    [Fact]
    public void StatisticsAcrossTeamsThatIncludeHiddenTeamsGiveTheHiddenTeamsScores()
    {
        // TEAM-3 (one person) and TEAM-4 (four) are hidden together, as tree suppression allows; the ICC is not.
        var organisation = new HandMadeOrganisation(5, Safety, "ORG", "T1:ORG", "T2:ORG", "T3:ORG", "T4:ORG");
        organisation.Add("T1", 6, Seven(0));
        organisation.Add("T2", 6, Seven(2));
        organisation.Add("T3", 1, Seven(5));
        organisation.Add("T4", 4, Seven(1));
        var shown = new[] { "ORG", "T1", "T2" };

        var report = Audit(organisation, shown.SelectMany(u => organisation.Cell(u, Safety))
            .Concat(organisation.TeamLevel(Safety, shown, ["T1", "T2", "T3", "T4"])));

        AssertExposes(report, organisation, r => r.UnitId == "T3");
        AssertExposes(report, organisation, r => r.UnitId == "T4");
    }

    [Fact]
    public void ListwiseAgreementOfAShownTeamGivesItsTwoCompleteRespondentsAnswers()
    {
        var organisation = new HandMadeOrganisation(5, Leadership, "T1");
        organisation.Add("T1", 2, Varied);
        organisation.Add("T1", 4, (i, item) => item.Id == $"lb-vv-{1 + (i % 4)}" ? null : Varied(i, item));

        var report = Audit(organisation, organisation.Cell("T1", "vision-and-values").Concat(organisation.Agreement("T1", "vision-and-values")));

        AssertExposes(report, organisation, r => r.UnitId == "T1" && r.NotApplicable.Count == 0);
    }

    [Fact]
    public void ATreeWithComplementarySuppressionPasses()
    {
        // TEAM-3 (two) is hidden and TEAM-2 withheld with it: the directorate less TEAM-1 is eight people.
        var organisation = new HandMadeOrganisation(5, Safety, "ORG", "DIR:ORG", "T1:DIR", "T2:DIR", "T3:DIR");
        organisation.Add("T1", 6, Seven(0));
        organisation.Add("T2", 6, Seven(3));
        organisation.Add("T3", 2, Seven(1));
        var shown = new[] { "ORG", "DIR", "T1" };

        var report = Audit(organisation, shown.SelectMany(u => organisation.Cell(u, Safety).Concat(organisation.Items(u, Safety)))
            .Concat(organisation.Reliability(Safety)));

        Assert.Empty(report.Findings);
    }

    [Fact]
    public void BreakdownsOfFullCategoriesAndStatisticsOverPublishedTeamsPass()
    {
        // Two hidden teams of three and two are five together; the statistics across teams use the published teams only.
        var organisation = new HandMadeOrganisation(5, Safety, "ORG", "T1:ORG", "T2:ORG", "T3:ORG", "T4:ORG");
        organisation.Add("T1", 5, Seven(0), staffGroup: "A");
        organisation.Add("T1", 5, Seven(4), staffGroup: "B");
        organisation.Add("T2", 6, Seven(1), staffGroup: "A");
        organisation.Add("T3", 3, Seven(2), staffGroup: "B");
        organisation.Add("T4", 2, Seven(5), staffGroup: "A");
        var shown = new[] { "ORG", "T1", "T2" };

        var report = Audit(organisation, shown.SelectMany(u => organisation.Cell(u, Safety).Concat(organisation.Items(u, Safety)))
            .Concat(organisation.Cell("T1", Safety, "A")).Concat(organisation.Cell("T1", Safety, "B"))
            .Concat(organisation.TeamLevel(Safety, shown, ["T1", "T2"]))
            .Concat(organisation.Agreement("T1", Safety)));

        Assert.Empty(report.Findings);
    }

    [Fact]
    public void AnOrganisationOfFiveHundredWithFullBreakdownsAtEveryLevelPasses()
    {
        // Twenty-five teams of twenty; two demographic questions of four categories, five of each in every team:
        // every unit and every unit × category is published, items and all. Nothing is small, so nothing may leak.
        var tree = new List<string> { "ORG" };
        for (var d = 1; d <= 5; d++)
        {
            tree.Add($"D{d}:ORG");
            tree.AddRange(Enumerable.Range(1, 5).Select(t => $"D{d}T{t}:D{d}"));
        }

        var organisation = new HandMadeOrganisation(5, Safety, [.. tree]);
        string[] groups = ["a", "b", "c", "d"];
        foreach (var team in tree.Where(u => u.Contains('T', StringComparison.Ordinal)).Select(u => u.Split(':')[0]))
        {
            organisation.Add(team, 20, Seven(team.Length + team[^1]), categoriesOf: i => new Dictionary<string, string>
            {
                ["staff-group"] = groups[i % 4],
                ["length-of-service"] = groups[i / 5],
            });
        }

        var units = tree.Select(u => u.Split(':')[0]).ToList();
        var figures = units.SelectMany(u => organisation.Cell(u, Safety).Concat(organisation.Items(u, Safety))
            .Concat(new[] { "staff-group", "length-of-service" }.SelectMany(q => groups.SelectMany(c => organisation.Cell(u, Safety, q, c)))));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var report = Audit(organisation, figures);

        output.WriteLine($"{report.Figures} figures, {report.Equations} equations, checked in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Empty(report.Findings);
        Assert.DoesNotContain(report.Blocks, b => b.Incomplete);
    }
}
