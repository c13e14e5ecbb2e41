using System.Buffers;
using System.ComponentModel;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Disclosure;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Core.Results;
using CultureDiagnostics.Core.Statistics;
using Microsoft.Extensions.Caching.Hybrid;

namespace CultureDiagnostics.Application.Results;

/// <summary>
/// A campaign's analysis with the disclosure decisions for its units, as computed for one state of
/// its responses. Immutable (and marked so, which lets HybridCache hand out this one instance): readers
/// share it without locks or copies.
/// </summary>
[ImmutableObject(true)]
public sealed record AnalysedCampaign(
    Campaign Campaign,
    long Stamp,
    OrganisationTree Tree,
    CampaignAnalysis Analysis,
    IReadOnlyDictionary<string, GroupDisclosure> Disclosure,
    IReadOnlyList<IReadOnlyDictionary<string, ScaleFigureDisclosure>> ScaleDisclosure,
    IReadOnlyList<AcrossGroupsResult> AcrossGroups)
{
    /// <summary>
    /// The decisions for a scale's figures in a unit, each on its own population (see DisclosureRules.ForScale);
    /// null for a unit outside the tree.
    /// </summary>
    public ScaleFigureDisclosure? ScaleFigures(int scaleIndex, string unitId) => ScaleDisclosure[scaleIndex].GetValueOrDefault(unitId);

    /// <summary>Whether a scale's score (and so its cell) may be shown for a unit, with the reason when not.</summary>
    public GroupDisclosure? ScaleShown(int scaleIndex, string unitId) =>
        ScaleFigures(scaleIndex, unitId)?.Score ?? Disclosure.GetValueOrDefault(unitId);
}

/// <summary>
/// An analysis is kept in the memory of the instance that computed it, as the object it is: it holds every
/// answer's statistics, so it is never written to a shared cache (each instance recomputes from the database).
/// HybridCache asks for a value's bytes before keeping it in memory; an analysis has none to give, and is
/// never read back from bytes.
/// </summary>
internal sealed class KeptInMemoryOnly : IHybridCacheSerializer<AnalysedCampaign>
{
    public AnalysedCampaign Deserialize(ReadOnlySequence<byte> source) =>
        throw new NotSupportedException("A campaign's analysis is never read from a shared cache.");

    public void Serialize(AnalysedCampaign value, IBufferWriter<byte> target)
    {
    }
}
