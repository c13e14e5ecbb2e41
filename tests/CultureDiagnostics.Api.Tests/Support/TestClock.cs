namespace CultureDiagnostics.Api.Tests.Support;

/// <summary>A clock the tests can set, so "today" decides whether a campaign is open.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
