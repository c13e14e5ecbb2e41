using CultureDiagnostics.Api.Tests.Anonymity.Auditor.Model;
using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Data.Surveys;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor;

/// <summary>
/// An organisation and its answers made by hand, without the platform: the pure tests publish exactly what the
/// truth gives for chosen populations and ask the auditor what a reader learns.
/// </summary>
public sealed class HandMadeOrganisation
{
    public const string WaveId = "wave";

    private static readonly Lazy<InstrumentCatalogue> Catalogue = new(() => SurveyFolder.Catalogue(Path.Combine(AppContext.BaseDirectory, "surveys")));

    private readonly List<TreeUnit> _units = [];
    private readonly List<Respondent> _respondents = [];
    private TrueAnswers? _truth;

    /// <param name="tree">Units as "CODE" (the root) or "CODE:PARENT".</param>
    public HandMadeOrganisation(int threshold, string instrument, params string[] tree)
    {
        Instrument = Catalogue.Value.Latest(instrument)!;
        Threshold = threshold;
        foreach (var unit in tree)
        {
            var parts = unit.Split(':');
            _units.Add(new TreeUnit(parts[0], parts[0], parts.Length > 1 ? parts[1] : null, null));
        }
    }

    public Instrument Instrument { get; }

    public int Threshold { get; }

    public TrueAnswers Truth => _truth ??= new TrueAnswers(
        _units, [new Wave(WaveId, "Hand-made wave", Threshold, 10, [Instrument], new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31))], _respondents, []);

    public AuditModel Model => new(Truth);

    public ScaleInfo Scale(string construct) => ScaleInfo.Of(Instrument, construct);

    /// <summary>
    /// Adds <paramref name="count"/> respondents of a unit. <paramref name="answer"/> gives respondent i's point
    /// (after reverse-scoring) for an item, or null for "not applicable"; items of a section whose condition the
    /// respondent does not meet (<paramref name="leads"/>) are not asked.
    /// </summary>
    public void Add(string unit, int count, Func<int, Item, int?> answer, string? staffGroup = null, bool leads = false, Func<int, IReadOnlyDictionary<string, string>>? categoriesOf = null)
    {
        _truth = null;
        for (var i = 0; i < count; i++)
        {
            var scored = new Dictionary<(string, string), int>();
            var notApplicable = new HashSet<(string, string)>();
            foreach (var section in Instrument.Sections.Where(s => s.Condition is null || leads))
            {
                foreach (var item in section.Items.Where(x => x.Type == ItemType.Scale))
                {
                    if (answer(i, item) is { } point)
                    {
                        scored[(Instrument.Id, item.Id)] = point;
                    }
                    else
                    {
                        notApplicable.Add((Instrument.Id, item.Id));
                    }
                }
            }

            var categories = categoriesOf?.Invoke(i) ?? (staffGroup is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["staff-group"] = staffGroup });
            _respondents.Add(new Respondent($"{unit}-{_respondents.Count:D3}", WaveId, unit, categories, scored, notApplicable, new Dictionary<(string, string), string>()));
        }
    }

    /// <summary>Varied answers that differ between respondents and items, so that no group is uniform by accident.</summary>
    public static int? Varied(int respondent, Item item, int points) => 1 + (((respondent * 3) + item.Id.Length + item.Id[^1]) % points);

    public IEnumerable<Figure> Cell(string unit, string construct, string? staffGroup = null) => Cell(unit, construct, staffGroup is null ? null : "staff-group", staffGroup);

    public IEnumerable<Figure> Cell(string unit, string construct, string? question, string? category) =>
        Shapes.Publish(Model, $"{unit} {construct}{(question is null ? "" : $" {question} {category}")}", Shapes.Cell(WaveId, unit, Scale(construct), question, category));

    public IEnumerable<Figure> Items(string unit, string construct) =>
        Enumerable.Range(0, Scale(construct).Items.Count).SelectMany(i =>
            Shapes.Publish(Model, $"{unit} {Scale(construct).Items[i].Id}", Shapes.Item(WaveId, unit, Scale(construct), i)));

    public IEnumerable<Figure> Agreement(string unit, string construct) =>
        Shapes.Publish(Model, $"{unit} {construct} agreement", Shapes.Agreement(WaveId, unit, Scale(construct)));

    public IEnumerable<Figure> TeamLevel(string construct, IReadOnlyList<string> shown, IReadOnlyList<string> groups) =>
        Shapes.Publish(Model, $"{construct} team level", Shapes.TeamLevel(WaveId, Scale(construct), shown, groups));

    public IEnumerable<Figure> Reliability(string construct) =>
        Shapes.Publish(Model, $"{construct} reliability", Shapes.Reliability(WaveId, Scale(construct)));
}
