using System.Globalization;
using CultureDiagnostics.Api.Tests.Anonymity.Auditor.Solver;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor.Model;

/// <summary>
/// One number the platform published, where it was found, and what it means. <see cref="Decimals"/> is how far the
/// publisher rounded it (null: not at all). A figure the platform shows as "not defined" has the value NaN.
/// </summary>
public sealed record Figure(string Where, double Value, Meaning Meaning, int? Decimals = null)
{
    public override string ToString() => $"{Where} = {Value.ToString("0.######", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// A block of unknowns: one scale of one wave, or one comment question of one wave. Equations never cross blocks.
/// </summary>
public sealed record BlockKey(string Wave, ScaleInfo? Scale, string? Instrument = null, string? Item = null)
{
    public string Name => Scale is null ? $"{Wave}|comment|{Instrument}/{Item}" : $"{Wave}|{Scale.Key}";

    public bool Equals(BlockKey? other) => other is not null && other.Name == Name;

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
}

/// <summary>"The sum over <see cref="Population"/> of <see cref="Form"/> is known": one equation of a block.</summary>
public sealed record Sum(BlockKey Block, Population Population, ILinearForm Form);

/// <summary>
/// What a published number is: its truth from the true answers (null when the statistic is not defined), and the
/// sums it gives a reader, as equations. A non-linear statistic gives the sums it is a function of, which is at
/// least what it reveals.
/// </summary>
public abstract record Meaning
{
    public abstract string Words(AuditModel model);

    public abstract double? Truth(AuditModel model);

    public virtual IEnumerable<Sum> Sums(AuditModel model) => [];

    /// <summary>Whether the published value is what the true answers give, within the publisher's rounding.</summary>
    public virtual bool Accepts(AuditModel model, double published, int? decimals) => AuditModel.Agrees(published, Truth(model), decimals);

    /// <summary>Settles what cannot be seen from outside (which teams a statistic across teams includes) from the published value.</summary>
    public virtual Meaning Resolve(AuditModel model, double published) => this;

    public static BlockKey ScaleBlock(string wave, ScaleInfo scale) => new(wave, scale);

    public static BlockKey CommentBlock(string wave, string instrument, string item) => new(wave, null, instrument, item);
}

/// <summary>A setting, a piece of structure or of an instrument, a metric: nothing any respondent contributed.</summary>
public sealed record Fixed(string What, double Expected) : Meaning
{
    public override string Words(AuditModel model) => What;

    public override double? Truth(AuditModel model) => Expected;
}

/// <summary>How many respondents a population holds: known to the worst-case reader anyway, so it only checks the mapping.</summary>
public sealed record Count(Population Population) : Meaning
{
    public override string Words(AuditModel model) => $"number of {Population.Words(model.Truth)}";

    public override double? Truth(AuditModel model) => model.Members(Population).Count;
}

/// <summary>
/// A live count while a campaign runs: rounded to a multiple of <see cref="RoundedTo"/>, down or up at a point the
/// reader cannot see, so it is within one rounding of the true count. It gives no equation: counts teach the
/// worst-case reader nothing, and what rounding protects (padding during fieldwork) concerns timing, which the
/// auditor does not model.
/// </summary>
public sealed record RoundedCount(Population Population, int RoundedTo, DateOnly CountedUntil) : Meaning
{
    public override string Words(AuditModel model) =>
        $"number of {Population.Words(model.Truth)} to {CountedUntil:yyyy-MM-dd}, rounded to a multiple of {RoundedTo} for each group and added up";

    public override double? Truth(AuditModel model) => Counted(model).Count;

    /// <summary>A multiple of the rounding, within one rounding of the true count for each group (answering through one unit's link) it adds up.</summary>
    public override bool Accepts(AuditModel model, double published, int? decimals)
    {
        var counted = Counted(model);
        var groups = Math.Max(1, counted.Select(r => r.UnitId).Distinct().Count());
        return published % RoundedTo == 0 && Math.Abs(published - counted.Count) < RoundedTo * groups;
    }

    private List<Respondent> Counted(AuditModel model) => model.Members(Population).Where(r => r.SubmittedOn <= CountedUntil).ToList();
}

/// <summary>A count as a whole percentage of a unit's headcount, rounded half up as the platform does.</summary>
public sealed record RatePercent(Population Population, int Headcount) : Meaning
{
    public override string Words(AuditModel model) => $"response rate of {Population.Words(model.Truth)} against a headcount of {Headcount}";

    public override double? Truth(AuditModel model) => ((200L * model.Members(Population).Count) + Headcount) / (2L * Headcount);
}

/// <summary>How many comments on one question the respondents of a unit (and below) left.</summary>
public sealed record CommentCount(string Wave, string UnitId, string Instrument, string Item) : Meaning
{
    public override string Words(AuditModel model) => $"comments on {Item} from {Population.Unit(Wave, UnitId).Words(model.Truth)}";

    public override double? Truth(AuditModel model) =>
        model.Truth.Comments.Count(c => c.Wave == Wave && c.Instrument == Instrument && c.Item == Item && model.Truth.IsWithin(Wave, c.UnitId, UnitId));

    public override IEnumerable<Sum> Sums(AuditModel model) =>
        [new(CommentBlock(Wave, Instrument, Item), Population.Unit(Wave, UnitId), new CommentForm(Item))];
}
