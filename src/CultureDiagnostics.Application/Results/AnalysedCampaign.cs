using System.Buffers;
using System.ComponentModel;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Disclosure;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Core.Results;
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
    IReadOnlyList<IReadOnlyDictionary<string, GroupDisclosure>> ScaleDisclosure)
{
    /// <summary>
    /// Whether a scale's figures for a unit may be shown: the unit's respondents and the scale's own
    /// respondents (fewer where a section is only for some, such as leaders) must both pass.
    /// </summary>
    public GroupDisclosure? ScaleShown(int scaleIndex, string unitId) =>
        Disclosure.TryGetValue(unitId, out var unit) && unit.Shown
            ? ScaleDisclosure[scaleIndex].GetValueOrDefault(unitId)
            : unit;
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
