using System.Text;
using CultureDiagnostics.Core.Disclosure;

namespace CultureDiagnostics.Core.Tests.Disclosure;

public sealed class StableShuffleTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("campaign-key-0123456789abcdef");
    private static readonly byte[] OtherKey = Encoding.UTF8.GetBytes("another-campaign-key-987654321");

    // Comments in arrival order; ids are random, as stored.
    private static readonly string[] Arrived = [.. Enumerable.Range(0, 30).Select(i => $"{Guid.CreateVersion7(DateTimeOffset.UnixEpoch.AddDays(i)):N}")];

    [Fact]
    public void SameCommentsAndKeyGiveTheSameOrderEveryTime() =>
        Assert.Equal(DisclosureRules.StableShuffle(Arrived, x => x, Key), DisclosureRules.StableShuffle(Arrived, x => x, Key));

    [Fact]
    public void OrderIsNotArrivalOrder() =>
        Assert.NotEqual(Arrived, DisclosureRules.StableShuffle(Arrived, x => x, Key));

    [Fact]
    public void AnotherCampaignsKeyGivesAnotherOrder() =>
        Assert.NotEqual(DisclosureRules.StableShuffle(Arrived, x => x, Key), DisclosureRules.StableShuffle(Arrived, x => x, OtherKey));

    [Fact]
    public void OrderDoesNotDependOnTheOrderTheCommentsCameIn() =>
        Assert.Equal(DisclosureRules.StableShuffle(Arrived, x => x, Key), DisclosureRules.StableShuffle(Arrived.Reverse(), x => x, Key));

    [Fact]
    public void AShortKeyIsRefused() =>
        Assert.Throws<ArgumentException>(() => DisclosureRules.StableShuffle(Arrived, x => x, [1, 2, 3]));
}
