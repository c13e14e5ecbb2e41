using System.Numerics;

namespace CultureDiagnostics.Core.Statistics;

public sealed record ItemReliability(string Item, double? RDrop, double? AlphaIfDeleted);

/// <summary>
/// Cronbach's alpha as psych::alpha reports it; for a two-item scale also the Spearman–Brown coefficient 2r / (1 + r),
/// the reliability that fits two items (Eisinga, te Grotenhuis &amp; Pelzer 2013: alpha assumes equal item variances,
/// which two items rarely have, and understates their reliability).
/// </summary>
public sealed record ReliabilityResult(double? Raw, double? Standardised, double? AverageR, IReadOnlyList<ItemReliability> Items, double? SpearmanBrown = null);

public static class Reliability
{
    /// <summary>
    /// Pairwise-complete covariance matrix (R's cov(use = "pairwise")) of a respondent-major matrix
    /// (<paramref name="values"/>[r * items + i], NaN = missing). One pass over the data: per respondent it
    /// adds the outer products of the centred values and the answered mask, which vectorise and run in parallel.
    /// </summary>
    public static double[,] PairwiseCovariance(ReadOnlySpan<double> values, int items, double centre)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(items, 1);
        var respondents = values.Length / items;
        var sums = new PairSums(items);
        // Centring near the scale midpoint keeps every product small, so one-pass sums lose nothing.
        var z = new double[items];
        var m = new double[items];
        for (var r = 0; r < respondents; r++)
        {
            sums.Add(values.Slice(r * items, items), centre, z, m);
        }

