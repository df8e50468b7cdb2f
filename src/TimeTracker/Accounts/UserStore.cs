using System.Data.Common;
using TimeTracker.Database;

namespace TimeTracker.Accounts;

/// <summary>Reads and writes <c>users</c> for the account flows.</summary>
internal sealed class UserStore(AppDatabase database, TimeProvider time)
{
    private static readonly string[] ColumnNames =
        ["id", "email", "name", "is_active", "password_hash", "email_verified", "totp_enabled", "totp_secret", "backup_codes", "failed_sign_in_count", "locked_until", "totp_last_step",
         "timezone", "default_hourly_rate", "security_stamp"];

    private static readonly string Columns = string.Join(", ", ColumnNames);

    /// <summary>The user with this (normalised) email, or null.</summary>
    public async Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        await using (connection)
            return await connection.QuerySingleOrDefaultAsync(null, $"SELECT {Columns} FROM users WHERE email = @email", Read, cancellationToken, ("email", email));
    }

    /// <summary>The user with this id, or null.</summary>
    public async Task<UserAccount?> FindByIdAsync(long id, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        await using (connection)
            return await FindByIdAsync(connection, null, id, cancellationToken);
    }

    /// <summary>The user with this id, or null, on an open connection.</summary>
    public static Task<UserAccount?> FindByIdAsync(DbConnection connection, DbTransaction? transaction, long id, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync(transaction, $"SELECT {Columns} FROM users WHERE id = @id", Read, cancellationToken, ("id", id));

    /// <summary>Inserts a user with an unverified email; null when the email is taken (a concurrent registration).</summary>
    public async Task<long?> CreateAsync(DbTransaction transaction, string email, string name, string passwordHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            var id = await transaction.Connection!.ScalarAsync(transaction,
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

    /// <summary>Replaces the password hash (a new password, or the same one rehashed with current parameters).</summary>
    public async Task SetPasswordHashAsync(DbConnection connection, DbTransaction? transaction, long id, string hash, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(transaction, "UPDATE users SET password_hash = @hash, updated_at = @now WHERE id = @id", cancellationToken,
            ("hash", hash), ("now", time.GetUtcNow()), ("id", id));
    }

    /// <summary>The user columns for a query that joins <c>users</c> as <paramref name="alias"/>, in the order <see cref="Read(DbDataReader, int)"/> reads them.</summary>
    public static string ColumnsOf(string alias) => string.Join(", ", ColumnNames.Select(c => alias + "." + c));

    /// <summary>The user whose columns (<see cref="ColumnsOf"/>) start at <paramref name="first"/>.</summary>
    public static UserAccount Read(DbDataReader r, int first)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(
            r.GetInt64(first), r.GetString(first + 1), r.GetString(first + 2), r.GetBoolean(first + 3), r.GetStringOrNull(first + 4), r.GetBoolean(first + 5),
            r.GetBoolean(first + 6), r.GetStringOrNull(first + 7), r.GetStringOrNull(first + 8), r.GetInt32(first + 9), r.GetInstantOrNull(first + 10),
            r.IsDBNull(first + 11) ? null : r.GetInt64(first + 11), r.GetString(first + 12), r.IsDBNull(first + 13) ? null : Math.Round(r.GetDecimal(first + 13), 2),
            r.GetInt32(first + 14));
    }

    private static UserAccount Read(DbDataReader r) => Read(r, 0);
}
