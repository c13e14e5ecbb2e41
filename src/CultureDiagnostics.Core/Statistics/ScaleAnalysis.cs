namespace CultureDiagnostics.Core.Statistics;

/// <summary>
/// The whole analysis of one scale in one call: alpha, item and scale-score summaries overall and per group,
/// rwg(j)/awg, ICC and Kruskal–Wallis. One parallel pass over the answers builds per-group histograms,
/// pairwise sums and scale scores; everything else is computed from those small tables.
/// </summary>
public static class ScaleAnalysis
{
    private const int RespondentsPerChunk = 8192;

    /// <param name="minimumAnswered">Fewest answered items for a scale score; defaults to the half rule.</param>
    public static ScaleAnalysisResult Analyse(ScaleDataSet data, int? minimumAnswered = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var k = data.ItemCount;
        var groups = data.GroupCount;
        var respondents = data.RespondentCount;
        var minAnswered = minimumAnswered ?? Scoring.MinimumAnswered(k);
        var scores = new double[respondents];

        var chunkCount = Math.Max(1, (respondents + RespondentsPerChunk - 1) / RespondentsPerChunk);
        var partials = new Partial[chunkCount];
        Parallel.For(0, chunkCount, c =>
        {
            var start = c * RespondentsPerChunk;
            var end = Math.Min(respondents, start + RespondentsPerChunk);
            partials[c] = Accumulate(data, start, end, minAnswered, scores);
        });

        var total = partials[0];
        for (var c = 1; c < chunkCount; c++)
        {
            total.Merge(partials[c]);
        }

        return Summarise(data, total, scores, minAnswered);
    }

    private static Partial Accumulate(ScaleDataSet data, int start, int end, int minAnswered, double[] scores)
    {
        var k = data.ItemCount;
        var a = data.Options;
        var min = data.ScaleMin;
        var mirror = data.ScaleMin + data.ScaleMax;
        var partial = new Partial(data.GroupCount, k, a);
        var row = new double[k];
        var z = new double[k];
        var m = new double[k];
        var centre = mirror / 2.0;
        var reversed = new bool[k];
        for (var i = 0; i < k; i++)
        {
            reversed[i] = data.Reversed[i];
        }

        for (var r = start; r < end; r++)
        {
            var group = data.GroupOfRespondent[r];
            var baseIndex = group * k * a;
            var answered = 0;
            int favourable = 0, unfavourable = 0;
            double sum = 0;
            for (var i = 0; i < k; i++)
            {
                var x = data.Answers[(r * k) + i];
                if (!double.IsNaN(x))
                {
                    x = reversed[i] ? mirror - x : x;
                    answered++;
                    sum += x;
                    favourable += x > data.ScaleMax - ItemSummary.TopBoxPoints ? 1 : 0;
                    unfavourable += x < data.ScaleMin + ItemSummary.TopBoxPoints ? 1 : 0;
                    partial.Counts[baseIndex + (i * a) + ((int)x - min)]++;
                }

                row[i] = x;
            }

            partial.Favourable[group] += ClusteredCounts.Of(favourable, answered);
            partial.Unfavourable[group] += ClusteredCounts.Of(unfavourable, answered);

            // Listwise statistics (rwg.j, awg in R's multilevel) use only complete respondents.
            if (answered == k)
            {
                partial.CompleteRespondents[group]++;
                for (var i = 0; i < k; i++)
                {
                    partial.CompleteCounts[baseIndex + (i * a) + ((int)row[i] - min)]++;
                }
            }

            scores[r] = answered > 0 && answered >= minAnswered ? sum / answered : double.NaN;
            partial.Pairs.Add(row, centre, z, m);
        }

        return partial;
    }

