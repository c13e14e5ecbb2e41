namespace CultureDiagnostics.Core.Spc;

/// <summary>Which way is better for the measure; neutral measures report high/low instead of improvement/concern.</summary>
public enum ImprovementDirection
{
    Increase,
    Decrease,
    Neutral,
}

/// <summary>
/// Options of an XmR chart. <paramref name="RebaseAtIndex"/> holds 1-based positions where a new segment
/// (new mean and limits) starts, as NHSRplotthedots' rebase dates do: the point at the index is the first
/// of the new segment.
/// </summary>
public sealed record SpcOptions(
    ImprovementDirection Direction,
    double? Target = null,
    IReadOnlyList<int>? RebaseAtIndex = null,
    bool ScreenOutliers = true);

/// <summary>One point of an XmR chart; limits are null in a segment too short to have a moving range.</summary>
public sealed record SpcPoint(int Index, double Value, double Mean, double? Lpl, double? Upl, string PointType, string SpecialCauseType);

/// <summary>The chart, the assurance against the target (null without one) and the last point's variation.</summary>
public sealed record SpcResult(IReadOnlyList<SpcPoint> Points, string? Assurance, string? LastPointVariation);

/// <summary>The exact strings NHSRplotthedots 0.2.2 reports, so output can be compared with it.</summary>
public static class PointTypes
{
    public const string CommonCause = "common_cause";
    public const string Improvement = "special_cause_improvement";
    public const string Concern = "special_cause_concern";
    public const string NeutralHigh = "special_cause_neutral_high";
    public const string NeutralLow = "special_cause_neutral_low";
}

public static class SpecialCauseTypes
{
    public const string CommonCause = "Common Cause";
    public const string AboveUcl = "Above UCL";
    public const string BelowLcl = "Below LCL";
    public const string TrendIncreasing = "7 Point Trend (Increasing)";
    public const string TrendDecreasing = "7 Point Trend (Decreasing)";
    public const string TwoInThreeAbove = "2 in 3 Above CL";
    public const string TwoInThreeBelow = "2 in 3 Below CL";
    public const string SevenAbove = "7 Points Above CL";
    public const string SevenBelow = "7 Points Below CL";
}

public static class AssuranceTypes
{
    public const string ConsistentPass = "consistent_pass";
    public const string ConsistentFail = "consistent_fail";
    public const string Inconsistent = "inconsistent";
}
