using System.Text.Json;
using static CultureDiagnostics.Cli.Tests.CliRunner;

namespace CultureDiagnostics.Cli.Tests;

public class SpcCommandTests
{
    private static readonly string[] RebasedArgs =
        ["spc", DataPath("rebased.csv"), "--value", "value", "--period", "month", "--direction", "increase", "--target", "65", "--rebase-at", "13"];

    [Fact]
    public void JsonOutputOfTheRebasedSeriesMatchesNhsrPlotTheDots()
    {
        var (exit, output, error) = Run([.. RebasedArgs, "--format", "json"]);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        using var actual = JsonDocument.Parse(output);
        using var expected = JsonDocument.Parse(File.ReadAllText(DataPath("rebased.expected.json")));
        foreach (var block in new[] { "points", "assurance", "last_point_variation" })
        {
            JsonComparison.AssertContains(expected.RootElement.GetProperty(block), actual.RootElement.GetProperty(block), block);
        }

        Assert.Equal("2025-01", actual.RootElement.GetProperty("points")[12].GetProperty("period").GetString());
    }

    [Fact]
    public void TableListsEveryPointThenAssuranceAndLastPointVariation()
    {
        var (exit, output, _) = Run(RebasedArgs);

        Assert.Equal(0, exit);
        Assert.Contains("Below LCL", output, StringComparison.Ordinal);
        Assert.Contains("assurance: inconsistent", output, StringComparison.Ordinal);
        Assert.Contains("last_point_variation: common_cause", output, StringComparison.Ordinal);
    }

    [Fact]
    public void NoScreenChangesTheLimits()
    {
        var screened = Run("spc", DataPath("rebased.csv"), "--value", "value", "--direction", "increase", "--format", "json");
        var unscreened = Run("spc", DataPath("rebased.csv"), "--value", "value", "--direction", "increase", "--no-screen", "--format", "json");

        Assert.Equal(0, unscreened.ExitCode);
        var upl = (string json) => JsonDocument.Parse(json).RootElement.GetProperty("points")[0].GetProperty("upl").GetDouble();
        Assert.True(upl(unscreened.Output) > upl(screened.Output));
    }

    [Fact]
    public void EmptyValueIsRejectedNamingRowAndColumn()
    {
        var (exit, _, error) = Run("spc", DataPath("spc-gap.csv"), "--value", "value", "--direction", "increase");

        Assert.NotEqual(0, exit);
        Assert.Contains("row 3, column 'value'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownValueColumnIsRejected()
    {
        var (exit, _, error) = Run("spc", DataPath("rebased.csv"), "--value", "rate", "--direction", "increase");

        Assert.NotEqual(0, exit);
        Assert.Contains("no column 'rate'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RebaseOutsideTheSeriesIsRejected()
    {
        var (exit, _, error) = Run("spc", DataPath("rebased.csv"), "--value", "value", "--direction", "increase", "--rebase-at", "99");

        Assert.NotEqual(0, exit);
        Assert.Contains("--rebase-at 99", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownDirectionIsAParseError()
    {
        var (exit, _, error) = Run("spc", DataPath("rebased.csv"), "--value", "value", "--direction", "up");

        Assert.NotEqual(0, exit);
        Assert.NotEmpty(error);
    }
}