    private static ScaleAnalysisResult Summarise(ScaleDataSet data, Partial total, double[] scores, int minAnswered)
    {
        var k = data.ItemCount;
        var a = data.Options;
        var groupCount = data.GroupCount;
        var min = data.ScaleMin;
        var nullVariance = Agreement.UniformNullVariance(a);
        var skewedNullVariance = Agreement.SlightlySkewedNullVariance(a);

        var alpha = Reliability.Alpha(total.Pairs.ToCovariance(), data.ItemIds, k == 2 ? total.Pairs.Correlation(0, 1) : null);

        // Overall item histograms are the sum of the group histograms.
        var overallCounts = new int[k * a];
        for (var g = 0; g < groupCount; g++)
        {
            for (var x = 0; x < k * a; x++)
            {
                overallCounts[x] += total.Counts[(g * k * a) + x];
            }
        }

        var items = new ItemSummary[k];
        for (var i = 0; i < k; i++)
        {
            items[i] = ItemSummary.FromCounts(data.ItemIds[i], overallCounts.AsSpan(i * a, a), min);
        }

        var scoresByGroup = GroupScores(data.GroupOfRespondent, scores, groupCount, out var scoredGroupOf, out var scoredValues);
        var overall = Descriptive.SummariseInPlace(scoredValues.ToArray(), data.ScaleMin, data.ScaleMax);

        var results = new GroupResult[groupCount];
        var sizes = new int[groupCount];
        var means = new double[groupCount];
        double withinSs = 0;
        var variances = new double[k];
        var listwiseMeans = new double[k];
        var listwiseVariances = new double[k];
        var withRwg = 0;
        var agreeing = 0;
        for (var g = 0; g < groupCount; g++)
        {
            var groupScores = scoresByGroup[g];
            var summary = Descriptive.SummariseInPlace(groupScores, data.ScaleMin, data.ScaleMax);
            sizes[g] = summary.N;
            means[g] = summary.Mean ?? 0;
            foreach (var s in groupScores)
            {
                withinSs += (s - means[g]) * (s - means[g]);
            }

            var groupItems = new ItemSummary[k];
            double deviation = 0;
            var listwiseN = total.CompleteRespondents[g];
            for (var i = 0; i < k; i++)
            {
                var counts = total.Counts.AsSpan((g * k * a) + (i * a), a);
                groupItems[i] = ItemSummary.FromCounts(data.ItemIds[i], counts, min);
                variances[i] = ItemSummary.Moments(counts, min).Variance;
                var completeCounts = total.CompleteCounts.AsSpan((g * k * a) + (i * a), a);
                (_, listwiseMeans[i], listwiseVariances[i]) = ItemSummary.Moments(completeCounts, min);
                deviation += Agreement.AverageDeviation(completeCounts, min);
            }

            var rwgJ = Agreement.RwgJ(variances, nullVariance);
            if (rwgJ is not null)
            {
                withRwg++;
                agreeing += rwgJ >= Agreement.RwgThreshold ? 1 : 0;
            }

            results[g] = new GroupResult(
                g,
                data.GroupLabels[g],
                summary,
                groupItems,
                rwgJ,
                listwiseN,
                listwiseN < 2 ? null : Agreement.RwgJ(listwiseVariances, nullVariance),
                listwiseN < 2 ? null : Agreement.Awg(listwiseMeans, listwiseVariances, listwiseN, data.ScaleMin, data.ScaleMax),
                summary.Sd is null ? null : Agreement.Rwg(summary.Sd.Value * summary.Sd.Value, nullVariance))
            {
                PooledFavourable = total.Favourable[g],
                PooledUnfavourable = total.Unfavourable[g],
                RwgJSlightSkew = Agreement.RwgJ(variances, skewedNullVariance),
                AdMJListwise = listwiseN < 2 ? null : deviation / k,
            };
        }

        return new ScaleAnalysisResult(
            minAnswered,
            alpha,
            items,
            overall,
            results,
            Agreement.Icc(sizes, means, withinSs),
            RankTests.KruskalWallis(scoredValues, scoredGroupOf, groupCount),
            withRwg,
            withRwg == 0 ? null : (double)agreeing / withRwg)
        {
            ScaleScores = scores,
            ScoresByGroup = scoresByGroup,
        };
    }

    // Buckets the scored respondents by group (a counting sort) and returns them flat as well, for the rank test.
    private static double[][] GroupScores(int[] groupOf, double[] scores, int groupCount, out int[] scoredGroupOf, out double[] scoredValues)
    {
        var sizes = new int[groupCount];
        var scored = 0;
        for (var r = 0; r < scores.Length; r++)
        {
            if (!double.IsNaN(scores[r]))
            {
                sizes[groupOf[r]]++;
                scored++;
            }
        }

        var byGroup = new double[groupCount][];
        for (var g = 0; g < groupCount; g++)
        {
            byGroup[g] = new double[sizes[g]];
        }

        scoredGroupOf = new int[scored];
        scoredValues = new double[scored];
        var fill = new int[groupCount];
        var next = 0;
        for (var r = 0; r < scores.Length; r++)
        {
            if (!double.IsNaN(scores[r]))
            {
                var g = groupOf[r];
                byGroup[g][fill[g]++] = scores[r];
                scoredGroupOf[next] = g;
                scoredValues[next++] = scores[r];
            }
        }

        return byGroup;
    }

    private sealed class Partial(int groups, int items, int options)
    {
        public int[] Counts { get; } = new int[groups * items * options];

        public int[] CompleteCounts { get; } = new int[groups * items * options];

        public int[] CompleteRespondents { get; } = new int[groups];

        /// <summary>Per group, each respondent's favourable (unfavourable) answers and answers, summed (<see cref="ClusteredCounts"/>).</summary>
        public ClusteredCounts[] Favourable { get; } = new ClusteredCounts[groups];

        public ClusteredCounts[] Unfavourable { get; } = new ClusteredCounts[groups];

        public Reliability.PairSums Pairs { get; } = new(items);

        public void Merge(Partial other)
        {
            for (var x = 0; x < Counts.Length; x++)
            {
                Counts[x] += other.Counts[x];
                CompleteCounts[x] += other.CompleteCounts[x];
            }

            for (var g = 0; g < CompleteRespondents.Length; g++)
            {
                CompleteRespondents[g] += other.CompleteRespondents[g];
                Favourable[g] += other.Favourable[g];
                Unfavourable[g] += other.Unfavourable[g];
            }

            Pairs.Merge(other.Pairs);
        }
    }
}
