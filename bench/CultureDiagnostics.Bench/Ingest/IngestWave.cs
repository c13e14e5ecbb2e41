using System.Text.Json;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Data.Campaigns;

namespace CultureDiagnostics.Bench.Ingest;

/// <summary>A link respondents answer through: the unit's access code and the instruments of its campaign.</summary>
public sealed record IngestTarget(string AccessCode, IReadOnlyList<string> Instruments);

/// <summary>
/// The surveys an ingest run answers, open today: a diagnostic wave with all three instruments and a
/// psychological-safety pulse, each across 40 teams of a trust, as after the 9:00 all-staff e-mail.
/// </summary>
public static class IngestWave
{
    public static async Task<IReadOnlyList<IngestTarget>> CreateAsync(BenchPlatform platform, int teamCount = 40)
    {
        var structure = new List<ProposedUnit> { new("ORG", "Ingest Trust", null, null) };
        for (var t = 0; t < teamCount; t++)
        {
            var directorate = $"D{(t % 5) + 1}";
            if (t < 5)
            {
                structure.Add(new(directorate, $"Directorate {directorate}", "ORG", null));
            }

            structure.Add(new($"T{t + 1:000}", $"Team {t + 1}", directorate, 60));
        }

        var units = await platform.Units.AddAsync(structure);
        var teams = units.Where(u => u.Code.StartsWith('T')).Select(u => u.Id).ToList();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var targets = new List<IngestTarget>();
        foreach (var (title, instruments) in new[]
                 {
                     ("Diagnostic wave", new[] { "leadership-behaviours", "psychological-safety", "team-reflexivity" }),
                     ("Monthly pulse", new[] { "psychological-safety" }),
                 })
        {
            var latest = instruments.Select(id => platform.Catalogue.Latest(id)!).ToList();
            var campaign = await platform.Campaigns.CreateAsync(new NewCampaign(
                title, "Ingest Trust", today.AddDays(-1), today.AddDays(30), DisclosureThresholds.Default,
                latest.Select(i => (new CampaignInstrument(i.Id, i.Version), platform.Catalogue.FingerprintOf(i.Id, i.Version))).ToList(),
                teams));
            await platform.Campaigns.ChangeStatusAsync(campaign.Id, CampaignStatus.Draft, CampaignStatus.Open);
            targets.AddRange(campaign.Units.Select(u => new IngestTarget(u.AccessCode, instruments)));
        }

        return targets;
    }

    public static async Task SaveAsync(IReadOnlyList<IngestTarget> targets, string path) =>
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(targets));

    public static async Task<IReadOnlyList<IngestTarget>> LoadAsync(string path) =>
        JsonSerializer.Deserialize<List<IngestTarget>>(await File.ReadAllTextAsync(path))
        ?? throw new InvalidDataException($"{path} holds no targets.");
}
