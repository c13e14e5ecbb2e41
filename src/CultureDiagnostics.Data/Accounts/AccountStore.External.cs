using System.Security.Cryptography;
using Dapper;

namespace CultureDiagnostics.Data.Accounts;

/// <summary>
/// Accounts linked to an identity at the organisation's identity provider, by the provider's issuer and the person's
/// subject there: stable for the person's whole life at the provider, where an e-mail address can change or be reused.
/// </summary>
public sealed partial class AccountStore
{
    public async Task<Account?> FindByExternalIdentityAsync(string issuer, string subject, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            SelectAccounts + " WHERE external_issuer = @Issuer AND external_subject = @Subject",
            new { Issuer = issuer, Subject = subject }, cancellationToken: cancellationToken));
        return row?.ToAccount();
    }

    /// <summary>The account with this address, whatever its letter case.</summary>
    public async Task<Account?> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            SelectAccounts + " WHERE email = @Email", new { Email = email.Trim() }, cancellationToken: cancellationToken));
        return row?.ToAccount();
    }

    /// <summary>
    /// Links an account to an identity; false when the account is gone or already linked (to this identity or another),
    /// so a link is never moved silently. The account's sessions go on: its role and access are unchanged.
    /// </summary>
    public async Task<bool> LinkExternalIdentityAsync(string id, string issuer, string subject, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE users SET external_issuer = @Issuer, external_subject = @Subject
            WHERE id = @Id AND external_subject IS NULL
              AND NOT EXISTS (SELECT 1 FROM users WHERE external_issuer = @Issuer AND external_subject = @Subject)
            """,
            new { Id = id, Issuer = issuer, Subject = subject }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// Creates an account linked to an identity, with no password anyone knows (the hash of a random secret, so a
    /// password sign-in to it costs the same as any other and fails); null when the address or the identity is taken.
    /// </summary>
    public async Task<Account?> CreateExternalAsync(
        string email, string displayName, string role, string issuer, string subject, CancellationToken cancellationToken = default)
    {
        var account = new Account(Guid.NewGuid().ToString("N"), email.Trim(), displayName.Trim(), role) { HasPassword = false, HasExternalIdentity = true };
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO users (id, email, display_name, password_hash, role, failed_attempts, locked_until, created_at, has_password, external_issuer, external_subject)
            VALUES (@Id, @Email, @DisplayName, @PasswordHash, @Role, 0, NULL, @CreatedAt, 0, @Issuer, @Subject)
            ON CONFLICT DO NOTHING
            """,
            new
            {
                account.Id, account.Email, account.DisplayName, account.Role, Issuer = issuer, Subject = subject,
                PasswordHash = _hasher.HashPassword(account.Email, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
                CreatedAt = clock.GetUtcNow().ToString("O"),
            },
            cancellationToken: cancellationToken));
        return inserted == 1 ? account : null;
    }
}
