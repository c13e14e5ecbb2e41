using CultureDiagnostics.Api.Tests.Support;

namespace CultureDiagnostics.Api.Tests.MultiInstance;

/// <summary>
/// Two instances of the platform, each listening on its own loopback port with its own data folder,
/// behind one PostgreSQL database: what a deployment behind a load balancer looks like.
/// </summary>
public sealed class TwoInstances : IDisposable
{
    public TwoInstances(bool demo = false)
    {
        Database = TestDatabases.CreatePostgres();
        First = new TestApp(demo: demo, postgres: Database, kestrelPort: 0);
        Second = new TestApp(demo: demo, postgres: Database, kestrelPort: 0);
    }

    public string Database { get; }

    public TestApp First { get; }

    public TestApp Second { get; }

    /// <summary>Starts both at the same moment, as a deployment's instances do.</summary>
    public async Task StartTogetherAsync()
    {
        await Task.WhenAll(Task.Run(First.StartServer), Task.Run(Second.StartServer));
    }

    public void Dispose()
    {
        First.Dispose();
        Second.Dispose();
        TestDatabases.DropPostgres(Database);
    }
}
