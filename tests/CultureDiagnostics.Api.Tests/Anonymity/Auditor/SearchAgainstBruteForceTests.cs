using CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver;
using Echelon = CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver.Echelon<System.Numerics.BigInteger>;
using IntegerRow = CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver.IntegerRow<System.Numerics.BigInteger>;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor;

/// <summary>
/// The check's shortcuts (atoms, split and sym coordinates, heavy columns, components, the search by bases and
/// hitting sets, arithmetic modulo a prime) against the definition itself on small random systems: a set S of
/// respondents leaks exactly when rank(M) − rank(M without S's columns) &gt; 0, computed by brute force over every
/// set of at most threshold − 1 respondents, with the whole uncompressed matrix.
/// </summary>
public sealed class SearchAgainstBruteForceTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>Two unknowns per respondent; published forms: each alone, and their sum (as a scale score ties items).</summary>
    private static readonly Pattern Two = new("two", ["first", "second"]);

    private sealed record Form(string Key, (int, Rational)[] Coefficients) : ILinearForm
    {
        public string Words => Key;

        public IReadOnlyList<(int Quantity, Rational Coefficient)> On(Pattern pattern) => Coefficients;
    }

    private static readonly Form[] Forms =
    [
        new("first", [(0, Rational.One)]),
        new("second", [(1, Rational.One)]),
        new("sum", [(0, Rational.One), (1, Rational.One)]),
    ];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TheSearchFindsExactlyTheSetsThatLeakByDefinition(int seed)
    {
        var random = new Random(seed);
        var threshold = random.Next(3, 5);
        var block = new BlockSystem($"random {seed}", threshold);
        var respondents = random.Next(8, 14);
        for (var r = 0; r < respondents; r++)
        {
            // A few classes (units), so that populations cut some of them.
            block.Members.Add(new BlockMember($"r{r}", $"respondent {r}", Two, $"unit {r % 3}"));
        }

        // Units and their union (a tree), then random populations, each published with a random form.
        var populations = new List<int[]>
        {
            Enumerable.Range(0, respondents).ToArray(),
            Enumerable.Range(0, respondents).Where(r => r % 3 == 0).ToArray(),
            Enumerable.Range(0, respondents).Where(r => r % 3 == 1).ToArray(),
        };
        for (var p = 0; p < random.Next(2, 7); p++)
        {
            populations.Add(Enumerable.Range(0, respondents).Where(_ => random.NextDouble() < 0.5).ToArray());
        }

        foreach (var population in populations.Where(p => p.Length > 0))
        {
            foreach (var form in Forms.Where(_ => random.NextDouble() < 0.6))
            {
                block.Equations.Add(new BlockEquation(block.Equations.Count, population, form));
            }
        }

        var found = BlockCheck.Run(block);
        var expected = BruteForce(block);
        var reported = found.Leaks.Select(l => string.Join(",", l.Members.Order())).ToHashSet();
        output.WriteLine($"{expected.Count} minimal leaking sets by definition, {reported.Count} found{(found.Stopped ? " (stopped)" : "")}");
        Assert.True(found.Leaks.All(l => l.Members.Count < threshold), "A finding is larger than the threshold allows.");
        if (found.Stopped)
        {
            Assert.Subset(expected, reported);
        }
        else
        {
            Assert.Equal(expected.Order(), reported.Order());
        }
    }

    /// <summary>The minimal leaking sets by the definition: every set of at most threshold − 1 respondents, the whole matrix.</summary>
    private static HashSet<string> BruteForce(BlockSystem block)
    {
        IntegerRow Row(BlockEquation e, Func<int, bool> keep) => IntegerRow.From(
            e.Members.Where(keep).SelectMany(m => e.Form.On(Two).Select(c => ((m * 2) + c.Quantity, c.Coefficient))), []);
        int Rank(Func<int, bool> keep)
        {
            var echelon = new Echelon();
            foreach (var equation in block.Equations)
            {
                echelon.Add(Row(equation, keep));
            }

            return echelon.Rank;
        }

        var full = Rank(_ => true);
        var leaking = new List<int[]>();
        var n = block.Members.Count;
        foreach (var set in Subsets(n, block.Threshold - 1))
        {
            if (leaking.Any(l => l.All(set.Contains)))
            {
                continue;
            }

            if (Rank(m => !set.Contains(m)) < full)
            {
                leaking.Add(set);
            }
        }

        return leaking.Select(s => string.Join(",", s)).ToHashSet();
    }

    /// <summary>Every non-empty set of at most <paramref name="size"/> of 0..n−1, smallest first (so supersets come after).</summary>
    private static IEnumerable<int[]> Subsets(int n, int size)
    {
        IEnumerable<int[]> Grow(int[] set, int next, int left) =>
            left == 0 ? [] : Enumerable.Range(next, n - next).SelectMany(i => new[] { set.Append(i).ToArray() });

        var level = new List<int[]> { Array.Empty<int>() };
        for (var k = 1; k <= size; k++)
        {
            level = level.SelectMany(s => Grow(s, s.Length == 0 ? 0 : s[^1] + 1, 1)).ToList();
            foreach (var set in level)
            {
                yield return set;
            }
        }
    }
}
