using System.Text.Json;
using static CultureDiagnostics.Cli.Tests.CliRunner;

namespace CultureDiagnostics.Cli.Tests;

public class AnalyseCommandTests
{
    private static readonly string[] ReferenceArgs =
        ["analyse", DataPath("responses.csv"), "--group", "team", "--items", "q1,q2,q3,q4,q5,q6,q7", "--scale", "1..7", "--reverse", "q1,q3,q5"];

    private static readonly string[] ResultBlocks =
        ["alpha", "icc", "scale_score_mean_ci95", "items", "teams", "mann_whitney", "kruskal_wallis"];

    [Fact]
    public void JsonOutputHasTheReferenceShapeAndEveryValueWithin1e9()
    {
        var (exit, output, error) = Run([.. ReferenceArgs, "--format", "json"]);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        using var actual = JsonDocument.Parse(output);
        // ICC(1) uses k0, the group size of an unbalanced design, rather than multilevel's N/J: its two values come
        // from R's aov on the same data (icc-unbalanced.json, made by Core.Tests/Reference/icc-unbalanced/make-expected.R).
        var expected = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(DataPath("expected.json")))!;
        var unbalanced = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(DataPath("icc-unbalanced.json")))!;
        expected["icc"]!["k"] = unbalanced["k0"]!.GetValue<double>();
        expected["icc"]!["icc1"] = unbalanced["icc1_k0"]!.GetValue<double>();
        using var reference = JsonDocument.Parse(expected.ToJsonString());
        Assert.Equal(ResultBlocks, actual.RootElement.EnumerateObject().Select(p => p.Name));
        foreach (var block in ResultBlocks)
        {
            JsonComparison.AssertContains(reference.RootElement.GetProperty(block), actual.RootElement.GetProperty(block), block);
        }
    }

    [Fact]
    public void TableIsTheDefaultAndShowsAlphaTeamsAndTheScoringRule()
    {
        var (exit, output, _) = Run(ReferenceArgs);

        Assert.Equal(0, exit);
        Assert.Contains("Cronbach's alpha 0.932", output, StringComparison.Ordinal);
        Assert.Contains("at least 4 answered", output, StringComparison.Ordinal);
        Assert.Contains("ICC(1) 0.410", output, StringComparison.Ordinal);
        Assert.Contains("Mann-Whitney 13 vs 22", output, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsReportedOnStderrWithNonZeroExit()
    {
        var (exit, output, error) = Run("analyse", DataPath("no-such.csv"), "--group", "team", "--items", "q1");

        Assert.NotEqual(0, exit);
        Assert.Empty(output);
        Assert.Contains("file not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFileIsRejected()
    {
        var (exit, _, error) = Run("analyse", DataPath("empty.csv"), "--group", "team", "--items", "q1");

        Assert.NotEqual(0, exit);
        Assert.Contains("empty", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RaggedRowIsRejectedNamingItsRow()
    {
        var (exit, _, error) = Run("analyse", DataPath("ragged.csv"), "--group", "team", "--items", "q1,q2");

        Assert.NotEqual(0, exit);
        Assert.Contains("row 3", error, StringComparison.Ordinal);
        Assert.Contains("2 cells where the header has 3", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownColumnIsRejectedListingTheColumnsThereAre()
    {
        var (exit, _, error) = Run("analyse", DataPath("responses.csv"), "--group", "unit", "--items", "q1");

        Assert.NotEqual(0, exit);
        Assert.Contains("no column 'unit'", error, StringComparison.Ordinal);
        Assert.Contains("team, respondent, q1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NonNumericAnswerIsRejectedNamingRowAndColumn()
    {
        var (exit, _, error) = Run("analyse", DataPath("non-numeric.csv"), "--group", "team", "--items", "q1,q2");

        Assert.NotEqual(0, exit);
        Assert.Contains("row 3, column 'q1': 'five' is not a number", error, StringComparison.Ordinal);
    }

    [Fact]
    public void OutOfScaleAnswerIsRejectedNamingRowAndColumn()
    {
        var (exit, _, error) = Run("analyse", DataPath("out-of-scale.csv"), "--group", "team", "--items", "q1,q2", "--scale", "1..7");

        Assert.NotEqual(0, exit);
        Assert.Contains("row 3, column 'q1': 9 is not a point of the 1..7 scale", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReverseItemOutsideTheItemListIsRejected()
    {
        var (exit, _, error) = Run("analyse", DataPath("responses.csv"), "--group", "team", "--items", "q1,q2", "--reverse", "q3");

        Assert.NotEqual(0, exit);
        Assert.Contains("'q3'", error, StringComparison.Ordinal);
    }
}
