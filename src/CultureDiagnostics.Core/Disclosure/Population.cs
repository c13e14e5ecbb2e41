namespace CultureDiagnostics.Core.Disclosure;

/// <summary>
/// Whose answers a published figure rests on: its population. Every number in a published shape declares one
/// (<see cref="RestsOnAttribute"/>), and disclosure control decides on that population (DisclosureRules.ForTree,
/// ForScale, ForBreakdowns): a new kind of figure cannot be published without saying which it is.
/// </summary>
public enum Population
{
    /// <summary>Not about respondents: structure, settings or the instrument (a depth, a threshold, a scale's range, a headcount).</summary>
    None,

    /// <summary>How many respondents a unit, or a unit's category, has; the response rate beside it.</summary>
    Respondents,

    /// <summary>The respondents with a scale score under the half-items rule (the score, its interval, SD and median, differences of scores).</summary>
    ScaleScored,

    /// <summary>Everyone who answered any of a scale's items (the pooled % favourable and unfavourable).</summary>
    ScaleAnswered,

    /// <summary>Everyone who answered one item (not blank, not "not applicable", in a section they were shown).</summary>
    ItemAnswered,

    /// <summary>A team's answerers of each item and its scored respondents (rwg(j), the rwg of the scale score).</summary>
    TeamAnswerers,

    /// <summary>A team's respondents who answered every item of the scale (rwg(j) listwise, awg).</summary>
    TeamCompleteRespondents,

    /// <summary>Only the teams whose own figures are published (ICC, mean squares, Kruskal–Wallis, teams agreeing).</summary>
    PublishedTeams,

    /// <summary>The whole organisation's respondents to the scale (Cronbach's alpha and its item statistics).</summary>
    OrganisationRespondents,
}

/// <summary>Declares the population of a published figure, or of every figure in a published shape.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, Inherited = false)]
public sealed class RestsOnAttribute(Population population) : Attribute
{
    public Population Population { get; } = population;
}
