namespace CultureDiagnostics.Core.Framework;

/// <summary>A row of every synthesis. <see cref="Optional"/> elements can be switched off per organisation.</summary>
public sealed record CulturalElement(string Id, string Title, int Order, bool Optional, bool OnByDefault);

/// <summary>One of the four compassionate-leadership behaviours.</summary>
public sealed record CompassionateBehaviour(string Id, string Title, int Order, string Description);

/// <summary>
/// A column of the synthesis: one source of evidence about the culture. <see cref="InstrumentId"/>
/// names the shipped instrument for the survey sources and is null for the others.
/// </summary>
public sealed record DiagnosticSource(string Id, string Title, int Order, string? InstrumentId);

/// <summary>
/// The cultural framework of the programme as fixed data. Ids are stable: they are stored in
/// instrument files, syntheses and exports, so they must never be renamed.
/// </summary>
public static class CulturalFramework
{
    public const string VisionAndValues = "vision-and-values";
    public const string GoalsAndPerformance = "goals-and-performance";
    public const string SupportAndCompassion = "support-and-compassion";
    public const string LearningAndInnovation = "learning-and-innovation";
    public const string Teamwork = "teamwork";
    public const string EquityAndInclusion = "equity-and-inclusion";

    public static readonly IReadOnlyList<CulturalElement> Elements =
    [
        new(VisionAndValues, "Vision and values", 1, Optional: false, OnByDefault: true),
        new(GoalsAndPerformance, "Goals and performance", 2, Optional: false, OnByDefault: true),
        new(SupportAndCompassion, "Support and compassion", 3, Optional: false, OnByDefault: true),
        new(LearningAndInnovation, "Learning and innovation", 4, Optional: false, OnByDefault: true),
        new(Teamwork, "Teamwork", 5, Optional: false, OnByDefault: true),
        // Added in the current NHS England version of the programme; an organisation may leave it out.
        new(EquityAndInclusion, "Equity and inclusion", 6, Optional: true, OnByDefault: true),
    ];

    public static readonly IReadOnlyList<CompassionateBehaviour> Behaviours =
    [
        new("attending", "Attending", 1, "Paying attention to people and listening with fascination."),
        new("understanding", "Understanding", 2, "Taking time to understand the situation and the pressures people face."),
        new("empathising", "Empathising", 3, "Feeling with people and showing that their experience matters."),
        new("helping", "Helping", 4, "Taking thoughtful action to help, including removing obstacles."),
    ];

    public static readonly IReadOnlyList<DiagnosticSource> Sources =
    [
        new("culture-and-outcomes-dashboard", "Culture and outcomes dashboard", 1, InstrumentId: null),
        new("leadership-behaviours-survey", "Leadership behaviours survey", 2, InstrumentId: "leadership-behaviours"),
        new("psychological-safety-survey", "Psychological safety survey", 3, InstrumentId: "psychological-safety"),
        new("team-reflexivity-survey", "Team reflexivity survey", 4, InstrumentId: "team-reflexivity"),
        new("culture-focus-groups", "Culture focus groups", 5, InstrumentId: null),
        new("board-interviews", "Board interviews", 6, InstrumentId: null),
        new("leadership-workforce-analysis", "Leadership workforce analysis", 7, InstrumentId: null),
        new("patient-experience", "Patient experience", 8, InstrumentId: null),
    ];

    public static CulturalElement? FindElement(string id) => Elements.FirstOrDefault(e => e.Id == id);

    public static CompassionateBehaviour? FindBehaviour(string id) => Behaviours.FirstOrDefault(b => b.Id == id);

    public static DiagnosticSource? FindSource(string id) => Sources.FirstOrDefault(s => s.Id == id);
}
