namespace CultureDiagnostics.Core;

/// <summary>
/// The one rule for "today": the date in UTC of the platform's clock (a <see cref="TimeProvider"/>, so tests
/// move it). Campaign dates, "opens on" and "closes on", are whole days compared with this date. It lives
/// in the core so that every layer above (the stores, the application layer, the web host, the command
/// line) uses the same rule; the core itself never asks the time, it is handed dates.
/// </summary>
public static class Clock
{
    public static DateOnly Today(this TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    }
}
