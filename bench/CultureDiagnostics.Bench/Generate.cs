using System.Diagnostics;
using System.Globalization;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Bench.Ingest;
using CultureDiagnostics.Data.Campaigns;

namespace CultureDiagnostics.Bench;

/// <summary>
/// A large trust: 25 directorates of 20 teams each (500 teams) and one closed wave of the leadership
/// behaviours survey (40 scored items, 8 more for the quarter of staff who lead), stored through the
/// platform's own response store.
/// </summary>
public static class Generate
{
    private const int BatchSize = 20_000;

    public static async Task<int> RunAsync(Arguments args)
    {
        var respondents = args.Number("respondents", 100_000);
        var teamCount = args.Number("teams", 500);
        var platform = new BenchPlatform(args.Text("db"));
        var clock = Stopwatch.StartNew();

        var structure = new List<ProposedUnit> { new("ORG", "Benchmark Trust", null, null) };
        var perDirectorate = Math.Max(1, teamCount / 25);
        for (var t = 0; t < teamCount; t++)
        {
            var directorate = $"D{(t / perDirectorate) + 1:00}";
            if (t % perDirectorate == 0)
            {
                structure.Add(new(directorate, $"Directorate {directorate}", "ORG", null));
            }

            structure.Add(new($"T{t + 1:000}", $"Team {t + 1}", directorate, (int)Math.Ceiling(respondents * 1.4 / teamCount)));
        }

        var units = await platform.Units.AddAsync(structure);
        var tree = new OrganisationTree(units);
        var teams = units.Where(u => tree.LevelOf(u.Id) == "team").ToList();
        var instrument = platform.Catalogue.Latest(BenchPlatform.InstrumentId)!;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var campaign = await platform.Campaigns.CreateAsync(new NewCampaign(
            "Benchmark wave", "Benchmark", today.AddDays(-30), today.AddDays(-1), DisclosureThresholds.Default,
            [(new CampaignInstrument(instrument.Id, instrument.Version), platform.Catalogue.FingerprintOf(instrument.Id, instrument.Version))],
            teams.Select(t => t.Id).ToList()));
        await platform.Campaigns.ChangeStatusAsync(campaign.Id, CampaignStatus.Draft, CampaignStatus.Open);

        var random = new Random(20261123);
        var climate = teams.ToDictionary(t => t.Id, _ => RealisticSubmissions.Normal(random) * 0.5);
        for (var done = 0; done < respondents; done += BatchSize)
        {
            var batch = new List<(string, DateOnly, AcceptedSubmission)>(BatchSize);
            for (var r = done; r < Math.Min(respondents, done + BatchSize); r++)
            {
                var team = teams[random.Next(teams.Count)];
                batch.Add((team.Id, today.AddDays(-random.Next(1, 30)), Respond(random, instrument, climate[team.Id] + (RealisticSubmissions.Normal(random) * 0.6))));
            }

            await platform.Responses.StoreBatchAsync(campaign.Id, batch);
        }

        await platform.Campaigns.ChangeStatusAsync(campaign.Id, CampaignStatus.Open, CampaignStatus.Closed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated {respondents:N0} respondents in {teams.Count} teams into {platform.Database.Path} in {clock.Elapsed.TotalSeconds:0.0} s (campaign {campaign.Id})"));
        return 0;
    }

    private static AcceptedSubmission Respond(Random random, Instrument instrument, double person)
    {
        var leads = random.NextDouble() < 0.25;
        var answers = new List<AcceptedAnswer>(50);
        foreach (var section in instrument.Sections)
        {
            if (section.Condition is not null && !leads)
            {
                continue;
            }

            foreach (var item in section.Items)
            {
                if (item.Type == ItemType.Choice)
                {
                    answers.Add(new AcceptedAnswer(instrument.Id, item.Id, null, leads ? "yes" : "no", false));
                }
                else if (item.Type == ItemType.Scale)
                {
                    var scale = instrument.FindScale(item.Scale!)!;
                    if (random.NextDouble() < 0.03)
                    {
                        answers.Add(new AcceptedAnswer(instrument.Id, item.Id, null, null, scale.AllowsNotApplicable));
                        continue;
                    }

                    var value = RealisticSubmissions.ScaleValue(random, scale, person);
                    answers.Add(new AcceptedAnswer(instrument.Id, item.Id, item.Reverse ? scale.Min + scale.Max - value : value, null, false));
                }
            }
        }

        return new AcceptedSubmission(answers.Where(a => a.Value is not null || a.Choice is not null || a.NotApplicable).ToList(), [], []);
    }
}
