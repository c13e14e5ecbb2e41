using System.Globalization;
using CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Model;

/// <summary>Something a reader can work out about fewer than the threshold's respondents, in words a tester can read.</summary>
public sealed record Finding(string Block, IReadOnlyList<Respondent> Respondents, string Who, string Function, IReadOnlyList<string> Published, IReadOnlyList<string> Kinds)
{
    public override string ToString() =>
        $"{Who} [{Block}]: determined {Function}; from {string.Join(" | ", Published.Take(12))}{(Published.Count > 12 ? $" | … {Published.Count - 12} more" : "")}";
}

/// <summary>A published number that is not what the true answers give for the population the auditor mapped it to.</summary>
public sealed record Mismatch(Figure Figure, double? Truth, string Meaning)
{
    public override string ToString() =>
        $"{Figure.Where}: published {Figure.Value.ToString("R", CultureInfo.InvariantCulture)}, the true answers give {Truth?.ToString("R", CultureInfo.InvariantCulture) ?? "a statistic that is not defined"} for {Meaning}";
}

/// <summary>What the check found, with how long checking the figures against the truth and solving the blocks took.</summary>
public sealed record AuditReport(
    IReadOnlyList<Finding> Findings, IReadOnlyList<Mismatch> Mismatches, int Figures, int Equations, IReadOnlyList<BlockResult> Blocks, TimeSpan Mapping, TimeSpan Solving)
{
    /// <summary>Blocks not searched because the audit had already failed with <see cref="AuditModel.MaxFindings"/> findings.</summary>
    public IReadOnlyList<string> Unchecked { get; init; } = [];

    /// <summary>Figures shown empty where the statistic is defined: withheld by the platform, giving nothing.</summary>
    public int Withheld { get; init; }
}

/// <summary>
/// The auditor's model of a publication: each published figure checked against the true answers of its population,
/// turned into sums over populations, gathered into blocks of unknowns, and each block checked exactly for a set of
/// 1 to threshold − 1 respondents a non-zero function of whose contributions alone the sums determine.
/// </summary>
public sealed class AuditModel(TrueAnswers truth)
{
    /// <summary>Past this many findings the audit has failed many times over, and the remaining blocks are not searched.</summary>
    public const int MaxFindings = 40;

    private readonly Dictionary<Population, List<Respondent>> _members = [];

    public TrueAnswers Truth { get; } = truth;

    public List<Respondent> Members(Population population)
    {
        if (!_members.TryGetValue(population, out var members))
        {
            _members[population] = members = Truth.Respondents.Where(r => population.Contains(Truth, r)).ToList();
        }

        return members;
    }

    private readonly Dictionary<object, object?> _computed = [];

    /// <summary>A statistic of the truth computed once however many published numbers repeat it.</summary>
    public T Cached<T>(object key, Func<T> compute)
    {
        if (!_computed.TryGetValue(key, out var value))
        {
            _computed[key] = value = compute();
        }

        return (T)value!;
    }

    public ScaleInfo Scale(string wave, string instrument, string construct) =>
        ScaleInfo.Of(Truth.Waves[wave].Instruments.Single(i => i.Id == instrument), construct);

    /// <summary>Whether a published value is what the truth gives (NaN for "not defined"), within the publisher's rounding.</summary>
    public static bool Agrees(double published, double? truth, int? decimals)
    {
        if (truth is not { } t || !double.IsFinite(t))
        {
            return double.IsNaN(published) && (truth is null || double.IsNaN(truth.Value));
        }

        var tolerance = decimals is { } d ? (0.5 * Math.Pow(10, -d)) + 1e-9 : 1e-9 * Math.Max(1, Math.Abs(t));
        return Math.Abs(published - t) <= tolerance;
    }

    /// <summary>The units (by wave and scale) whose own rwg(j) the publication shows.</summary>
    public HashSet<(string Wave, string Scale, string UnitId)> PublishedRwgJ { get; } = [];

