using CultureDiagnostics.Core.Spc;

namespace CultureDiagnostics.Core.Diagnostics;

/// <summary>A Making Data Count icon: a short code drawn inside the icon and the words that always go with it.</summary>
public sealed record SpcLabel(string Code, string Kind, string Words);

/// <summary>NHS England's "Making Data Count" variation and assurance categories in words, so colour is never the only cue.</summary>
public static class SpcWording
{
    public static SpcLabel Variation(string? pointType) => pointType switch
    {
        PointTypes.Improvement => new("↑", "improvement", "Special cause variation: improvement"),
        PointTypes.Concern => new("!", "concern", "Special cause variation: concern"),
        PointTypes.NeutralHigh => new("H", "neutral", "Special cause variation: higher (neither better nor worse)"),
        PointTypes.NeutralLow => new("L", "neutral", "Special cause variation: lower (neither better nor worse)"),
        PointTypes.CommonCause => new("~", "common", "Common cause variation: no significant change"),
        _ => new("?", "none", "Not enough data for limits"),
    };

    public static SpcLabel Assurance(string? assurance) => assurance switch
    {
        AssuranceTypes.ConsistentPass => new("P", "pass", "Consistently passes the target"),
        AssuranceTypes.ConsistentFail => new("F", "fail", "Consistently fails the target"),
        AssuranceTypes.Inconsistent => new("?", "hit-and-miss", "Hit and miss: the target may or may not be met"),
        _ => new("–", "none", "No target"),
    };
}
