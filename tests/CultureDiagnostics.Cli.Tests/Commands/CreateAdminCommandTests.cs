using System.CommandLine;
using CultureDiagnostics.Cli.Commands;
using CultureDiagnostics.Data;
using CultureDiagnostics.Data.Accounts;
using Microsoft.Data.Sqlite;

namespace CultureDiagnostics.Cli.Tests.Commands;

/// <summary><c>culture create-admin</c>: an account in the platform's database, the password read from standard input.</summary>
public sealed class CreateAdminCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("culture-admin-").FullName;

    private string DatabasePath => Path.Combine(_directory, "data", "culture.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static (int Exit, string Output, string Error) Run(string password, params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(CreateAdminCommand.Create(new StringReader(password + "\n")));
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = root.Parse(["create-admin", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task AccountIsCreatedInANewDatabaseAndCanSignIn()
    {
        var (exit, output, error) = Run("a-long-password-1", "--db", DatabasePath, "--email", "lead@trust.example", "--name", "Change lead");

        Assert.True(exit == 0, error);
        Assert.Contains("Created administrator account lead@trust.example", output, StringComparison.Ordinal);
        Assert.True(await new AccountStore(new Database(DatabasePath), TimeProvider.System).HasPasswordAsync("lead@trust.example", "a-long-password-1"));
    }

    [Fact]
    public void SecondAccountWithTheSameAddressIsRefused()
    {
        Run("a-long-password-1", "--db", DatabasePath, "--email", "lead@trust.example", "--name", "Change lead");

        var (exit, _, error) = Run("a-long-password-2", "--db", DatabasePath, "--email", "lead@trust.example", "--name", "Someone else");

        Assert.Equal(1, exit);
        Assert.Contains("already exists", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortPasswordIsRefusedNamingWhereItCameFrom()
    {
        var (exit, _, error) = Run("short", "--db", DatabasePath, "--email", "lead@trust.example", "--name", "Change lead");

        Assert.Equal(2, exit);
        Assert.Contains("password (standard input):", error, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public void DatabasePathThatIsAFolderIsRefusedNamingTheOption()
    {
        var (exit, _, error) = Run("a-long-password-1", "--db", _directory, "--email", "lead@trust.example", "--name", "Change lead");

        Assert.Equal(2, exit);
        Assert.Contains("--db is", error, StringComparison.Ordinal);
        Assert.Contains("which is a folder", error, StringComparison.Ordinal);
    }
}
