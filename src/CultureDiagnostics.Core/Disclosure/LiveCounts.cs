using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CultureDiagnostics.Core.Disclosure;

/// <summary>
/// Response counts while a campaign runs. Anyone with a shared link can add responses of their own, so a count
/// that moves at a known point (from "fewer than 5" to 5, or from one band to the next) tells them the number
/// of real responses exactly: they know how many they sent. Two rules stop that:
/// <list type="bullet">
/// <item>Counts are taken as of the end of yesterday. A stored response carries the day it was sent and no time
/// (see the README's "What is stored"), so a count finer than a day would be the only clock on a response.</item>
/// <item>Each unit's count of its own respondents is rounded to a multiple of the base, down or up at a point
/// fixed for that unit and campaign by a secret key (unbiased random rounding, as statistics offices publish
/// census counts). Someone who pads a unit one response a day sees the rounded figure step up at a point they
/// cannot place: they learn the real count only to within the base, never exactly (except that no one has
/// answered). A unit above adds up the rounded counts of the units below it, so comparing a directorate with
/// its teams gives nothing more than the teams' own figures.</item>
/// </list>
/// Once a campaign has closed its counts follow the results' rules instead. Pure functions: the caller passes
/// the day, the counts and the campaign's key.
/// </summary>
public static class LiveCounts
{
    /// <summary>
    /// The smallest base: a padded unit's count is uncertain by at least the default score threshold, the size
    /// below which the platform publishes nothing exact. A higher score threshold raises it.
    /// </summary>
    public const int MinimumBase = 5;

    private const string KeyPurpose = "live-count-rounding/";

    /// <summary>The rounding base for a campaign's score threshold.</summary>
    public static int BaseFor(int scoreThreshold)
    {
        DisclosureRules.CheckThreshold(scoreThreshold);
        return Math.Max(MinimumBase, scoreThreshold);
    }

    /// <summary>The last day whose responses a live count includes: yesterday, so the figure changes once a day.</summary>
    public static DateOnly CountedUntil(DateOnly today) => today.AddDays(-1);

    /// <summary>A unit's secret rounding point in [0, base): from HMAC-SHA256 of its id under the campaign's key.</summary>
    public static int Offset(byte[] key, string unitId, int @base)
    {
        if (key is null || key.Length < 16)
        {
            throw new ArgumentException("The rounding key must be at least 16 bytes.", nameof(key));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(@base, 2);
        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(KeyPurpose + unitId));
        return (int)(BinaryPrimitives.ReadUInt32BigEndian(hash) % (uint)@base);
    }

    /// <summary>
    /// One count rounded to a multiple of the base: down when count + offset stays below the next multiple, else
    /// up. Over offsets drawn evenly the result is the count on average, and it never differs from it by the base or more.
    /// </summary>
    public static int Round(int count, int offset, int @base)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(@base, 2);
        if (offset < 0 || offset >= @base)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), "The offset must be in [0, base).");
        }

        return @base * ((count + offset) / @base);
    }

    /// <summary>
    /// The live count of every group of a tree: each unit's own respondents (<see cref="GroupCount.DirectCount"/>,
    /// as of <see cref="CountedUntil"/>) rounded with its own offset, and each group the sum of the rounded counts
    /// of its subtree. Nothing here depends on an exact count except through one unit's rounding.
    /// </summary>
    public static IReadOnlyDictionary<string, LiveCount> ForTree(IReadOnlyList<GroupCount> tree, byte[] key, int scoreThreshold)
    {
        var @base = BaseFor(scoreThreshold);
        var rounded = tree.ToDictionary(g => g.GroupId, g => Round(g.DirectCount, Offset(key, g.GroupId, @base), @base), StringComparer.Ordinal);
        var children = tree.Where(g => g.ParentId is not null && rounded.ContainsKey(g.ParentId))
            .ToLookup(g => g.ParentId!, g => g.GroupId, StringComparer.Ordinal);
        var sums = new Dictionary<string, int>(StringComparer.Ordinal);
        int SumOf(string id)
        {
            if (!sums.TryGetValue(id, out var sum))
            {
                sum = rounded[id];
                foreach (var child in children[id])
                {
                    sum = checked(sum + SumOf(child));
                }

                sums[id] = sum;
            }

            return sum;
        }

        return tree.ToDictionary(g => g.GroupId, g => LiveCount.Rounded(SumOf(g.GroupId), @base), StringComparer.Ordinal);
    }

    /// <summary>
    /// A rate in whole percent of headcount, only beside a count that is shown: from the exact count once the
    /// campaign has closed, from the rounded count while it runs (so it tells nothing the count does not; at most 100%).
    /// </summary>
    public static int? RatePercent(LiveCount count, int? headcount)
    {
        if (headcount is not > 0 || (count.Value ?? count.About) is not { } shown)
        {
            return null;
        }

        var percent = DisclosureRules.ResponseRatePercent(new GroupDisclosure("", shown, true, null, PublishedCount.Exact(shown)), headcount);
        return count.About is null ? percent : Math.Min(100, percent!.Value);
    }
}

/// <summary>
/// A response count as response rates publish it. While the campaign runs: <see cref="About"/>, rounded to a
/// multiple of <see cref="RoundedTo"/> (<see cref="LiveCounts"/>). Once it has closed: the results' published
/// count, <see cref="Value"/> or "fewer than" <see cref="FewerThan"/>, or neither (withheld). Serialise as is.
/// </summary>
public sealed record LiveCount
{
    private readonly PublishedCount? _published;

    private LiveCount(PublishedCount? published, int? about, int? roundedTo) =>
        (_published, About, RoundedTo) = (published, about, roundedTo);

    public int? Value => _published?.Value;

    public int? FewerThan => _published?.FewerThan;

    public int? About { get; }

    public int? RoundedTo { get; }

    public bool Shown => Value is not null || About is not null;

    public static LiveCount Rounded(int about, int roundedTo) => new(null, about, roundedTo);

    /// <summary>A count decided by the results' disclosure rules.</summary>
    public static LiveCount Published(PublishedCount count) => new(count, null, null);

    public override string ToString() =>
        About is { } about ? "about " + about.ToString(CultureInfo.InvariantCulture) : _published!.ToString();
}