        return sums.ToCovariance();
    }

    /// <summary>
    /// Alpha, standardised alpha, average r, r.drop and alpha-if-deleted from a covariance matrix; for two items also
    /// Spearman–Brown from <paramref name="pairCorrelation"/>, the correlation over the respondents who answered both. The
    /// covariance matrix's own correlation divides the pair's covariance by variances over everyone who answered each
    /// item, which with missing answers is not a correlation (it can pass 1); without a pair correlation, it is used.
    /// </summary>
    public static ReliabilityResult Alpha(double[,] covariance, IReadOnlyList<string> itemIds, double? pairCorrelation = null)
    {
        var k = covariance.GetLength(0);
        var correlation = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                // psych::alpha standardises the pairwise covariances (cov2cor), not a separate pairwise correlation.
                correlation[i, j] = covariance[i, j] / Math.Sqrt(covariance[i, i] * covariance[j, j]);
            }
        }

        var all = Enumerable.Range(0, k).ToArray();
        var (raw, std, averageR) = AlphaOf(covariance, correlation, all);
        var items = new ItemReliability[k];
        for (var i = 0; i < k; i++)
        {
            var others = all.Where(j => j != i).ToArray();
            double otherTotal = 0, withItem = 0;
            foreach (var a in others)
            {
                withItem += covariance[i, a];
                foreach (var b in others)
                {
                    otherTotal += covariance[a, b];
                }
            }

            // r.drop: correlation of the item with the sum of the others, straight from the covariances.
            var rDrop = withItem / Math.Sqrt(covariance[i, i] * otherTotal);
            // Without one of two items a single item is left, whose alpha is not defined: psych reports the
            // covariance of the two over the remaining item's variance, and so does this.
            var dropped = k == 2
                ? Finite(covariance[i, others[0]] / covariance[others[0], others[0]])
                : AlphaOf(covariance, correlation, others).Raw;
            items[i] = new ItemReliability(itemIds[i], Finite(rDrop), dropped);
        }

        var r = pairCorrelation ?? (k == 2 ? correlation[0, 1] : double.NaN);
        return new ReliabilityResult(raw, std, averageR, items, k == 2 ? Finite(2 * r / (1 + r)) : null);
    }

    private static (double? Raw, double? Std, double? AverageR) AlphaOf(double[,] c, double[,] r, int[] subset)
    {
        var n = subset.Length;
        if (n < 2)
        {
            return (null, null, null);
        }

        double trace = 0, total = 0, sumR = 0;
        foreach (var a in subset)
        {
            trace += c[a, a];
            foreach (var b in subset)
            {
                total += c[a, b];
                sumR += r[a, b];
            }
        }

        double factor = n / (n - 1.0);
        // A total that is zero but for rounding (covariances that cancel exactly) means the scale's total does not
        // vary: alpha is not defined, rather than the huge number dividing by the rounding error would give.
        double magnitude = 0, magnitudeR = 0;
        foreach (var a in subset)
        {
            foreach (var b in subset)
            {
                magnitude += Math.Abs(c[a, b]);
                magnitudeR += Math.Abs(r[a, b]);
            }
        }

        var raw = Math.Abs(total) <= Cancelled * magnitude ? (double?)null : Finite((1 - (trace / total)) * factor);
        var std = Math.Abs(sumR) <= Cancelled * magnitudeR ? (double?)null : Finite((1 - (n / sumR)) * factor);
        return (raw, std, Finite((sumR - n) / (n * (n - 1.0))));
    }

    /// <summary>Relative size below which a sum of covariances is taken as exactly cancelled.</summary>
    private const double Cancelled = 1e-12;

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;

    /// <summary>Running sums for pairwise-complete covariances; mergeable so chunks can run in parallel.</summary>
    internal sealed class PairSums(int items)
    {
        private readonly int _k = items;
        private readonly double[] _zz = new double[items * items]; // Σ z_i z_j over respondents answering both
        private readonly double[] _zm = new double[items * items]; // Σ z_i over respondents answering i and j
        private readonly double[] _mm = new double[items * items]; // number answering both
        private readonly double[] _z2m = new double[items * items]; // Σ z_i² over respondents answering i and j

        public void Add(ReadOnlySpan<double> row, double centre, double[] z, double[] m)
        {
            var k = _k;
            for (var i = 0; i < k; i++)
            {
                var x = row[i];
                var answered = !double.IsNaN(x);
                z[i] = answered ? x - centre : 0;
                m[i] = answered ? 1 : 0;
            }

            var width = Vector<double>.Count;
            for (var i = 0; i < k; i++)
            {
                if (m[i] == 0)
                {
                    continue; // a missing answer adds nothing to row i of any sum
                }

                var zi = z[i];
                var rowStart = i * k;
                var j = 0;
                var vzi = new Vector<double>(zi);
                var vzi2 = new Vector<double>(zi * zi);
                for (; j <= k - width; j += width)
                {
                    var vz = new Vector<double>(z, j);
                    var vm = new Vector<double>(m, j);
                    (new Vector<double>(_zz, rowStart + j) + (vzi * vz)).CopyTo(_zz, rowStart + j);
                    (new Vector<double>(_zm, rowStart + j) + (vzi * vm)).CopyTo(_zm, rowStart + j);
                    (new Vector<double>(_mm, rowStart + j) + vm).CopyTo(_mm, rowStart + j);
                    (new Vector<double>(_z2m, rowStart + j) + (vzi2 * vm)).CopyTo(_z2m, rowStart + j);
                }

                for (; j < k; j++)
                {
                    _zz[rowStart + j] += zi * z[j];
                    _zm[rowStart + j] += zi * m[j];
                    _mm[rowStart + j] += m[j];
                    _z2m[rowStart + j] += zi * zi * m[j];
                }
            }
        }

        public void Merge(PairSums other)
        {
            for (var i = 0; i < _zz.Length; i++)
            {
                _zz[i] += other._zz[i];
                _zm[i] += other._zm[i];
                _mm[i] += other._mm[i];
                _z2m[i] += other._z2m[i];
            }
        }

        /// <summary>
        /// The correlation of items i and j over the respondents who answered both (R's cor(use = "pairwise")), each
        /// variance over those respondents too; NaN below two such respondents or without variation.
        /// </summary>
        public double Correlation(int i, int j)
        {
            var k = _k;
            var n = _mm[(i * k) + j];
            var (sx, sy) = (_zm[(i * k) + j], _zm[(j * k) + i]);
            var sxx = _z2m[(i * k) + j] - (sx * sx / n);
            var syy = _z2m[(j * k) + i] - (sy * sy / n);
            return n < 2 ? double.NaN : (_zz[(i * k) + j] - (sx * sy / n)) / Math.Sqrt(sxx * syy);
        }

        public double[,] ToCovariance()
        {
            var k = _k;
            var c = new double[k, k];
            for (var i = 0; i < k; i++)
            {
                for (var j = 0; j < k; j++)
                {
                    var n = _mm[(i * k) + j];
                    var sx = _zm[(i * k) + j];
                    var sy = _zm[(j * k) + i];
                    c[i, j] = n < 2 ? double.NaN : (_zz[(i * k) + j] - (sx * sy / n)) / (n - 1);
                }
            }

            return c;
        }
    }
}
