using CultureDiagnostics.Api.Tests.Support;

namespace CultureDiagnostics.Api.Tests;

/// <summary>
/// A setting that cannot work stops the platform at start, with a message naming the setting as it is
/// written in configuration, before anything opens (or creates) the database.
/// </summary>
public sealed class SettingsValidationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cd-settings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static void AssertStartupRefused(IReadOnlyDictionary<string, string?> settings, params string[] named)
    {
        using var app = new TestApp(settings: settings);

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient()).ToString();

        foreach (var setting in named)
        {
            Assert.Contains(setting, error, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(app.DatabasePath), "the database was opened before the settings were checked");
    }

    [Theory]
    [InlineData("CultureDiagnostics:Database:Provider", "mysql")]
    [InlineData("CultureDiagnostics:PublicBaseUrl", "survey.example.org")]
    [InlineData("CultureDiagnostics:PublicBaseUrl", "ftp://survey.example.org")]
    [InlineData("CultureDiagnostics:RateLimits:SignInsPerMinute", "0")]
    [InlineData("CultureDiagnostics:RateLimits:SubmissionsPerMinute", "-5")]
    [InlineData("CultureDiagnostics:RateLimits:SurveyPagePostsPerMinute", "0")]
    [InlineData("CultureDiagnostics:SurveysDirectory", "/no/such/surveys/folder")]
    [InlineData("CultureDiagnostics:DataDirectory", " ")]
    public void BadSettingStopsStartupNamingIt(string setting, string value)
    {
        AssertStartupRefused(new Dictionary<string, string?> { [setting] = value }, setting);
    }

    [Fact]
    public void PostgresWithoutAConnectionStringStopsStartupNamingBoth()
    {
        AssertStartupRefused(
            new Dictionary<string, string?> { ["CultureDiagnostics:Database:Provider"] = "postgres", ["CultureDiagnostics:Database:ConnectionString"] = "" },
            "CultureDiagnostics:Database:Provider", "CultureDiagnostics:Database:ConnectionString");
    }

    [Fact]
    public void PostgresConnectionStringWithoutAServerStopsStartupNamingIt()
    {
        AssertStartupRefused(
            new Dictionary<string, string?> { ["CultureDiagnostics:Database:Provider"] = "postgres", ["CultureDiagnostics:Database:ConnectionString"] = "Username=culture" },
            "CultureDiagnostics:Database:ConnectionString", "Host and Database");
    }

    [Fact]
    public void DataDirectoryThatIsAFileStopsStartupNamingIt()
    {
        var file = Path.Combine(_directory, "not-a-folder");
        File.WriteAllText(file, "");

        AssertStartupRefused(new Dictionary<string, string?> { ["CultureDiagnostics:DataDirectory"] = file }, "CultureDiagnostics:DataDirectory", "which is a file");
    }

    [Fact]
    [Trait("Database", "SQLiteOnly")] // The path of the SQLite file: a PostgreSQL deployment has none.
    public void DatabasePathThatIsAFolderStopsStartupNamingIt()
    {
        AssertStartupRefused(new Dictionary<string, string?> { ["CultureDiagnostics:DatabasePath"] = _directory }, "CultureDiagnostics:DatabasePath", "which is a folder");
    }

    [Fact]
    public void EveryBadSettingIsNamedAtOnce()
    {
        AssertStartupRefused(
            new Dictionary<string, string?> { ["CultureDiagnostics:PublicBaseUrl"] = "localhost:5000", ["CultureDiagnostics:Database:Provider"] = "oracle" },
            "CultureDiagnostics:PublicBaseUrl", "CultureDiagnostics:Database:Provider");
    }

    /// <summary>Sign-in with an identity provider that would work, but for the one setting a test changes.</summary>
    private static Dictionary<string, string?> IdentityProvider(string setting, string value) => new()
    {
        ["CultureDiagnostics:OpenIdConnect:Authority"] = "https://login.microsoftonline.com/6f2b7c4e-0000-4000-8000-000000000000/v2.0",
        ["CultureDiagnostics:OpenIdConnect:ClientId"] = "a-client-id",
        ["CultureDiagnostics:OpenIdConnect:ClientSecret"] = "a-client-secret",
        ["CultureDiagnostics:OpenIdConnect:RoleMap:CultureDiagnostics.Board"] = "board",
        [setting] = value,
    };

    [Theory]
    [InlineData("CultureDiagnostics:OpenIdConnect:RoleMap:CultureDiagnostics.Board", "viewer", "one of the platform's roles")]
    [InlineData("CultureDiagnostics:OpenIdConnect:RoleMap:CultureDiagnostics.Board", "unit-lead", "needs their unit")]
    [InlineData("CultureDiagnostics:OpenIdConnect:Authority", "http://login.trust.example/", "unencrypted")]
    [InlineData("CultureDiagnostics:OpenIdConnect:Authority", "https://login.microsoftonline.com/common/v2.0", "any organisation")]
    [InlineData("CultureDiagnostics:OpenIdConnect:Authority", "login.trust.example", "https address")]
    [InlineData("CultureDiagnostics:OpenIdConnect:ClientId", "", "application (client) id")]
    [InlineData("CultureDiagnostics:OpenIdConnect:ClientSecret", " ", "client secret")]
    [InlineData("CultureDiagnostics:OpenIdConnect:RoleClaim", "", "roles")]
    [InlineData("CultureDiagnostics:OpenIdConnect:AllowedDomains:0", "@nhs.net", "without '@'")]
    public void BadIdentityProviderSettingStopsStartupNamingIt(string setting, string value, string why)
    {
        AssertStartupRefused(IdentityProvider(setting, value), setting, why);
    }

    [Fact]
    public void IdentityProviderSettingsWithoutAnAuthorityStopStartupNamingIt()
    {
        AssertStartupRefused(IdentityProvider("CultureDiagnostics:OpenIdConnect:Authority", ""), "CultureDiagnostics:OpenIdConnect:Authority", "other CultureDiagnostics:OpenIdConnect settings are set");
    }
}
