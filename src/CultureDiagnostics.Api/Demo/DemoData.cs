using CultureDiagnostics.Application.Comments;
using CultureDiagnostics.Core.Campaigns;
using CultureDiagnostics.Core.Collection;
using CultureDiagnostics.Core.Framework;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Organisation;
using CultureDiagnostics.Data;
using CultureDiagnostics.Data.Accounts;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Comments;
using CultureDiagnostics.Data.Diagnostics;
using CultureDiagnostics.Data.Organisation;
using CultureDiagnostics.Data.Responses;
using Dapper;

namespace CultureDiagnostics.Api.Demo;

/// <summary>
/// A fictional trust with two survey waves, synthetic responses and the other diagnostics (DemoDiagnostics), so that a newcomer sees data at
/// once. Everything is generated from a fixed seed: the same demo every time.
/// </summary>
public sealed class DemoData(
    UnitStore units, CampaignStore campaigns, ResponseStore responses, AccountStore accounts, DiagnosticsStore diagnostics,
    CommentReviewService review, CommentStore comments, InstrumentCatalogue catalogue, Data.Deliver.ActionStore actions, TimeProvider clock)
{
    public const string AdminEmail = "admin@demo.example";
    public const string AdminPassword = "demo-password-1";
    private const int Seed = 20261123;

    /// <summary>Comments of the latest wave left for the demo's reviewer, so the review queue has work.</summary>
    private const int CommentsLeftToReview = 6;

    public static async Task<bool> IsDatabaseEmptyAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT (SELECT COUNT(*) FROM units) + (SELECT COUNT(*) FROM campaigns)") == 0;
    }

    /// <summary>The access code of the first unit of the newest open campaign, for the welcome message.</summary>
    public static async Task<string?> FirstRespondentCodeAsync(CampaignStore campaigns)
    {
        var open = (await campaigns.AllAsync()).FirstOrDefault(c => c.Status == CampaignStatus.Open);
        return open is { Units.Count: > 0 } ? open.Units[0].AccessCode : null;
    }

    public const string UnitLeadEmail = "lead@demo.example";

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await accounts.CreateAsync(AdminEmail, "Demo administrator", AdminPassword, Roles.Administrator, cancellationToken);
        await accounts.CreateAsync("analyst@demo.example", "Demo analyst", AdminPassword, Roles.Analyst, cancellationToken);
        await accounts.CreateAsync("board@demo.example", "Demo board member", AdminPassword, Roles.Board, cancellationToken);

        var structure = DemoTrust.Structure();
        var added = await units.AddAsync(structure, cancellationToken);
        var tree = new OrganisationTree(added);
        // A unit lead: the head of nursing for Surgery reads Surgery's results and its wards' and theatres'.
        await accounts.CreateAsync(UnitLeadEmail, "Demo unit lead (Surgery)", AdminPassword, Roles.UnitLead, added.Single(u => u.Code == "SUR").Id, cancellationToken);
        var teams = tree.Units.Where(u => tree.LevelOf(u.Id) == "team").OrderBy(u => u.Code, StringComparer.Ordinal).ToList();

        var instruments = DemoTrust.InstrumentIds.Select(id => catalogue.Latest(id)).OfType<Instrument>().ToList();
        var today = clock.Today();
        var random = new Random(Seed);

        // Two closed diagnostic waves whose results can be explored and compared, and an open pulse
        // survey to answer (results are published only once a campaign closes).
        var spring = await CreateWaveAsync("Culture diagnostic: spring", today.AddMonths(-7), today.AddMonths(-6), instruments, teams, cancellationToken);
        await LoadClosedWaveAsync(spring, Generate(random, instruments, teams, spring.OpensOn, improvement: 0.0), cancellationToken);

        var autumn = await CreateWaveAsync("Culture diagnostic: autumn", today.AddDays(-35), today.AddDays(-7), instruments, teams, cancellationToken);
        await LoadClosedWaveAsync(autumn, Generate(random, instruments, teams, autumn.OpensOn, improvement: 0.25), cancellationToken);

        // The board's dashboard shows the autumn diagnostic, as the change team would choose once it closed.
        await campaigns.ChooseBoardDiagnosticAsync(autumn.Id, cancellationToken);

        // Comments are published only once reviewed: the spring wave's all were, the autumn wave's all but a few.
        await ReviewCommentsAsync(spring.Id, leave: 0, cancellationToken);
        await ReviewCommentsAsync(autumn.Id, CommentsLeftToReview, cancellationToken);

        var pulseInstruments = instruments.Where(i => i.Id == "psychological-safety").ToList();
        var pulse = await CreateWaveAsync("Psychological safety pulse", today.AddDays(-7), today.AddDays(21), pulseInstruments, teams, cancellationToken);
        await campaigns.ChangeStatusAsync(pulse.Id, CampaignStatus.Draft, CampaignStatus.Open, cancellationToken);
        await responses.StoreBatchAsync(pulse.Id, Generate(random, pulseInstruments, teams, pulse.OpensOn, improvement: 0.3, share: 0.3), cancellationToken);

        // The other diagnostics, so the synthesis and the board's dashboard are not empty on first sight.
        await DemoDiagnostics.LoadAsync(diagnostics, today, cancellationToken);

        // Phase 3: actions the change team took from the autumn synthesis's areas to develop, one of them overdue.
        string Id(string code) => added.Single(u => u.Code == code).Id;
        foreach (var action in new[]
        {
            new Core.Deliver.ActionPlan("", "Listening with fascination: sessions for every ward leader", CulturalFramework.SupportAndCompassion, "listening-with-fascination",
                "Amara Okafor", "Head of Organisational Development", [Id("MED"), Id("SUR")], today.AddDays(-20), today.AddDays(120), Core.Deliver.ActionStatuses.InProgress,
                "Two sessions a month; the first four wards done.",
                [new(Core.Deliver.MeasureKinds.Scale, "psychological-safety/psychological-safety"), new(Core.Deliver.MeasureKinds.Metric, "sickness-absence")]),
            new Core.Deliver.ActionPlan("", "Quality improvement coaching for clinical teams", CulturalFramework.LearningAndInnovation, "leading-for-quality-improvement",
                "Dr Tom Reeve", "Associate Medical Director for Quality", [Id("NVT")], today.AddDays(-10), today.AddDays(180), Core.Deliver.ActionStatuses.Planned, null,
                [new(Core.Deliver.MeasureKinds.Scale, "team-reflexivity/task-reflexivity"), new(Core.Deliver.MeasureKinds.Metric, "incidents-reported")]),
            new Core.Deliver.ActionPlan("", "Board development on team working", CulturalFramework.Teamwork, "board-and-executive-team-development",
                "Helen Marsh", "Trust Chair", [Id("COR-BRD")], today.AddDays(-60), today.AddDays(-5), Core.Deliver.ActionStatuses.InProgress, "The second workshop moved to next month.",
                [new(Core.Deliver.MeasureKinds.Metric, "staff-turnover")]),
        })
        {
            await actions.SaveAsync(action, isNew: true, cancellationToken);
        }
    }

    private async Task LoadClosedWaveAsync(Campaign wave, List<(string, DateOnly, AcceptedSubmission)> generated, CancellationToken cancellationToken)
    {
        await campaigns.ChangeStatusAsync(wave.Id, CampaignStatus.Draft, CampaignStatus.Open, cancellationToken);
        await responses.StoreBatchAsync(wave.Id, generated, cancellationToken);
        await campaigns.ChangeStatusAsync(wave.Id, CampaignStatus.Open, CampaignStatus.Closed, cancellationToken);
    }

    /// <summary>
    /// Reviews a closed wave's comments as a change-team member would, from the review queue: words the screening
    /// suspects are removed and the comment published; the last <paramref name="leave"/> comments with suspects are
    /// left pending.
    /// </summary>
    private async Task ReviewCommentsAsync(string campaignId, int leave, CancellationToken cancellationToken)
    {
        var queue = (await review.QueueAsync(campaignId, cancellationToken)).Value!;
        var pending = queue.Groups.SelectMany(g => g.Comments).ToList();
        var left = pending.Where(c => c.Suspects.Count > 0).TakeLast(leave).Select(c => c.Id).ToHashSet();
        var decisions = pending.Where(c => !left.Contains(c.Id)).Select(c => new CommentDecision(
            c.Id, c.Text, CommentReview.Published, ReviewerRedaction.Remove(c.Text, c.Suspects.Select(s => new TextSpan(s.Start, s.Length)))));
        await comments.RecordAsync(campaignId, [.. decisions], cancellationToken);
    }

    private Task<Campaign> CreateWaveAsync(
        string title, DateOnly opens, DateOnly closes, IReadOnlyList<Instrument> instruments, IReadOnlyList<Unit> teams, CancellationToken cancellationToken) =>
        campaigns.CreateAsync(
            new NewCampaign(
                $"{title} {opens.Year}", "The culture and leadership change team", opens, closes, DisclosureThresholds.Default,
                instruments.Select(i => (new CampaignInstrument(i.Id, i.Version), catalogue.FingerprintOf(i.Id, i.Version))).ToList(),
                teams.Select(t => t.Id).ToList()),
            cancellationToken);

    /// <summary>
    /// Synthetic answers: each team has its own climate, each person a tendency of their own, and each
    /// answer is their sum plus noise on the item's scale. Roughly half to four in five staff respond; a few
    /// small teams fall below the disclosure threshold.
    /// </summary>
    private static List<(string, DateOnly, AcceptedSubmission)> Generate(
        Random random, IReadOnlyList<Instrument> instruments, IReadOnlyList<Unit> teams, DateOnly opensOn, double improvement, double share = 0.45)
    {
        var result = new List<(string, DateOnly, AcceptedSubmission)>();
        foreach (var team in teams)
        {
            var climate = DemoTrust.TeamClimate(team.Code) + improvement;
            var respondents = (int)Math.Round((team.Headcount ?? 10) * (share + (0.35 * random.NextDouble())));
            for (var r = 0; r < respondents; r++)
            {
                var person = climate + (Normal(random) * 0.6);
                result.Add((team.Id, opensOn.AddDays(random.Next(0, 14)), Respond(random, instruments, person)));
            }
        }

        return result;
    }

    private static AcceptedSubmission Respond(Random random, IReadOnlyList<Instrument> instruments, double person)
    {
        var answers = new List<AcceptedAnswer>();
        var comments = new List<AcceptedComment>();
        foreach (var instrument in instruments)
        {
            var leads = random.NextDouble() < 0.25 ? "yes" : "no";
            foreach (var section in instrument.Sections)
            {
                if (section.Condition is { } condition && answers.FirstOrDefault(a => a.InstrumentId == instrument.Id && a.ItemId == condition.Item)?.Choice != condition.Value)
                {
                    continue;
                }

                foreach (var item in section.Items)
                {
                    switch (item.Type)
                    {
                        case ItemType.Choice:
                            var choice = item.Options.Any(o => o.Value == leads) ? leads : item.Options[random.Next(item.Options.Count)].Value;
                            answers.Add(new AcceptedAnswer(instrument.Id, item.Id, null, choice, false));
                            break;
                        case ItemType.Scale:
                            answers.Add(ScaleAnswer(random, instrument, item, person));
                            break;
                        case ItemType.Text when random.NextDouble() < 0.12:
                            comments.Add(new AcceptedComment(instrument.Id, item.Id, DemoTrust.Comments[random.Next(DemoTrust.Comments.Count)]));
                            break;
                    }
                }
            }
        }

        var demographics = instruments.SelectMany(i => i.Demographics).DistinctBy(d => d.Id)
            .Where(_ => random.NextDouble() < 0.85)
            .Select(d => new AcceptedDemographic(d.Id, d.Options[random.Next(d.Options.Count)].Value))
            .ToList();
        return new AcceptedSubmission(answers, comments, demographics);
    }

    private static AcceptedAnswer ScaleAnswer(Random random, Instrument instrument, Item item, double person)
    {
        var scale = instrument.FindScale(item.Scale!)!;
        if (scale.AllowsNotApplicable && random.NextDouble() < 0.03)
        {
            return new AcceptedAnswer(instrument.Id, item.Id, null, null, true);
        }

        // person is on a -2..+2 scale of favourability; map it onto the scale and add item noise.
        var middle = (scale.Min + scale.Max) / 2.0;
        var spread = (scale.Max - scale.Min) / 4.0;
        var favourable = middle + (person * spread) + (Normal(random) * spread * 0.7);
        var value = (int)Math.Clamp(Math.Round(favourable), scale.Min, scale.Max);
        // A reverse-keyed item is worded negatively: agreeing with it is unfavourable.
        var stored = item.Reverse ? scale.Min + scale.Max - value : value;
        return new AcceptedAnswer(instrument.Id, item.Id, stored, null, false);
    }

    internal static double Normal(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
