namespace CultureDiagnostics.Data;

/// <summary>
/// The few places where SQLite and PostgreSQL need different SQL. Everything else the stores send is
/// the same text on both (ON CONFLICT, COALESCE, COUNT, parameters named @x).
/// </summary>
public sealed record SqlDialect
{
    public static readonly SqlDialect Sqlite = new() { LockRowForShare = "", LockRowForUpdate = "", SkipLockedRows = "" };

    public static readonly SqlDialect Postgres = new() { LockRowForShare = " FOR SHARE", LockRowForUpdate = " FOR UPDATE", SkipLockedRows = " FOR UPDATE OF o SKIP LOCKED" };

    /// <summary>
    /// Appended to a SELECT of one row inside a transaction that must not see the row change until it
    /// commits. PostgreSQL: FOR SHARE makes a concurrent UPDATE of the row wait (and a SELECT made while
    /// such an UPDATE is in flight wait for its outcome). SQLite: a transaction that has written holds
    /// the database's only write lock, so the row cannot change anyway.
    /// </summary>
    public required string LockRowForShare { get; init; }

    /// <summary>
    /// Appended to a SELECT of a row that the transaction will then change on what it read (compare, then write).
    /// PostgreSQL: FOR UPDATE makes a second such transaction wait until the first commits, so it reads the first's
    /// outcome. SQLite: transactions begin IMMEDIATE, holding the only write lock from the start.
    /// </summary>
    public required string LockRowForUpdate { get; init; }

    /// <summary>
    /// Appended to the sub-select that picks outbox rows (aliased o) to claim. PostgreSQL: rows another sender
    /// is claiming are passed over instead of waited for. SQLite: one writer at a time, nothing to skip.
    /// </summary>
    public required string SkipLockedRows { get; init; }
}
