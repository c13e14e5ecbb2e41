using Dapper;

namespace CultureDiagnostics.Data;

/// <summary>
/// The data-protection key ring kept in the database (PostgreSQL, migration 0100), so that every
/// instance behind a load balancer reads the keys the others wrote. Synchronous because the key
/// ring's own interface is; it is read at startup and about once a day.
/// </summary>
public sealed class DataProtectionKeyStore(Database database)
{
    public IReadOnlyList<string> All()
    {
        using var connection = database.Open();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY name").ToList();
    }

    /// <summary>Stores a key (or a revocation) under its name; a name written again replaces the earlier element.</summary>
    public void Store(string name, string xml)
    {
        using var connection = database.Open();
        connection.Execute(
            """
            INSERT INTO data_protection_keys (name, xml) VALUES (@Name, @Xml)
            ON CONFLICT (name) DO UPDATE SET xml = excluded.xml
            """,
            new { Name = name, Xml = xml });
    }
}
