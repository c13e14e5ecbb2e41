using CultureDiagnostics.Core.Instruments;
using CultureDiagnostics.Core.Statistics;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Model;

/// <summary>One scale (construct) of an instrument: its items in the instrument's order and its answer points.</summary>
public sealed record ScaleInfo(string Instrument, string Construct, IReadOnlyList<Item> Items, int Min, int Max)
{
    public int Points => Max - Min + 1;

    public int MinimumAnswered => Scoring.MinimumAnswered(Items.Count);

    public string Key => $"{Instrument}/{Construct}";

    public int IndexOf(string item) => Items.ToList().FindIndex(i => i.Id == item);

    public static ScaleInfo Of(Instrument instrument, string construct)
    {
        var items = instrument.ScaleItems.Where(i => i.Construct == construct).ToList();
        var scale = instrument.FindScale(items[0].Scale!)!;
        return new ScaleInfo(instrument.Id, construct, items, scale.Min, scale.Max);
    }

    /// <summary>The items of this scale a respondent gave a point to (not blank, not "not applicable").</summary>
    public List<int> Answered(Respondent respondent) =>
        Enumerable.Range(0, Items.Count).Where(i => respondent.Scored.ContainsKey((Instrument, Items[i].Id))).ToList();

    public int PointOf(Respondent respondent, int item) => respondent.Scored[(Instrument, Items[item].Id)];

    /// <summary>The respondent's scale score under the half-items rule, or null.</summary>
    public double? Score(Respondent respondent)
    {
        var answered = Answered(respondent);
        return answered.Count > 0 && answered.Count >= MinimumAnswered ? answered.Average(i => (double)PointOf(respondent, i)) : null;
    }
}

public enum Scope
{
    /// <summary>Respondents who answered through the unit's link or the link of a unit below it.</summary>
    Subtree,

    /// <summary>Respondents who answered through the unit's own link (a "group" of the statistics across groups).</summary>
    Direct,

    /// <summary>Every respondent of the wave.</summary>
    Campaign,
}

/// <summary>Which of a group's respondents a figure rests on.</summary>
public abstract record Condition
{
    public abstract string Words { get; }

    public abstract bool Holds(Respondent respondent);

    public sealed record Everyone : Condition
    {
        public override string Words => "";

        public override bool Holds(Respondent respondent) => true;
    }

    public sealed record AnsweredItem(string Instrument, string Item) : Condition
    {
        public override string Words => $" who answered {Item}";

        public override bool Holds(Respondent respondent) => respondent.Scored.ContainsKey((Instrument, Item));
    }

    public sealed record AnsweredPair(string Instrument, string First, string Second) : Condition
    {
        public override string Words => $" who answered both {First} and {Second}";

        public override bool Holds(Respondent respondent) =>
            respondent.Scored.ContainsKey((Instrument, First)) && respondent.Scored.ContainsKey((Instrument, Second));
    }

    /// <summary>Respondents with a scale score (at least half the scale's items answered).</summary>
    public sealed record Scored(ScaleInfo Scale) : Condition
    {
        public override string Words => $" with a {Scale.Construct} score";

        public override bool Holds(Respondent respondent) => Scale.Score(respondent) is not null;

        public bool Equals(Scored? other) => other is not null && other.Scale.Key == Scale.Key;

        public override int GetHashCode() => Scale.Key.GetHashCode(StringComparison.Ordinal);
    }

    /// <summary>Respondents who answered at least one of the scale's items.</summary>
    public sealed record AnsweredScale(ScaleInfo Scale) : Condition
    {
        public override string Words => $" who answered any {Scale.Construct} item";

        public override bool Holds(Respondent respondent) => Scale.Answered(respondent).Count > 0;

        public bool Equals(AnsweredScale? other) => other is not null && other.Scale.Key == Scale.Key;

        public override int GetHashCode() => Scale.Key.GetHashCode(StringComparison.Ordinal);
    }

    /// <summary>Respondents who answered every item of the scale (the listwise statistics' subset).</summary>
    public sealed record Complete(ScaleInfo Scale) : Condition
    {
        public override string Words => $" who answered every {Scale.Construct} item";

        public override bool Holds(Respondent respondent) => Scale.Answered(respondent).Count == Scale.Items.Count;

        public bool Equals(Complete? other) => other is not null && other.Scale.Key == Scale.Key;

        public override int GetHashCode() => Scale.Key.GetHashCode(StringComparison.Ordinal);
    }
}

/// <summary>
/// Who a published figure rests on: the respondents of a wave in a unit (with what is below it, or only its own
/// link, or the whole campaign), optionally of one answer to a demographic question ("" = did not answer it), who
/// meet a condition (answered an item, have a scale score...). The attacker is assumed to know who that is.
/// </summary>
public sealed record Population(string Wave, string? UnitId, Scope Scope, string? Question, string? Category, Condition Condition)
{
    public static Population Unit(string wave, string unitId, Condition? condition = null) =>
        new(wave, unitId, Scope.Subtree, null, null, condition ?? new Condition.Everyone());

    public static Population Group(string wave, string unitId, Condition condition) =>
        new(wave, unitId, Scope.Direct, null, null, condition);

    public static Population Campaign(string wave, Condition condition) =>
        new(wave, null, Scope.Campaign, null, null, condition);

    public static Population InCategory(string wave, string unitId, string question, string category, Condition? condition = null) =>
        new(wave, unitId, Scope.Subtree, question, category, condition ?? new Condition.Everyone());

    public bool Contains(TrueAnswers truth, Respondent respondent) =>
        respondent.Wave == Wave
        && Scope switch
        {
            Scope.Subtree => truth.IsWithin(Wave, respondent.UnitId, UnitId!),
            Scope.Direct => respondent.UnitId == UnitId,
            _ => true,
        }
        && (Question is null || respondent.Category(Question) == Category)
        && Condition.Holds(respondent);

    public string Words(TrueAnswers truth)
    {
        var where = Scope switch
        {
            Scope.Subtree => $"respondents of {truth.Units[UnitId!].Code}{(truth.ChildrenOf(Wave, UnitId!).Any() ? " (with the units below it)" : "")}",
            Scope.Direct => $"respondents through {truth.Units[UnitId!].Code}'s own link",
            _ => "all respondents",
        };
        var category = Question is null ? "" : Category == "" ? $" who did not answer {Question}" : $" in {Question} '{Category}'";
        return $"{where}{category}{Condition.Words} ({truth.Waves[Wave].Title})";
    }
}
