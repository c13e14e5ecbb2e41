namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver;

/// <summary>
/// The unknowns one kind of respondent contributes to a block, e.g. the answer indicators of the items they
/// answered. Respondents who answered the same items share a pattern.
/// </summary>
public class Pattern(string key, IReadOnlyList<string> quantities)
{
    public string Key { get; } = key;

    /// <summary>Each unknown in words, e.g. "answered ps-1 with 6" (index = the unknown's number).</summary>
    public IReadOnlyList<string> Quantities { get; } = quantities;

    public int Count => Quantities.Count;
}

/// <summary>
/// What each member of a population adds to a published sum, as a linear form over the member's own unknowns
/// (constants, such as the 1 of an answer at the bottom point, are known and left out).
/// </summary>
public interface ILinearForm
{
    /// <summary>Equal keys mean equal forms, so that the same sum published twice is one equation.</summary>
    string Key { get; }

    string Words { get; }

    /// <summary>The coefficients for a member with this pattern (unknowns not listed have 0).</summary>
    IReadOnlyList<(int Quantity, Rational Coefficient)> On(Pattern pattern);
}

/// <summary>
/// A respondent's place in a block. Members with the same <see cref="ClassKey"/> and pattern are told apart only
/// by some of the populations (e.g. demographic categories inside a unit); the solver uses that to work on the
/// few forms those populations publish instead of every unknown of every respondent.
/// </summary>
public sealed record BlockMember(string Respondent, string Words, Pattern Pattern, string ClassKey);

/// <summary>"The sum over <see cref="Members"/> of <see cref="Form"/> is published."</summary>
public sealed record BlockEquation(int Id, IReadOnlyList<int> Members, ILinearForm Form);

/// <summary>
/// A set of unknowns that no equation shares with another block (one scale of one wave, one comment question of
/// one wave), with every equation a reader can write about them.
/// </summary>
public sealed class BlockSystem(string name, int threshold)
{
    public string Name { get; } = name;

    /// <summary>Nothing may be worked out about fewer than this many respondents.</summary>
    public int Threshold { get; } = threshold;

    public List<BlockMember> Members { get; } = [];

    public List<BlockEquation> Equations { get; } = [];
}
