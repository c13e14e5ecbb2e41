using System.Text.Json;
using CultureDiagnostics.Core.Diagnostics;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Spc;
using CultureDiagnostics.Data.Campaigns;
using CultureDiagnostics.Data.Diagnostics;
using CultureDiagnostics.Data.Organisation;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Model;

public sealed record TreeUnit(string Id, string Code, string? ParentId, int? Headcount);

/// <summary>A survey wave (campaign) as the auditor needs it: its thresholds and instruments.</summary>
public sealed record Wave(string Id, string Title, int Threshold, int CommentThreshold, IReadOnlyList<Instrument> Instruments, DateOnly OpensOn, DateOnly ClosesOn);

/// <summary>
/// One response as stored: the unit it came through, its demographic answers (a declined question is absent),
/// its scale answers after reverse-scoring (so that a higher point is always more favourable), the items it marked
/// "not applicable", and its choice answers.
/// </summary>
public sealed record Respondent(
    string Id,
    string Wave,
    string UnitId,
    IReadOnlyDictionary<string, string> Categories,
    IReadOnlyDictionary<(string Instrument, string Item), int> Scored,
    IReadOnlySet<(string Instrument, string Item)> NotApplicable,
    IReadOnlyDictionary<(string Instrument, string Item), string> Choices,
    DateOnly? SubmittedOn = null)
{
    public string Category(string question) => Categories.GetValueOrDefault(question, "");
}

/// <summary>A culture and outcomes metric with its SPC chart: organisational data nobody answered, published beside the survey.</summary>
public sealed record MetricTruth(Metric Metric, SpcResult Chart);

/// <summary>A comment published after review: only its unit and question are known, as the platform keeps no link to a response.</summary>
public sealed record TrueComment(string Wave, string UnitId, string Instrument, string Item);

/// <summary>
/// Everything the platform stores about what people answered, read straight from its database: the ground truth
/// every published number is checked against and the respondents the auditor's unknowns belong to.
/// </summary>
public sealed class TrueAnswers
{
    /// <param name="units">Every unit ever in the structure (its code for ever).</param>
    /// <param name="waveTrees">The structure each wave ran with; every wave runs with <paramref name="units"/> when none is given.</param>
    public TrueAnswers(
        IEnumerable<TreeUnit> units, IEnumerable<Wave> waves, IEnumerable<Respondent> respondents, IEnumerable<TrueComment> comments,
        IReadOnlyDictionary<string, IReadOnlyList<TreeUnit>>? waveTrees = null)
    {
        Units = units.ToDictionary(u => u.Id);
        Waves = waves.ToDictionary(w => w.Id);
        Respondents = respondents.ToList();
        Comments = comments.ToList();
        foreach (var wave in Waves.Keys)
        {
            var tree = (waveTrees?.GetValueOrDefault(wave) ?? [.. Units.Values]).ToDictionary(u => u.Id);
            _trees[wave] = tree;
            foreach (var unit in tree.Values)
            {
                var ancestors = new List<string>();
                for (var at = unit; at is not null; at = at.ParentId is null ? null : tree[at.ParentId])
                {
                    ancestors.Add(at.Id);
                }

                _selfAndAncestors[(wave, unit.Id)] = ancestors;
            }
        }

        Root = Units.Values.Where(u => u.ParentId is null).Single(u => _trees.Values.All(t => t.ContainsKey(u.Id)));
    }

    private readonly Dictionary<(string Wave, string Unit), List<string>> _selfAndAncestors = [];

    /// <summary>Each wave's structure, as it ran: a reorganisation since changes none of them.</summary>
    private readonly Dictionary<string, Dictionary<string, TreeUnit>> _trees = [];

    public IReadOnlyDictionary<string, TreeUnit> Units { get; }

    public IReadOnlyDictionary<string, Wave> Waves { get; }

    public IReadOnlyList<Respondent> Respondents { get; }

    public IReadOnlyList<TrueComment> Comments { get; }

    public TreeUnit Root { get; }

    public IReadOnlyList<MetricTruth> Metrics { get; init; } = [];

    /// <summary>What the change team wrote (findings as the synthesis words them, conclusions): words, not answers.</summary>
    public IReadOnlySet<string> ChangeTeamTexts { get; init; } = new HashSet<string>();

    public TreeUnit UnitByCode(string code) => Units.Values.Single(u => u.Code == code);

    /// <summary>Whether <paramref name="unitId"/> is <paramref name="ancestorId"/> or lay below it in the wave's structure.</summary>
    public bool IsWithin(string wave, string unitId, string ancestorId) =>
        _selfAndAncestors.TryGetValue((wave, unitId), out var above) && above.Contains(ancestorId);

    public IEnumerable<TreeUnit> ChildrenOf(string wave, string unitId) => _trees[wave].Values.Where(u => u.ParentId == unitId);

    public int DepthOf(string wave, string unitId) => _selfAndAncestors[(wave, unitId)].Count - 1;

    /// <summary>A unit's headcount in a wave: its own, or its children's added up when every one of them has one (as the platform reckons).</summary>
    public int? HeadcountOf(string wave, string unitId)
    {
        if (_trees[wave][unitId].Headcount is { } own)
        {
            return own;
        }

        var children = ChildrenOf(wave, unitId).Select(c => HeadcountOf(wave, c.Id)).ToList();
        return children.Count == 0 || children.Any(c => c is null) ? null : children.Sum();
    }

    public Wave WaveByTitle(string title) => Waves.Values.Single(w => w.Title == title);

