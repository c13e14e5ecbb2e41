namespace CultureDiagnostics.Core.Spc;

/// <summary>The run rules of Making Data Count, each marking every point of a qualifying run.</summary>
public static class SpcRules
{
    /// <summary>Points in a run of 7 each strictly above (or below) the one before; a tie breaks the run.</summary>
    public static bool[] PartOfTrend(ReadOnlySpan<double> y)
    {
        var n = y.Length;
        var part = new bool[n];
        var run = 1;
        var direction = 0;
        for (var i = 1; i < n; i++)
        {
            var step = Math.Sign(y[i] - y[i - 1]);
            run = step != 0 && step == direction ? run + 1 : step != 0 ? 2 : 1;
            direction = step;
            if (run >= XmrChart.RunLength)
            {
                for (var j = i - XmrChart.RunLength + 1; j <= i; j++)
                {
                    part[j] = true;
                }
            }
        }

        return part;
    }

    /// <summary>
    /// Direction of the trend a point belongs to: the step to the next point when that point is in a trend
    /// too, else the step from the previous one (so a point joining a falling run after a rising one reads
    /// as the run it ends).
    /// </summary>
    public static int TrendDirection(ReadOnlySpan<double> y, ReadOnlySpan<bool> trend, int i)
    {
        var step = i + 1 < y.Length && trend[i + 1]
            ? Math.Sign(y[i + 1] - y[i])
            : i > 0 ? Math.Sign(y[i] - y[i - 1]) : 0;
        return step == 1 ? 1 : -1;
    }

    /// <summary>
    /// Points near the limits that are 2 of 3 consecutive near-limit points with all 3 on the same side of the
    /// mean; only the near-limit points of such a window are flagged, not the third.
    /// </summary>
    public static bool[] PartOfTwoInThree(ReadOnlySpan<bool> close, ReadOnlySpan<int> side)
    {
        var n = close.Length;
        var part = new bool[n];
        for (var start = 0; start + 3 <= n; start++)
        {
            var closeCount = 0;
            var sideSum = 0;
            for (var j = start; j < start + 3; j++)
            {
                closeCount += close[j] ? 1 : 0;
                sideSum += side[j];
            }

            if (closeCount >= 2 && Math.Abs(sideSum) == 3)
            {
                for (var j = start; j < start + 3; j++)
                {
                    part[j] |= close[j];
                }
            }
        }

        return part;
    }

    /// <summary>Points in a run of 7 or more on the same side of the mean; a point on the mean breaks the run.</summary>
    public static bool[] PartOfRunOnOneSide(ReadOnlySpan<int> side)
    {
        var n = side.Length;
        var part = new bool[n];
        var run = 0;
        for (var i = 0; i < n; i++)
        {
            run = side[i] != 0 && i > 0 && side[i] == side[i - 1] ? run + 1 : side[i] != 0 ? 1 : 0;
            if (run >= XmrChart.RunLength)
            {
                for (var j = i - XmrChart.RunLength + 1; j <= i; j++)
                {
                    part[j] = true;
                }
            }
        }

        return part;
    }
}
