namespace CultureDiagnostics.Core.Instruments;

/// <summary>
/// A questionnaire as published in a file under surveys/. An instrument version is immutable once
/// responses exist: wording changes need a new version.
/// </summary>
public sealed record Instrument(
    string Id,
    int Version,
    string Title,
    string Introduction,
    int EstimatedMinutes,
    IReadOnlyList<ResponseScale> Scales,
    IReadOnlyList<Construct> Constructs,
    IReadOnlyList<Section> Sections,
    IReadOnlyList<DemographicQuestion> Demographics)
{
    /// <summary>Every question in the instrument, in the order the respondent sees them.</summary>
    public IEnumerable<Item> Items => Sections.SelectMany(s => s.Items);

    public Item? FindItem(string itemId) => Items.FirstOrDefault(i => i.Id == itemId);

    public ResponseScale? FindScale(string scaleId) => Scales.FirstOrDefault(s => s.Id == scaleId);

    public DemographicQuestion? FindDemographic(string questionId) => Demographics.FirstOrDefault(d => d.Id == questionId);

    /// <summary>Items scored on a response scale (the ones statistics are computed from).</summary>
    public IEnumerable<Item> ScaleItems => Items.Where(i => i.Type == ItemType.Scale);
}

/// <summary>A response scale with a label for every point, e.g. 1..7 from "Very inaccurate" to "Very accurate".</summary>
public sealed record ResponseScale(
    string Id,
    IReadOnlyList<ScalePoint> Points,
    string? NotApplicableLabel)
{
    public int Min => Points.Min(p => p.Value);
    public int Max => Points.Max(p => p.Value);

    /// <summary>Whether respondents may answer "not applicable" (excluded from all statistics).</summary>
    public bool AllowsNotApplicable => NotApplicableLabel is not null;
}

public sealed record ScalePoint(int Value, string Label);

/// <summary>
/// What a group of items measures. <see cref="Element"/> ties it to a cultural element of the
/// synthesis (e.g. "teamwork"); <see cref="Kind"/> says whether it is an element, a
/// compassionate-leadership behaviour or a team-level construct.
/// </summary>
public sealed record Construct(string Id, string Title, string Kind, string? Element, string? Description)
{
    /// <summary>The kind of a construct the team shares (psychological safety, reflexivity), whose agreement within teams means something.</summary>
    public const string TeamConstructKind = "team-construct";

    public bool IsTeamConstruct => Kind == TeamConstructKind;
}

public enum ItemType
{
    /// <summary>A statement answered on a response scale; scored.</summary>
    Scale,

    /// <summary>A single choice among options (for example "Do you lead others?"); not scored.</summary>
    Choice,

    /// <summary>A free-text comment; never scored, shown only above the comment threshold.</summary>
    Text,
}

public sealed record Item(
    string Id,
    ItemType Type,
    string Text,
    string? Scale,
    string? Construct,
    bool Reverse,
    bool Required,
    IReadOnlyList<ChoiceOption> Options,
    int? MaxLength);

public sealed record ChoiceOption(string Value, string Label);

/// <summary>
/// A group of items. A section with a <see cref="Condition"/> is shown only to respondents whose
/// answer to a choice item matches (for example the leader's self-assessment section).
/// </summary>
public sealed record Section(string Id, string Title, string? Description, SectionCondition? Condition, IReadOnlyList<Item> Items);

public sealed record SectionCondition(string Item, string Value);

/// <summary>An optional demographic question; respondents may always decline it.</summary>
public sealed record DemographicQuestion(string Id, string Text, IReadOnlyList<ChoiceOption> Options);
