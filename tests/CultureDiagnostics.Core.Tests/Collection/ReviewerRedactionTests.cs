using CultureDiagnostics.Core.Collection;

namespace CultureDiagnostics.Core.Tests.Collection;

/// <summary>A reviewer can only take words out of a comment: whatever they choose, the rest is the respondent's own text.</summary>
public sealed class ReviewerRedactionTests
{
    [Theory]
    [InlineData("Call John Smith now", 6, 2, "Call [removed] Smith now")]
    [InlineData("Call John Smith now", 11, 2, "Call John [removed] now")]
    [InlineData("Steve's rota is unfair", 0, 5, "[removed] rota is unfair")]
    [InlineData("ask [name removed] now", 5, 4, "ask [removed] now")]
    public void ASpanIsWidenedToWholeWordsAndMarkers(string text, int start, int length, string expected) =>
        Assert.Equal(expected, ReviewerRedaction.Remove(text, [new TextSpan(start, length)]));

    [Fact]
    public void WordsNextToEachOtherBecomeOneMarkerSoItDoesNotCountThem() =>
        Assert.Equal("Call [removed] about Ward 7", ReviewerRedaction.Remove("Call John Smith about Ward 7", [new(5, 4), new(10, 5)]));

    [Fact]
    public void APhraseIsFoundInAnyCaseEveryTimeItOccurs()
    {
        var text = "Ash ward is short. Everyone on ash ward knows.";
        var found = ReviewerRedaction.Occurrences(text, " ash WARD ");
        Assert.Equal([new TextSpan(0, 8), new TextSpan(31, 8)], found);
        Assert.Equal("[removed] is short. Everyone on [removed] knows.", ReviewerRedaction.Remove(text, found));
        Assert.Empty(ReviewerRedaction.Occurrences(text, "Rowan"));
        Assert.Empty(ReviewerRedaction.Occurrences(text, "   "));
    }

    [Fact]
    public void SpansOutsideTheTextAreIgnored() =>
        Assert.Equal("Short text", ReviewerRedaction.Remove("Short text", [new TextSpan(-1, 3), new TextSpan(8, 5), new TextSpan(2, 0)]));

    [Fact]
    public void WhateverIsRemovedTheResultIsTheOriginalWithStretchesReplacedByTheMarker()
    {
        var random = new Random(14);
        const string alphabet = "abc DEF'-.,\n7";
        for (var run = 0; run < 2000; run++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(1, 60)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var spans = Enumerable.Range(0, random.Next(0, 5)).Select(_ => new TextSpan(random.Next(-2, text.Length + 2), random.Next(-1, 12))).ToList();

            var reviewed = ReviewerRedaction.Remove(text, spans);

            Assert.True(OnlyRemoves(text, reviewed), $"'{text}' became '{reviewed}'");
            Assert.True(reviewed.Length <= text.Length + ReviewerRedaction.Marker.Length * spans.Count);
        }
    }

    /// <summary>Whether <paramref name="reviewed"/> is <paramref name="original"/> with some non-empty stretches replaced by the marker.</summary>
    private static bool OnlyRemoves(string original, string reviewed)
    {
        var pieces = reviewed.Split(ReviewerRedaction.Marker);
        if (!original.StartsWith(pieces[0], StringComparison.Ordinal))
        {
            return false;
        }

        var at = pieces[0].Length;
        for (var i = 1; i < pieces.Length; i++)
        {
            // Each marker stands for at least one character; the last piece must end the text.
            var found = i == pieces.Length - 1
                ? (original.EndsWith(pieces[i], StringComparison.Ordinal) && original.Length - pieces[i].Length > at ? original.Length - pieces[i].Length : -1)
                : original.IndexOf(pieces[i], at + 1, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            at = found + pieces[i].Length;
        }

        return true;
    }
}
