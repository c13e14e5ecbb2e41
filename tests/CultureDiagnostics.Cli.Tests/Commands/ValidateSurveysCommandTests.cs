using System.CommandLine;
using CultureDiagnostics.Cli.Commands;

namespace CultureDiagnostics.Cli.Tests.Commands;

public sealed class ValidateSurveysCommandTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("culture-surveys-").FullName;

    private static string ShippedSurveys => Path.Combine(AppContext.BaseDirectory, "surveys");

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(ValidateSurveysCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = root.Parse(["validate-surveys", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void ShippedFolderPassesWithOneLinePerInstrument()
    {
        var (exit, output, error) = Run("--dir", ShippedSurveys);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Matches(@"(?m)^leadership-behaviours v1: \d+ items .*fingerprint [0-9a-f]{12}\r?$", output);
        Assert.Matches(@"(?m)^psychological-safety v1: 8 items \(7 scored\), fingerprint [0-9a-f]{12}\r?$", output);
        Assert.Matches(@"(?m)^team-reflexivity v1: \d+ items .*fingerprint [0-9a-f]{12}\r?$", output);
    }

    [Fact]
    public void WithoutDirTheSurveysFolderBesideTheExecutableIsChecked()
    {
        var (exit, output, _) = Run();

        Assert.Equal(0, exit);
        Assert.Contains("psychological-safety v1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BadFileFailsAndEveryErrorNamesFileAndPath()
    {
        var json = File.ReadAllText(Path.Combine(ShippedSurveys, "psychological-safety.v1.json"))
            .Replace("\"scale\": \"accuracy\"", "\"scale\": \"acuracy\"", StringComparison.Ordinal)
            .Replace("\"title\": \"Your team\"", "\"titel\": \"Your team\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(temp, "psychological-safety.v1.json"), json);

        var (exit, output, error) = Run("--dir", temp);

        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.Contains("psychological-safety.v1.json: $.sections[0].items[0].scale: unknown scale 'acuracy'", error, StringComparison.Ordinal);
        Assert.Contains("psychological-safety.v1.json: $.sections[0].items[6].scale: unknown scale 'acuracy'", error, StringComparison.Ordinal);
        Assert.Contains("psychological-safety.v1.json: $.sections[0].titel: unknown property 'titel'", error, StringComparison.Ordinal);
        Assert.Contains("psychological-safety.v1.json: $.sections[0].title: missing required property 'title'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedInterventionCatalogueFailsTheCheck()
    {
        File.Copy(Path.Combine(ShippedSurveys, "team-reflexivity.v1.json"), Path.Combine(temp, "team-reflexivity.v1.json"));
        File.WriteAllText(Path.Combine(temp, "interventions.json"), "{ \"elements\": [ { \"element\": \"teamwork\" } ] }");

        var (exit, _, error) = Run("--dir", temp);

        Assert.NotEqual(0, exit);
        Assert.Contains("interventions.json: $.elements[0].interventions: missing required property 'interventions'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFolderFailsNamingTheFolder()
    {
        var missing = Path.Combine(temp, "nowhere");

        var (exit, _, error) = Run("--dir", missing);

        Assert.NotEqual(0, exit);
        Assert.Contains($"survey folder '{missing}' does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFolderFails()
    {
        var (exit, _, error) = Run("--dir", temp);

        Assert.NotEqual(0, exit);
        Assert.Contains("no instrument files", error, StringComparison.Ordinal);
    }
}
