using CultureDiagnostics.Application.Results;
using CultureDiagnostics.Core.Disclosure;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Organisation;

namespace CultureDiagnostics.Application.Comments;

/// <summary>
/// Which groups' comments may be shown, decided once for what is published (ResultsPublisher.CommentsAsync) and for
/// what a reviewer may read (<see cref="CommentReviewService"/>), so the two can never disagree.
/// </summary>
public static class CommentGroups
{
    /// <summary>DisclosureRules.ForComments over each unit's own respondents, on the campaign's published scores.</summary>
    public static IReadOnlyDictionary<string, GroupDisclosure> Decide(AnalysedCampaign analysed)
    {
        var (tree, disclosure) = (analysed.Tree, analysed.Disclosure);
        // A unit's own respondents: its total less its children's totals.
        var counts = tree.Units
            .Select(u => new GroupCount(u.Id, u.ParentId, disclosure[u.Id].Total - tree.ChildrenOf(u.Id).Sum(c => disclosure[c.Id].Total)))
            .ToList();
        return DisclosureRules.ForComments(counts, analysed.Campaign.Thresholds, disclosure);
    }

    /// <summary>
    /// The widest groups whose comments are shown (no group above them is), in tree order, each with the units under
    /// it. Every comment that can ever be published belongs to exactly one; a comment of any other unit never leaves
    /// the database.
    /// </summary>
    public static IReadOnlyList<(Unit Group, IReadOnlySet<string> Units)> Widest(AnalysedCampaign analysed, IReadOnlyDictionary<string, GroupDisclosure> decisions)
    {
        var tree = analysed.Tree;
        bool Shown(string id) => decisions.TryGetValue(id, out var decision) && decision.Shown;
        return [.. tree.InTreeOrder()
            .Where(x => Shown(x.Unit.Id) && !tree.AncestorsOf(x.Unit.Id).Any(a => Shown(a.Id)))
            .Select(x => (x.Unit, (IReadOnlySet<string>)tree.SubtreeOf(x.Unit.Id).Select(u => u.Id).ToHashSet(StringComparer.Ordinal)))];
    }

    /// <summary>The words of the question a comment answers, as the campaign asked it.</summary>
    public static string QuestionText(InstrumentCatalogue catalogue, Core.Campaigns.Campaign campaign, string instrumentId, string itemId)
    {
        var version = campaign.Instruments.FirstOrDefault(i => i.InstrumentId == instrumentId)?.Version;
        return version is null ? itemId : catalogue.Find(instrumentId, version.Value)?.FindItem(itemId)?.Text ?? itemId;
    }
}