    public AuditReport Check(IReadOnlyList<Figure> figures)
    {
        foreach (var figure in figures)
        {
            if (figure.Meaning is AgreementStat { Kind: AgreementKind.RwgJ } agreement && double.IsFinite(figure.Value))
            {
                PublishedRwgJ.Add((agreement.Wave, agreement.Scale.Key, agreement.UnitId));
            }
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var mismatches = new List<Mismatch>();
        var withheld = 0;
        var sums = new Dictionary<BlockKey, Dictionary<(Population, string), (Sum Sum, List<Figure> Figures)>>();
        foreach (var figure in figures)
        {
            var meaning = figure.Meaning.Resolve(this, figure.Value);
            var expected = meaning.Truth(this);
            if (double.IsNaN(figure.Value) && expected is { } defined && double.IsFinite(defined))
            {
                // Shown empty where the statistic is defined: withheld, so it gives the reader nothing.
                withheld++;
                continue;
            }

            if (!meaning.Accepts(this, figure.Value, figure.Decimals))
            {
                mismatches.Add(new Mismatch(figure, expected, meaning.Words(this)));
            }

            var figureSums = meaning.Sums(this).ToList();
            if (double.IsNaN(figure.Value) && figureSums.All(sum => Members(sum.Population).Count < Truth.Waves[sum.Block.Wave].Threshold))
            {
                // Shown empty on fewer than the threshold's respondents: the rules withhold such a figure whatever the
                // answers, so "empty" tells the reader nothing about them (whether it was also not defined).
                withheld++;
                continue;
            }

            foreach (var sum in figureSums)
            {
                if (!sums.TryGetValue(sum.Block, out var block))
                {
                    sums[sum.Block] = block = [];
                }

                var key = (sum.Population, sum.Form.Key);
                if (!block.TryGetValue(key, out var entry))
                {
                    block[key] = entry = (sum, []);
                }

                entry.Figures.Add(figure with { Meaning = meaning });
            }
        }

        var mapping = clock.Elapsed;
        var findings = new List<Finding>();
        var unchecked_ = new List<string>();
        var results = new List<BlockResult>();
        var equations = 0;
        foreach (var (key, blockSums) in sums.OrderBy(s => s.Key.Name, StringComparer.Ordinal))
        {
            if (findings.Count >= MaxFindings)
            {
                // The publication has failed many times over: the blocks left are not searched (and reported so).
                unchecked_.Add(key.Name);
                continue;
            }

            var (system, sources) = Build(key, blockSums.Values);
            equations += system.Equations.Count;
            var result = BlockCheck.Run(system);
            results.Add(result);
            findings.AddRange(result.Leaks.Select(leak => Describe(key, system, leak, sources)));
        }

        return new AuditReport(findings, mismatches, figures.Count, equations, results, mapping, clock.Elapsed - mapping) { Unchecked = unchecked_, Withheld = withheld };
    }

    private (BlockSystem System, List<List<Figure>> Sources) Build(BlockKey key, IEnumerable<(Sum Sum, List<Figure> Figures)> blockSums)
    {
        var wave = Truth.Waves[key.Wave];
        var system = new BlockSystem(key.Name, wave.Threshold);
        var index = new Dictionary<string, int>();
        var comment = key.Scale is null ? new CommentPattern(key.Item!) : null;
        var patterns = new Dictionary<string, ScalePattern>();
        foreach (var respondent in Truth.Respondents.Where(r => r.Wave == key.Wave))
        {
            Pattern pattern;
            if (key.Scale is { } scale)
            {
                var answered = scale.Answered(respondent);
                if (answered.Count == 0)
                {
                    continue;
                }

                var patternKey = string.Join(",", answered);
                if (!patterns.TryGetValue(patternKey, out var scalePattern))
                {
                    patterns[patternKey] = scalePattern = ScalePattern.Of(scale, answered);
                }

                pattern = scalePattern;
            }
            else
            {
                pattern = comment!;
            }

            index[respondent.Id] = system.Members.Count;
            system.Members.Add(new BlockMember(respondent.Id, Words(respondent), pattern, respondent.UnitId));
        }

        var sources = new List<List<Figure>>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (sum, figures) in blockSums)
        {
            var members = Members(sum.Population).Where(r => index.ContainsKey(r.Id)).Select(r => index[r.Id]).Order().ToList();
            if (members.Count == 0)
            {
                continue;
            }

            var dedupe = $"{sum.Form.Key}|{string.Join(",", members)}";
            if (seen.TryGetValue(dedupe, out var existing))
            {
                sources[existing].AddRange(figures);
                continue;
            }

            seen[dedupe] = system.Equations.Count;
            system.Equations.Add(new BlockEquation(system.Equations.Count, members, sum.Form));
            sources.Add([.. figures]);
        }

        return (system, sources);
    }

    private Finding Describe(BlockKey key, BlockSystem system, BlockLeak leak, List<List<Figure>> sources)
    {
        var respondents = leak.Members.Select(m => Truth.Respondents.Single(r => r.Id == system.Members[m].Respondent)).ToList();
        var units = respondents.Select(r => Truth.Units[r.UnitId].Code).Distinct().Order().ToList();
        var common = respondents[0].Categories.Where(c => respondents.All(r => r.Category(c.Key) == c.Value)).Select(c => $"{c.Key} '{c.Value}'").ToList();
        var answered = key.Scale is { } scale
            ? $", answered {string.Join(" / ", respondents.Select(r => string.Join(",", scale.Answered(r).Select(i => scale.Items[i].Id))).Distinct())}"
            : "";
        var who = $"{respondents.Count} respondent{(respondents.Count == 1 ? "" : "s")} of {string.Join(" and ", units)} in {Truth.Waves[key.Wave].Title}"
            + (common.Count > 0 ? $" ({string.Join(", ", common)})" : "") + answered;
        var figures = leak.Equations.SelectMany(e => sources[e]).ToList();
        return new Finding(
            key.Name, respondents, who, leak.Function,
            leak.Equations.Select(e => $"{sources[e][0].Meaning.Words(this)} [{string.Join("; ", sources[e].Select(f => f.Where).Distinct().Take(3))}]").ToList(),
            figures.Select(f => Kind(f.Meaning)).Distinct().Order().ToList());
    }

    private string Words(Respondent respondent) =>
        $"response {respondent.Id[..Math.Min(8, respondent.Id.Length)]} of {Truth.Units[respondent.UnitId].Code}";

    /// <summary>Which kind of published figure an equation came from, to say which leak of the issue a finding is.</summary>
    public static string Kind(Meaning meaning) => meaning switch
    {
        Mirrored m => Kind(m.Scored),
        ItemPoint or ItemStat or ItemBox => "item figures",
        ScaleStat { Population.Question: not null } or PooledBox { Population.Question: not null } => "breakdown figures",
        ScaleStat or PooledBox => "scale figures",
        AgreementStat { Kind: AgreementKind.RwgJ or AgreementKind.RwgJSlightSkew } => "agreement (rwg(j))",
        AgreementStat => "listwise agreement",
        TeamLevelStat => "statistics across teams",
        ReliabilityStat => "reliability",
        DifferenceStat => "comparisons",
        CommentCount => "comment counts",
        _ => meaning.GetType().Name,
    };
}
