namespace CultureDiagnostics.Application;

/// <summary>
/// The one rule for "today": the date in UTC of the platform's clock (a <see cref="TimeProvider"/>, so tests
/// move it). Campaign dates, "opens on" and "closes on", are whole days compared with this date.
/// </summary>
public static class Clock
{
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
