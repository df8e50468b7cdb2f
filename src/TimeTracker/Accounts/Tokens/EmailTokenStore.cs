using TimeTracker.Database;

namespace TimeTracker.Accounts.Tokens;

/// <summary>
/// Single-use, expiring tokens sent in email links: created with their SHA-256 stored, consumed at most once.
/// </summary>
internal sealed class EmailTokenStore(TimeProvider time)
{
    /// <summary>Stores a new token for <paramref name="userId"/> and returns the raw token to send.</summary>
    public async Task<string> CreateAsync(
        DbSession session, EmailTokenKind kind, long userId, string email, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var token = SecretToken.Create();
        var now = time.GetUtcNow();
        var (columns, values) = kind == EmailTokenKind.Verification ? (", email", ", @email") : ("", "");
        await session.ExecuteAsync(
            $"INSERT INTO {kind.Table} (user_id{columns}, token_hash, expires_at, created_at) VALUES (@user{values}, @hash, @expires, @now)",
            cancellationToken, ("user", userId), ("email", email), ("hash", token.Hash), ("expires", now + lifetime), ("now", now));
        return token.Value;
    }

    /// <summary>The user of a token that would be consumed now, without using it up; null when it is unknown, expired or used.</summary>
    public async Task<long?> FindUserAsync(DbSession session, EmailTokenKind kind, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(kind);
        return await session.QuerySingleOrDefaultAsync<long?>(
            $"SELECT user_id FROM {kind.Table} WHERE token_hash = @hash AND used_at IS NULL AND expires_at > @now",
            r => r.Int64("user_id"), cancellationToken, ("hash", SecretToken.HashOf(token)), ("now", time.GetUtcNow()));
    }

    /// <summary>
    /// Marks the token used and returns its user (and, for verification, the address it was sent to); null when
    /// it is unknown, expired or already used. Two requests with the same token: exactly one gets the user.
    /// </summary>
    public async Task<(long UserId, string? Email)?> ConsumeAsync(
        DbSession session, EmailTokenKind kind, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(kind);
        var email = kind == EmailTokenKind.Verification ? "email" : "NULL";
        var rows = await session.QueryAsync(
            $"UPDATE {kind.Table} SET used_at = @now WHERE token_hash = @hash AND used_at IS NULL AND expires_at > @now RETURNING user_id, {email} " +
            $"AS email",
            r => (r.Int64("user_id"), r.StringOrNull("email")), cancellationToken, ("now", time.GetUtcNow()), ("hash", SecretToken.HashOf(token)));
        return rows.Count == 1 ? rows[0] : null;
    }

    /// <summary>Voids every unused token of <paramref name="kind"/> of a user (a reset or change of password voids the other reset links).</summary>
    public async Task<int> RevokeAllAsync(DbSession session, EmailTokenKind kind, long userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(kind);
        return await session.ExecuteAsync($"UPDATE {kind.Table} SET used_at = @now WHERE user_id = @user AND used_at IS NULL",
            cancellationToken, ("now", time.GetUtcNow()), ("user", userId));
    }
}
