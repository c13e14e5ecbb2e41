using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Core.Spc;

/// <summary>
/// XmR chart with NHS England's "Making Data Count" rules, matching NHSRplotthedots 0.2.2: per segment,
/// centre = mean, limits = mean ± 2.66 × mean moving range (moving ranges ≥ 3.267 × their mean dropped once
/// when screening), then outside-limits, 7-point trend, 2-in-3 near the limits and 7 on one side, in that order.
/// </summary>
public static class XmrChart
{
    public const double LimitFactor = 2.66;
    public const double OutlierScreenFactor = 3.267;
    public const int RunLength = 7;

    public static SpcResult Analyse(IReadOnlyList<double> values, SpcOptions options)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(options);
        var n = values.Count;
        var starts = SegmentStarts(n, options.RebaseAtIndex);
        var points = new SpcPoint[n];
        for (var s = 0; s < starts.Count; s++)
        {
            var start = starts[s];
            var end = s + 1 < starts.Count ? starts[s + 1] : n;
            var segment = new double[end - start];
            for (var i = start; i < end; i++)
            {
                segment[i - start] = values[i];
            }

            AnalyseSegment(segment, start, options, points);
        }

        var last = n == 0 ? null : points[n - 1];
        return new SpcResult(points, Assurance(last, options), last?.PointType);
    }

    // Rules are judged within a segment only, as ptd_calculate_point_type groups by rebase group.
    private static void AnalyseSegment(double[] y, int offset, SpcOptions options, SpcPoint[] points)
    {
        var n = y.Length;
        var mean = Descriptive.Mean(y);
        var amr = MeanMovingRange(y, options.ScreenOutliers);
        var hasLimits = !double.IsNaN(amr);
        var lpl = mean - (LimitFactor * amr);
        var upl = mean + (LimitFactor * amr);
        var nearLow = mean - (2 * (LimitFactor / 3) * amr);
        var nearHigh = mean + (2 * (LimitFactor / 3) * amr);

        var side = new int[n];
        var outside = new bool[n];
        var close = new bool[n];
        for (var i = 0; i < n; i++)
        {
            side[i] = Math.Sign(y[i] - mean);
            outside[i] = hasLimits && (y[i] > upl || y[i] < lpl);
            close[i] = hasLimits && !outside[i] && (y[i] < nearLow || y[i] > nearHigh);
        }

        var trend = SpcRules.PartOfTrend(y);
        var twoInThree = SpcRules.PartOfTwoInThree(close, side);
        var oneSide = SpcRules.PartOfRunOnOneSide(side);
        for (var i = 0; i < n; i++)
        {
            string type;
            if (outside[i])
            {
                type = side[i] == 1 ? SpecialCauseTypes.AboveUcl : SpecialCauseTypes.BelowLcl;
            }
            else if (trend[i])
            {
                type = SpcRules.TrendDirection(y, trend, i) == 1 ? SpecialCauseTypes.TrendIncreasing : SpecialCauseTypes.TrendDecreasing;
            }
            else if (twoInThree[i])
            {
                type = side[i] > 0 ? SpecialCauseTypes.TwoInThreeAbove : SpecialCauseTypes.TwoInThreeBelow;
            }
            else if (oneSide[i])
            {
                type = side[i] > 0 ? SpecialCauseTypes.SevenAbove : SpecialCauseTypes.SevenBelow;
            }
            else
            {
                type = SpecialCauseTypes.CommonCause;
            }

            points[offset + i] = new SpcPoint(
                offset + i + 1,
                y[i],
                mean,
                hasLimits ? lpl : null,
                hasLimits ? upl : null,
                PointType(type, options.Direction),
                type);
        }
    }

    /// <summary>Improvement or concern from the signal's direction (a high point, a rising trend) and the measure's.</summary>
    public static string PointType(string specialCauseType, ImprovementDirection direction)
    {
        var signal = specialCauseType.Contains("Above", StringComparison.Ordinal) || specialCauseType.Contains("Increasing", StringComparison.Ordinal) ? 1
            : specialCauseType.Contains("Below", StringComparison.Ordinal) || specialCauseType.Contains("Decreasing", StringComparison.Ordinal) ? -1
            : 0;
        return (signal, direction) switch
        {
            (0, _) => PointTypes.CommonCause,
            (_, ImprovementDirection.Neutral) => signal > 0 ? PointTypes.NeutralHigh : PointTypes.NeutralLow,
            (_, ImprovementDirection.Increase) => signal > 0 ? PointTypes.Improvement : PointTypes.Concern,
            _ => signal < 0 ? PointTypes.Improvement : PointTypes.Concern,
        };
    }

    /// <summary>
    /// Whether the process as it now runs will meet the target: a target beyond the last limits is always or
    /// never met; between them, hit and miss. None without a target, for a neutral measure, or without limits.
    /// </summary>
    public static string? Assurance(SpcPoint? last, SpcOptions options)
    {
        if (last?.Lpl is null || last.Upl is null || options.Target is not { } target || options.Direction == ImprovementDirection.Neutral)
        {
            return null;
        }

        var increasing = options.Direction == ImprovementDirection.Increase;
        if (target > last.Upl)
        {
            return increasing ? AssuranceTypes.ConsistentFail : AssuranceTypes.ConsistentPass;
        }

        if (target < last.Lpl)
        {
            return increasing ? AssuranceTypes.ConsistentPass : AssuranceTypes.ConsistentFail;
        }

        return AssuranceTypes.Inconsistent;
    }

    private static List<int> SegmentStarts(int n, IReadOnlyList<int>? rebaseAtIndex)
    {
        var starts = new SortedSet<int> { 0 };
        foreach (var index in rebaseAtIndex ?? [])
        {
            if (index < 1 || index > n)
            {
                throw new ArgumentOutOfRangeException(nameof(rebaseAtIndex), $"Rebase index {index} is outside 1..{n}.");
            }

            starts.Add(index - 1);
        }

        return n == 0 ? [] : [.. starts];
    }

    // Mean moving range; with screening, ranges at or above 3.267 × the mean are dropped and the mean taken once more.
    private static double MeanMovingRange(double[] y, bool screen)
    {
        if (y.Length < 2)
        {
            return double.NaN;
        }

        double sum = 0;
        for (var i = 1; i < y.Length; i++)
        {
            sum += Math.Abs(y[i] - y[i - 1]);
        }

        var amr = sum / (y.Length - 1);
        if (!screen)
        {
            return amr;
        }

        double kept = 0;
        var count = 0;
        for (var i = 1; i < y.Length; i++)
        {
            var mr = Math.Abs(y[i] - y[i - 1]);
            if (mr < OutlierScreenFactor * amr)
            {
                kept += mr;
                count++;
            }
        }

        return count == 0 ? double.NaN : kept / count;
    }
}
