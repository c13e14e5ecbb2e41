using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Identity;

namespace CultureDiagnostics.Data.Accounts;

/// <summary>
/// Local accounts with passwords hashed by ASP.NET Core Identity's hasher (PBKDF2), and a lockout
/// after repeated failures. Sign-in verifies exactly one password hash whatever the address: an unknown
/// address is checked against a dummy hash made by the same hasher (same algorithm and iterations), and a
/// locked account's password is checked too, so how long a sign-in takes does not tell who has an account.
/// </summary>
/// <param name="hasher">Identity's PBKDF2 hasher unless another is given (the tests count its work through it).</param>
public sealed partial class AccountStore(Database database, TimeProvider clock, IPasswordHasher<string>? hasher = null)
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    private const string SetupTokenPrefix = "setup_token:";

    private static readonly PasswordHasher<string> DefaultHasher = new();

    private readonly IPasswordHasher<string> _hasher = hasher ?? DefaultHasher;

    // Made by the same hasher on the first sign-in of any kind, so that the one slower sign-in says nothing about its address.
    private readonly Lazy<string> _dummyHash = new(
        () => (hasher ?? DefaultHasher).HashPassword("", Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM users", cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Creates an account; null when the e-mail address is taken.</summary>
    public Task<Account?> CreateAsync(string email, string displayName, string password, string role, CancellationToken cancellationToken = default) =>
        CreateAsync(email, displayName, password, role, null, cancellationToken);

    /// <summary>Creates an account (a unit lead with their unit); null when the e-mail address is taken.</summary>
    public async Task<Account?> CreateAsync(string email, string displayName, string password, string role, string? unitId, CancellationToken cancellationToken = default)
    {
        var account = new Account(Guid.NewGuid().ToString("N"), email.Trim(), displayName.Trim(), role) { UnitId = unitId };
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO users (id, email, display_name, password_hash, role, failed_attempts, locked_until, created_at, unit_id)
            VALUES (@Id, @Email, @DisplayName, @PasswordHash, @Role, 0, NULL, @CreatedAt, @UnitId)
            ON CONFLICT (email) DO NOTHING
            """,
            new
            {
                account.Id, account.Email, account.DisplayName, account.Role, account.UnitId,
                PasswordHash = _hasher.HashPassword(account.Email, password), CreatedAt = clock.GetUtcNow().ToString("O"),
            },
            cancellationToken: cancellationToken));
        return inserted == 1 ? account : null;
    }

    public async Task<(SignInOutcome Outcome, Account? Account)> SignInAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        var dummyHash = _dummyHash.Value;
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            """
            SELECT id AS Id, email AS Email, display_name AS DisplayName, role AS Role, password_hash AS PasswordHash,
                   failed_attempts AS FailedAttempts, locked_until AS LockedUntil, disabled AS Disabled, session_version AS SessionVersion,
                   unit_id AS UnitId, (SELECT code FROM units WHERE units.id = users.unit_id) AS UnitCode
            FROM users WHERE email = @Email
            """,
            new { Email = email.Trim() }, cancellationToken: cancellationToken));
        // Exactly one hash verification, whatever follows: the account's hash, or the dummy for an unknown address.
        var verification = _hasher.VerifyHashedPassword(row?.Email ?? "", row?.PasswordHash ?? dummyHash, password);
        if (row is null)
        {
            return (SignInOutcome.WrongCredentials, null);
        }

        var now = clock.GetUtcNow();
        if (row.LockedUntil is not null && DateTimeOffset.Parse(row.LockedUntil, System.Globalization.CultureInfo.InvariantCulture) > now)
        {
            return (SignInOutcome.LockedOut, null);
        }

        if (verification == PasswordVerificationResult.Failed)
        {
            // Counted in the database, not from the row read above, so failures sent to several
            // instances at once all count towards the lockout.
            var lockedUntil = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                """
                UPDATE users SET
                    locked_until = CASE WHEN failed_attempts + 1 >= @Max THEN @LockedUntil ELSE locked_until END,
                    failed_attempts = CASE WHEN failed_attempts + 1 >= @Max THEN 0 ELSE failed_attempts + 1 END
                WHERE id = @Id
                RETURNING locked_until
                """,
                new { row.Id, Max = MaxFailedAttempts, LockedUntil = now.Add(LockoutDuration).ToString("O") },
                cancellationToken: cancellationToken));
            var locked = lockedUntil is not null && DateTimeOffset.Parse(lockedUntil, System.Globalization.CultureInfo.InvariantCulture) > now;
            return (locked ? SignInOutcome.LockedOut : SignInOutcome.WrongCredentials, null);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = @Id", new { row.Id }, cancellationToken: cancellationToken));
        // Said only to whoever knows the password, so it tells nobody else that the address has an account.
        return row.Disabled != 0
            ? (SignInOutcome.Disabled, null)
            : (SignInOutcome.Success, new Account(row.Id, row.Email, row.DisplayName, row.Role) { SessionVersion = row.SessionVersion, UnitId = row.UnitId, UnitCode = row.UnitCode });
    }

    /// <summary>Whether the account exists with this password; unlike sign-in, counts no failure.</summary>
    public async Task<bool> HasPasswordAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var hash = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT password_hash FROM users WHERE email = @Email", new { Email = email }, cancellationToken: cancellationToken));
        return hash is not null && _hasher.VerifyHashedPassword(email, hash, password) != PasswordVerificationResult.Failed;
    }

    /// <summary>
    /// Issues a new one-time token that lets whoever reads the server's console create the first
    /// administrator. Only its hash is kept. Each instance sharing a database prints its own token;
    /// any of them works until the first administrator exists.
    /// </summary>
    public async Task<string> IssueSetupTokenAsync(CancellationToken cancellationToken = default)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO settings (key, value) VALUES (@Key, @Value)",
            new { Key = SetupTokenKey(token), Value = Hash(token) }, cancellationToken: cancellationToken));
        return token;
    }

    /// <summary>Creates the first administrator if the token matches and no account exists yet; the token is then spent.</summary>
    public async Task<Account?> CompleteSetupAsync(string token, string email, string displayName, string password, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var spent = await connection.ExecuteAsync(
            "DELETE FROM settings WHERE key = @Key AND value = @Value AND NOT EXISTS (SELECT 1 FROM users)",
            new { Key = SetupTokenKey(token), Value = Hash(token) }, transaction);
        if (spent == 0)
        {
            return null;
        }

        var account = new Account(Guid.NewGuid().ToString("N"), email.Trim(), displayName.Trim(), Roles.Administrator);
        await connection.ExecuteAsync(
            """
            INSERT INTO users (id, email, display_name, password_hash, role, failed_attempts, locked_until, created_at)
            VALUES (@Id, @Email, @DisplayName, @PasswordHash, @Role, 0, NULL, @CreatedAt)
            """,
            new
            {
                account.Id, account.Email, account.DisplayName, account.Role,
                PasswordHash = _hasher.HashPassword(account.Email, password), CreatedAt = clock.GetUtcNow().ToString("O"),
            },
            transaction);
        await transaction.CommitAsync(cancellationToken);
        // The other instances' tokens are void now that an account exists; remove them too.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM settings WHERE key LIKE @Prefix", new { Prefix = SetupTokenPrefix + "%" }, cancellationToken: cancellationToken));
        return account;
    }

    private static string SetupTokenKey(string token) => SetupTokenPrefix + Hash(token)[..16];

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Every account, by e-mail address.</summary>
    public async Task<IReadOnlyList<Account>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AccountRow>(new CommandDefinition(
            SelectAccounts + " ORDER BY LOWER(email)", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToAccount()).ToList();
    }

    public async Task<Account?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            SelectAccounts + " WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
        return row?.ToAccount();
    }

    /// <summary>Changes the role (and a unit lead's unit: null for every other role) and ends the account's sessions; false when there is no such account.</summary>
    public async Task<bool> SetRoleAsync(string id, string role, string? unitId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET role = @Role, unit_id = @UnitId, session_version = session_version + 1 WHERE id = @Id",
            new { Id = id, Role = role, UnitId = unitId }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Disables (ending its sessions) or enables an account; false when there is no such account.</summary>
    public Task<bool> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken = default) =>
        UpdateAsync("disabled = @Value", id, disabled ? 1 : 0, cancellationToken);

    /// <summary>Sets a new password, lifts any lockout and ends the account's sessions; false when there is no such account.</summary>
    public async Task<bool> SetPasswordAsync(string id, string password, CancellationToken cancellationToken = default)
    {
        var account = await FindAsync(id, cancellationToken);
        return account is not null
            && await UpdateAsync("password_hash = @Value, has_password = 1, failed_attempts = 0, locked_until = NULL", id, _hasher.HashPassword(account.Email, password), cancellationToken);
    }

    private async Task<bool> UpdateAsync(string set, string id, object value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE users SET {set}, session_version = session_version + 1 WHERE id = @Id",
            new { Id = id, Value = value }, cancellationToken: cancellationToken)) > 0;
    }

    private const string SelectAccounts = """
        SELECT id AS Id, email AS Email, display_name AS DisplayName, role AS Role, disabled AS Disabled, session_version AS SessionVersion,
               unit_id AS UnitId, (SELECT code FROM units WHERE units.id = users.unit_id) AS UnitCode,
               has_password AS HasPassword, external_subject AS ExternalSubject
        FROM users
        """;

    private sealed record AccountRow(
        string Id, string Email, string DisplayName, string Role, long Disabled, long SessionVersion, string? UnitId, string? UnitCode, long HasPassword, string? ExternalSubject)
    {
        public Account ToAccount() => new(Id, Email, DisplayName, Role)
        {
            Disabled = Disabled != 0, SessionVersion = SessionVersion, UnitId = UnitId, UnitCode = UnitCode, HasPassword = HasPassword != 0,
            HasExternalIdentity = ExternalSubject is not null,
        };
    }

    private sealed record UserRow(
        string Id, string Email, string DisplayName, string Role, string PasswordHash, long FailedAttempts, string? LockedUntil, long Disabled, long SessionVersion,
        string? UnitId, string? UnitCode);
}
