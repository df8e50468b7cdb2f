using System.Data.Common;
using TimeTracker.Database;

namespace TimeTracker.Accounts;

/// <summary>Reads and writes <c>users</c> for the account flows.</summary>
internal sealed class UserStore(AppDatabase database, TimeProvider time)
{
    private static readonly string[] ColumnNames =
        ["id", "email", "name", "is_active", "password_hash", "email_verified", "totp_enabled", "totp_secret", "backup_codes", "failed_sign_in_count",
            "locked_until", "totp_last_step",
         "timezone", "default_hourly_rate", "security_stamp"];

    private static readonly string Columns = string.Join(", ", ColumnNames);

    /// <summary>The user with this (normalised) email, or null.</summary>
    public async Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
            return await session.QuerySingleOrDefaultAsync(
                $"SELECT {Columns} FROM users WHERE email = @email", Read, cancellationToken, ("email", email));
    }

    /// <summary>The user with this id, or null.</summary>
    public async Task<UserAccount?> FindByIdAsync(long id, CancellationToken cancellationToken)
    {
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
            return await FindByIdAsync(session, id, cancellationToken);
    }

    /// <summary>The user with this id, or null, in the caller's session.</summary>
    public static Task<UserAccount?> FindByIdAsync(DbSession session, long id, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync($"SELECT {Columns} FROM users WHERE id = @id", Read, cancellationToken, ("id", id));

    /// <summary>Inserts a user with an unverified email; null when the email is taken (a concurrent registration).</summary>
    public async Task<long?> CreateAsync(DbSession session, string email, string name, string passwordHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            var id = await session.ScalarAsync(
                "INSERT INTO users (email, name, is_active, created_at, updated_at, password_hash, email_verified) " +
                "VALUES (@email, @name, @active, @now, @now, @hash, @verified) RETURNING id",
                cancellationToken, ("email", email), ("name", name), ("active", true), ("now", now), ("hash", passwordHash), ("verified", false));
            return Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (DbException ex) when (ConstraintViolation.IsUnique(ex))
        {
            return null;
        }
    }

    /// <summary>Replaces the password hash with the hash of a new password.</summary>
    public async Task SetPasswordHashAsync(DbSession session, long id, string hash, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync("UPDATE users SET password_hash = @hash, updated_at = @now WHERE id = @id", cancellationToken,
            ("hash", hash), ("now", time.GetUtcNow()), ("id", id));
    }

    /// <summary>
    /// Replaces <paramref name="old"/> with <paramref name="hash"/>, the same password hashed as configured now, unless
    /// the password changed in the meantime: a rehash must never undo a change or a reset.
    /// </summary>
    public async Task RehashPasswordAsync(DbSession session, long id, string old, string hash, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync("UPDATE users SET password_hash = @hash, updated_at = @now WHERE id = @id AND password_hash = @old",
            cancellationToken, ("hash", hash), ("now", time.GetUtcNow()), ("id", id), ("old", old));
    }

    /// <summary>
    /// Stored password hashes not of <paramref name="currentKind"/> (<see cref="Passwords.PasswordHashKind"/>), one per
    /// group of their first 12 characters: one per kind of Identity hash, and one Argon2id hash of another cost (after
    /// two cost changes, the hashes of the third kind are found at their first check instead). At most
    /// <paramref name="limit"/> rows.
    /// </summary>
    public static Task<List<string>> PasswordHashesOtherThanAsync(DbSession session, string currentKind, int limit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(currentKind);
        // substr and <> compare exactly on both dialects, where SQLite's LIKE would ignore case.
        return session.QueryAsync(
            "SELECT MIN(password_hash) AS password_hash FROM users WHERE password_hash IS NOT NULL " +
            "AND substr(password_hash, 1, @length) <> @current GROUP BY substr(password_hash, 1, 12) LIMIT @limit",
            r => r.String("password_hash"), cancellationToken, ("length", currentKind.Length), ("current", currentKind), ("limit", limit));
    }

    /// <summary>The user columns for a query that joins <c>users</c> as <paramref name="alias"/>, as <see cref="Read"/> reads them.</summary>
    public static string ColumnsOf(string alias) => string.Join(", ", ColumnNames.Select(c => alias + "." + c));

    /// <summary>The user in a row of <see cref="ColumnsOf"/> (a join names no other column as these).</summary>
    public static UserAccount Read(DbRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(
            r.Int64("id"), r.String("email"), r.String("name"), r.Boolean("is_active"), r.StringOrNull("password_hash"), r.Boolean("email_verified"),
            r.Boolean("totp_enabled"), r.StringOrNull("totp_secret"), r.StringOrNull("backup_codes"), r.Int32("failed_sign_in_count"),
                r.InstantOrNull("locked_until"),
            r.Int64OrNull("totp_last_step"), r.String("timezone"), r.DecimalOrNull("default_hourly_rate") is { } rate ? Math.Round(rate, 2) : null,
            r.Int32("security_stamp"));
    }
}
