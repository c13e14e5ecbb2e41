using CultureDiagnostics.Api.Tests.Support;
using CultureDiagnostics.Data.Accounts;
using Xunit.Abstractions;

namespace CultureDiagnostics.Api.Tests.Anonymity.Auditor;

/// <summary>
/// The promise in general: for random organisations built through the real endpoints (tiny and unanimous teams,
/// "not applicable", the leaders-only section, the half-items rule, a staff-group question with declines, two
/// waves the second compared with the first), nothing the platform publishes to an analyst, taken all together,
/// determines anything about 1 to threshold − 1 respondents.
/// </summary>
public sealed class RandomOrganisationAuditTests(ITestOutputHelper output)
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task NothingAboutFewerThanTheThresholdCanBeWorkedOutFromEverythingPublished(int seed)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var app = new TestApp();
        var waves = await RandomOrganisation.CreateAsync(app, seed);
        var analyst = await app.SignedInClientAsync(Roles.Analyst);
        output.WriteLine($"built in {clock.ElapsedMilliseconds} ms");

        var result = await Audit.RunAsync(app, analyst, waves);
        output.WriteLine($"audited in {clock.ElapsedMilliseconds} ms");

        result.Write(output);
        result.AssertModelIsRight();
        result.AssertNothingIsDetermined();
    }
}
