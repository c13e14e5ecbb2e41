using CultureDiagnostics.Core.Collection;

namespace CultureDiagnostics.Core.Tests.Collection;

/// <summary>The reviewer's screening: names, places and roles that point at one person are pointed out; ordinary words are not.</summary>
public sealed class CommentScreeningTests
{
    private static List<(string Text, SuspectKind Kind)> Suspects(string comment) =>
        [.. CommentScreening.Screen(comment).Select(s => (comment[s.Span.Start..s.Span.End], s.Kind))];

    [Theory]
    [InlineData("Nobody on Ward 7 gets a break.", "Ward 7")]
    [InlineData("Nobody on ward 12b gets a break.", "ward 12b")]
    [InlineData("Things are better on Ash ward since the change.", "Ash ward")]
    [InlineData("things are better on ash ward since the change.", "ash ward")]
    [InlineData("The Rowan Unit is short of nurses.", "Rowan Unit")]
    [InlineData("Whoever is on the front desk on level 2 gets the abuse.", "front desk on level 2")]
    [InlineData("Patients shout at whoever is in bay 3.", "bay 3")]
    public void PlacesArePointedOut(string comment, string place) =>
        Assert.Contains((place, SuspectKind.Place), Suspects(comment));

    [Theory]
    [InlineData("The ward sister shouts at juniors.", "The ward sister")]
    [InlineData("I have raised it with our matron twice.", "our matron")]
    [InlineData("Since the new band 7 started, handovers run on time.", "the new band 7")]
    [InlineData("My manager's attitude is the problem.", "My manager")]
    [InlineData("My line manager never does my appraisal.", "My line manager")]
    [InlineData("I am the only male nurse on nights.", "the only male nurse")]
    [InlineData("Nothing changes until the head of nursing listens.", "the head of nursing")]
    public void RolesThatPointAtOnePersonArePointedOut(string comment, string role) =>
        Assert.Contains((role, SuspectKind.Role), Suspects(comment));

    [Theory]
    [InlineData("Call John Smith about the rota.", "John Smith")]
    [InlineData("I asked Olu to help and she did.", "Olu")]
    [InlineData("Things got better once Priyanka's rota came in.", "Priyanka")]
    [InlineData("ask sarah, she knows.", "sarah")]
    public void NamesArePointedOutIncludingOnesTheAutomaticRedactionDoesNotKnow(string comment, string name) =>
        Assert.Contains((name, SuspectKind.Name), Suspects(comment));

    [Theory]
    [InlineData("We need more staff on nights. Handover is rushed.")]
    [InlineData("The ward is busy and a manager should listen more.")]
    [InlineData("The band 6s are stretched, and the nurses are tired.")]
    [InlineData("Staff may leave early if it is quiet. I will ask for help.")]
    [InlineData("The only way forward is more staff.")]
    [InlineData("In May the NHS staff survey results were ignored.")]
    [InlineData("[name removed] said the rota was fixed.")]
    public void OrdinaryCommentsHaveNothingPointedOut(string comment) => Assert.Empty(Suspects(comment));

    [Fact]
    public void SuspectsDoNotOverlapAndEachSaysWhyInWords()
    {
        var comment = "The ward sister on Ash ward told John Smith that the new band 7 on Ward 7 was leaving.";
        var suspects = CommentScreening.Screen(comment);

        Assert.Equal(
            [("The ward sister", "role held by one person"), ("Ash ward", "place"), ("John Smith", "name"), ("the new band 7", "role held by one person"), ("Ward 7", "place")],
            suspects.Select(s => (comment[s.Span.Start..s.Span.End], s.Why)));
        Assert.All(suspects.Zip(suspects.Skip(1)), pair => Assert.True(pair.First.Span.End <= pair.Second.Span.Start));
    }
}
