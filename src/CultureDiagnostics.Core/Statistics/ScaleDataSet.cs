namespace CultureDiagnostics.Core.Statistics;

/// <summary>
/// The answers of one survey scale, ready for analysis: raw answers (before reverse-scoring) in a
/// respondent-major array, <c>Answers[r * ItemCount + i]</c>, NaN for missing or "not applicable",
/// and each respondent's group index into <see cref="GroupLabels"/>. Arrays, not objects per answer,
/// because a national wave is millions of answers.
/// </summary>
public sealed class ScaleDataSet
{
    public ScaleDataSet(
        IReadOnlyList<string> itemIds,
        int scaleMin,
        int scaleMax,
        IReadOnlyList<bool> reversed,
        IReadOnlyList<string> groupLabels,
        int[] groupOfRespondent,
        double[] answers)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        ArgumentNullException.ThrowIfNull(reversed);
        ArgumentNullException.ThrowIfNull(groupLabels);
        ArgumentNullException.ThrowIfNull(groupOfRespondent);
        ArgumentNullException.ThrowIfNull(answers);
        if (itemIds.Count == 0)
        {
            throw new ArgumentException("A scale needs at least one item.", nameof(itemIds));
        }

        if (scaleMax <= scaleMin)
        {
            throw new ArgumentException($"Scale maximum {scaleMax} must exceed minimum {scaleMin}.", nameof(scaleMax));
        }

        if (reversed.Count != itemIds.Count)
        {
            throw new ArgumentException("One reverse flag per item is required.", nameof(reversed));
        }

        if (answers.Length != groupOfRespondent.Length * itemIds.Count)
        {
            throw new ArgumentException("Answers must hold one value per respondent and item.", nameof(answers));
        }

        for (var r = 0; r < groupOfRespondent.Length; r++)
        {
            if ((uint)groupOfRespondent[r] >= (uint)groupLabels.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(groupOfRespondent), $"Respondent {r} has group index {groupOfRespondent[r]}, outside 0..{groupLabels.Count - 1}.");
            }
        }

        for (var a = 0; a < answers.Length; a++)
        {
            var x = answers[a];
            // Distributions count scale points, so an answer must be one of them.
            if (!double.IsNaN(x) && (x < scaleMin || x > scaleMax || x != Math.Floor(x)))
            {
                throw new ArgumentOutOfRangeException(nameof(answers), $"Respondent {a / itemIds.Count}, item {itemIds[a % itemIds.Count]}: {x} is not a point of the {scaleMin}..{scaleMax} scale.");
            }
        }

        ItemIds = itemIds;
        ScaleMin = scaleMin;
        ScaleMax = scaleMax;
        Reversed = reversed;
        GroupLabels = groupLabels;
        GroupOfRespondent = groupOfRespondent;
        Answers = answers;
    }

    public IReadOnlyList<string> ItemIds { get; }

    public int ScaleMin { get; }

    public int ScaleMax { get; }

    public IReadOnlyList<bool> Reversed { get; }

    public IReadOnlyList<string> GroupLabels { get; }

    public int[] GroupOfRespondent { get; }

    public double[] Answers { get; }

    public int ItemCount => ItemIds.Count;

    public int RespondentCount => GroupOfRespondent.Length;

    public int GroupCount => GroupLabels.Count;

    /// <summary>Number of response options, A in the rwg null variance (7 for a 1..7 scale).</summary>
    public int Options => ScaleMax - ScaleMin + 1;
}
