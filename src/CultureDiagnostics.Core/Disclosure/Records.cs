namespace CultureDiagnostics.Core.Disclosure;

/// <summary>A unit of the organisation tree and the respondents attached to it directly (not through a child).</summary>
public sealed record GroupCount(string GroupId, string? ParentId, int DirectCount);

/// <summary>
/// A unit with its direct respondents split by the categories of one demographic question. Every respondent is in
/// exactly one cell, so "declined / not answered" must be one of the cells.
/// </summary>
public sealed record GroupCells(string GroupId, string? ParentId, IReadOnlyList<int> DirectCells);

/// <summary>Why a figure is not shown.</summary>
public static class HiddenReason
{
    /// <summary>The group itself is smaller than the threshold.</summary>
    public const string BelowThreshold = "below-threshold";

    /// <summary>Hidden so that subtracting shown figures cannot reveal a smaller hidden group.</summary>
    public const string Complementary = "complementary";

    /// <summary>Hidden because it differs from an enclosing shown group by fewer than the threshold.</summary>
    public const string Overlap = "overlap";

    /// <summary>A breakdown or comments of a group whose own total or scores are not shown.</summary>
    public const string ParentFigureHidden = "parent-figure-hidden";
}

/// <summary>
/// The decision for one group. <see cref="Total"/> is the true count, for the caller's own arithmetic: never serialise
/// it; publish <see cref="Published"/>.
/// </summary>
public sealed record GroupDisclosure(string GroupId, int Total, bool Shown, string? Reason, PublishedCount Published);

/// <summary>The decision for one unit's demographic breakdown; cells in the order given.</summary>
public sealed record BreakdownDisclosure(string GroupId, bool Shown, string? Reason, IReadOnlyList<PublishedCount> Cells);

/// <summary>
/// A count as it may leave the system: an exact value, "fewer than N", or withheld (hidden to protect another group,
/// so it is not necessarily small). Serialise as is: exactly one of the three states holds.
/// </summary>
public sealed record PublishedCount
{
    private PublishedCount(int? value, int? fewerThan) => (Value, FewerThan) = (value, fewerThan);

    public int? Value { get; }

    public int? FewerThan { get; }

    public bool Shown => Value is not null;

    public static PublishedCount Exact(int value) => new(value, null);

    public static PublishedCount Below(int threshold) => new(null, threshold);

    public static PublishedCount Withheld { get; } = new(null, null);

    public override string ToString() =>
        Value is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : FewerThan is { } n ? $"fewer than {n}"
        : "withheld";
}

/// <summary>A group for the overlap check: who is in it (response ids), and whether the caller would rather keep it.</summary>
public sealed record OverlapGroup(string Id, IReadOnlySet<string> Members, bool Preferred = false);

/// <summary>
/// One unit's populations for one scale, counted directly (respondents who answered through the unit's own link,
/// not through a child): who answered any item, who has a scale score, who answered each item, and, for a team
/// whose agreement is reported, who answered every item (null where no listwise figure is published); and who
/// answered some of the items but not all (<see cref="DirectPartial"/>).
/// </summary>
public sealed record ScalePopulations(
    string GroupId, string? ParentId, int DirectAnswered, int DirectScored, IReadOnlyList<int> DirectItemAnswers, int? Listwise = null, int DirectPartial = 0);

/// <summary>
/// The decisions for one unit's figures of one scale, each on its own population: the score, the pooled % favourable,
/// each item, the agreement over items (rwg(j) and the rwg of the scale score) and the listwise agreement (rwg(j)
/// listwise and awg).
/// </summary>
public sealed record ScaleFigureDisclosure(
    string GroupId, GroupDisclosure Score, GroupDisclosure Pooled, IReadOnlyList<GroupDisclosure> Items, bool Agreement, bool ListwiseAgreement);
