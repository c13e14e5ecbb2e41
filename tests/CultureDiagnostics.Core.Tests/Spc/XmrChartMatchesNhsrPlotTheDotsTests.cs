using CultureDiagnostics.Core.Spc;
using static CultureDiagnostics.Core.Tests.Spc.SpcReference;

namespace CultureDiagnostics.Core.Tests.Spc;

/// <summary>Every point, assurance and last-point variation of spc/expected.json, to 1e-9.</summary>
public class XmrChartMatchesNhsrPlotTheDotsTests
{
    public static TheoryData<string> SeriesNames()
    {
        var data = new TheoryData<string>();
        foreach (var series in AllSeries)
        {
            data.Add(series.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SeriesNames))]
    public void EveryPointHasTheReferenceMeanLimitsAndClassification(string name)
    {
        var series = Series(name);
        var result = XmrChart.Analyse(Values(series), Options(series));
        var expected = series.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, result.Points.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var e = expected[i];
            var a = result.Points[i];
            Assert.Equal(e.GetProperty("index").GetInt32(), a.Index);
            Assert.Equal(e.GetProperty("value").GetDouble(), a.Value);
            Assert.True(Math.Abs(e.GetProperty("mean").GetDouble() - a.Mean) < 1e-9, $"point {a.Index} mean {a.Mean:R}");
            Assert.True(Math.Abs(e.GetProperty("lpl").GetDouble() - a.Lpl!.Value) < 1e-9, $"point {a.Index} lpl {a.Lpl:R}");
            Assert.True(Math.Abs(e.GetProperty("upl").GetDouble() - a.Upl!.Value) < 1e-9, $"point {a.Index} upl {a.Upl:R}");
            Assert.Equal((i + 1, e.GetProperty("point_type").GetString()), (i + 1, a.PointType));
            Assert.Equal((i + 1, e.GetProperty("special_cause_type").GetString()), (i + 1, a.SpecialCauseType));
        }
    }

    [Theory]
    [MemberData(nameof(SeriesNames))]
    public void AssuranceAndLastPointVariationMatchTheReference(string name)
    {
        var series = Series(name);
        var result = XmrChart.Analyse(Values(series), Options(series));
        Assert.Equal(Text(series, "assurance"), result.Assurance);
        Assert.Equal(Text(series, "last_point_variation"), result.LastPointVariation);
    }
}
