using System.Globalization;

namespace CultureDiagnostics.Api.Components;

/// <summary>Figures as pages write them: the same digits whatever the server's culture, and a dash for a figure that is missing.</summary>
public static class Figures
{
    public static string Number(double? value, string format = "0.00") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    /// <summary>A share (0 to 1) as a whole percentage.</summary>
    public static string Percent(double? share) => share is { } s ? (100 * s).ToString("0", CultureInfo.InvariantCulture) + "%" : "–";

    /// <summary>A 95% confidence interval in brackets, or nothing when there is none.</summary>
    public static string Interval(IntervalResponse? ci) => ci is null ? "" : $"(95% CI {Number(ci.Low)} to {Number(ci.High)})";

    /// <summary>
    /// An interval beside the SD it came from: where everyone answered alike (SD 0) it says so, and that the interval
    /// reflects how few answered rather than any spread.
    /// </summary>
    public static string Interval(IntervalResponse? ci, double? sd) => ci is not null && sd == 0
        ? $"(no variation: everyone answered alike; 95% CI {Number(ci.Low)} to {Number(ci.High)} allows for others answering differently, and narrows as more people answer)"
        : Interval(ci);

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
