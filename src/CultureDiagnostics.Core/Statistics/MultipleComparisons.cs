namespace CultureDiagnostics.Core.Statistics;

/// <summary>Multiple comparisons shown together.</summary>
public static class MultipleComparisons
{
    /// <summary>The false discovery rate a comparison is judged at once adjusted (5%).</summary>
    public const double FalseDiscoveryRate = 0.05;

    /// <summary>
    /// Benjamini–Hochberg adjusted p-values, as R's p.adjust(p, method = "BH"): for the i-th smallest of m p-values,
    /// the smallest of m·p(j)/j over j ≥ i, capped at 1. A comparison whose adjusted p is at most q is a discovery at
    /// false discovery rate q across all m.
    /// </summary>
    public static double[] BenjaminiHochberg(IReadOnlyList<double> p)
    {
        var m = p.Count;
        var order = Enumerable.Range(0, m).OrderByDescending(i => p[i]).ToArray();
        var adjusted = new double[m];
        var running = 1.0;
        for (var rank = 0; rank < m; rank++)
        {
            var i = order[rank];
            running = Math.Min(running, m * p[i] / (m - rank));
            adjusted[i] = running;
        }

        return adjusted;
    }
}