    /// <summary>
    /// The platform's previous wave of an instrument: the latest other wave with it that closed before this one opened. The
    /// platform also asks that the wave surveyed the same units under the unit compared; the auditor's organisations
    /// survey the same teams in every wave, so that is this wave for every unit.
    /// </summary>
    public Wave? PreviousWave(Wave wave, string instrument) => Waves.Values
        .Where(w => w.Id != wave.Id && w.ClosesOn < wave.OpensOn && w.Instruments.Any(i => i.Id == instrument))
        .OrderByDescending(w => w.ClosesOn).ThenByDescending(w => w.OpensOn)
        .FirstOrDefault();

    /// <summary>
    /// Reads campaigns' responses, demographics and comments from the platform's database (structure and campaigns
    /// through its stores, the respondents' rows directly: the test is the only one allowed to look).
    /// </summary>
    public static async Task<TrueAnswers> ReadAsync(IServiceProvider services, System.Data.Common.DbConnection db, IEnumerable<string> campaignIds)
    {
        var catalogue = services.GetRequiredService<InstrumentCatalogue>();
        var unitStore = services.GetRequiredService<UnitStore>();
        var units = (await unitStore.HistoryAsync()).Records.Select(r => new TreeUnit(r.Unit.Id, r.Unit.Code, r.Unit.ParentId, r.Unit.Headcount)).ToList();
        var waveTrees = new Dictionary<string, IReadOnlyList<TreeUnit>>();
        var waves = new List<Wave>();
        var respondents = new List<Respondent>();
        var comments = new List<TrueComment>();
        foreach (var id in campaignIds)
        {
            var campaign = (await services.GetRequiredService<CampaignStore>().FindAsync(id))!;
            var instruments = campaign.Instruments.Select(i => catalogue.Find(i.InstrumentId, i.Version)!).ToList();
            // The structure the wave ran with, as kept when it opened, read straight from the table.
            var kept = db.Query<(string Id, string Code, string? ParentId, long? Headcount)>(
                "SELECT s.unit_id, u.code, s.parent_id, s.headcount FROM campaign_structure s JOIN units u ON u.id = s.unit_id WHERE s.campaign_id = @id", new { id })
                .Select(u => new TreeUnit(u.Id, u.Code, u.ParentId, u.Headcount is null ? null : (int)u.Headcount)).ToList();
            waveTrees[id] = kept;
            waves.Add(new Wave(id, campaign.Title, campaign.Thresholds.Scores, campaign.Thresholds.Comments, instruments, campaign.OpensOn, campaign.EndedOn));

            var categories = db.Query<(string Response, string Question, string Value)>(
                "SELECT d.response_id, d.question_id, d.value FROM demographic_answers d JOIN responses r ON r.id = d.response_id WHERE r.campaign_id = @id", new { id })
                .ToLookup(d => d.Response);
            var answers = db.Query<(string Response, string Instrument, string Json)>(
                "SELECT response_id, instrument_id, answers FROM answers WHERE campaign_id = @id", new { id })
                .ToLookup(a => a.Response);
            foreach (var (response, unit, submittedOn) in db.Query<(string, string, string)>("SELECT id, unit_id, submitted_on FROM responses WHERE campaign_id = @id", new { id }))
            {
                var scored = new Dictionary<(string, string), int>();
                var notApplicable = new HashSet<(string, string)>();
                var choices = new Dictionary<(string, string), string>();
                foreach (var (_, instrumentId, json) in answers[response])
                {
                    var instrument = instruments.Single(i => i.Id == instrumentId);
                    foreach (var property in JsonDocument.Parse(json).RootElement.EnumerateObject())
                    {
                        var key = (instrumentId, property.Name);
                        if (property.Value.ValueKind == JsonValueKind.Number)
                        {
                            var item = instrument.FindItem(property.Name)!;
                            var scale = instrument.FindScale(item.Scale!)!;
                            var raw = property.Value.GetInt32();
                            scored[key] = item.Reverse ? scale.Min + scale.Max - raw : raw;
                        }
                        else if (property.Value.GetString() == Core.Collection.SubmissionRules.NotApplicable && instrument.FindItem(property.Name)?.Type == ItemType.Scale)
                        {
                            notApplicable.Add(key);
                        }
                        else
                        {
                            choices[key] = property.Value.GetString()!;
                        }
                    }
                }

                respondents.Add(new Respondent(response, id, unit, categories[response].ToDictionary(d => d.Question, d => d.Value), scored, notApplicable, choices,
                    DateOnly.ParseExact(submittedOn[..10], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
            }

            comments.AddRange(db.Query<(string Unit, string Instrument, string Item)>(
                "SELECT unit_id, instrument_id, item_id FROM comments WHERE campaign_id = @id AND review = 'published'", new { id })
                .Select(c => new TrueComment(id, c.Unit, c.Instrument, c.Item)));
        }

        var store = services.GetRequiredService<DiagnosticsStore>();
        var values = (await store.ValuesAsync()).ToLookup(v => v.MetricId);
        var metrics = (await store.MetricsAsync()).Select(m => new MetricTruth(m, MetricRules.Chart(m, values[m.Id].ToList()))).ToList();
        var texts = (await store.FindingsAsync()).Select(f => SynthesisRules.FromFinding(f).Text)
            .Concat((await store.ConclusionsAsync()).Values).ToHashSet(StringComparer.Ordinal);
        return new TrueAnswers(units, waves, respondents, comments, waveTrees) { Metrics = metrics, ChangeTeamTexts = texts };
    }
}
