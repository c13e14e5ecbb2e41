namespace CultureDiagnostics.Core.Statistics;

/// <summary>Turning answers into scores: reverse keying and the scale-score rule.</summary>
public static class Scoring
{
    /// <summary>A reverse-keyed answer is mirrored on the nominal scale, so 1..7 becomes 8 − x.</summary>
    public static double Reverse(double answer, int scaleMin, int scaleMax) => scaleMin + scaleMax - answer;

    /// <summary>Human-readable statement of the default rule, for output that must say how scores were formed.</summary>
    public const string ScaleScoreRule = "A scale score is the mean of the answered items, counted only when at least half of the scale's items are answered.";

    /// <summary>
    /// The fewest answered items that still give a scale score under the half rule (4 of 7, 2 of 3, 2 of 4):
    /// fewer answers would let one or two items stand for the whole construct.
    /// </summary>
    public static int MinimumAnswered(int itemCount) => (itemCount + 1) / 2;

    /// <summary>Mean of the answered (non-NaN) items, or null when fewer than <paramref name="minimumAnswered"/> are answered.</summary>
    public static double? ScaleScore(ReadOnlySpan<double> scoredAnswers, int minimumAnswered)
    {
        double sum = 0;
        var answered = 0;
        foreach (var v in scoredAnswers)
        {
            if (!double.IsNaN(v))
            {
                sum += v;
                answered++;
            }
        }

        return answered == 0 || answered < minimumAnswered ? null : sum / answered;
    }

    /// <summary>Scale score under the default half rule.</summary>
    public static double? ScaleScore(ReadOnlySpan<double> scoredAnswers) =>
        ScaleScore(scoredAnswers, MinimumAnswered(scoredAnswers.Length));
}
