using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TimeTracker.Database;
using TimeTracker.Errors;

namespace TimeTracker.Accounts.Tokens;

/// <summary>
/// Refresh tokens that rotate on every use. Each sign-in starts a family; every refresh replaces the token
/// presented with a new one of the same family. A token presented again after it was replaced (stolen, or
/// replayed) revokes the whole family, so both the thief and the user must sign in again.
/// </summary>
internal sealed class RefreshTokenStore(AppDatabase database, IOptions<AccountOptions> options, TimeProvider time, ILogger<RefreshTokenStore> logger)
{
    /// <summary>A new family's first token, for a sign-in.</summary>
    public async Task<string> StartFamilyAsync(long userId, ClientInfo client, CancellationToken cancellationToken)
    {
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var now = time.GetUtcNow();
            var token = SecretToken.Create();
            // A family is named after its first token, whose row then holds the family's start (see FindAsync).
            var family = token.Hash;
            var insert = new SqlBatch(session);
            Insert(insert, userId, token.Hash, family,
                Earliest(now + options.Value.RefreshTokenIdleLifetime, now + options.Value.RefreshTokenAbsoluteLifetime), client, now);
            await insert.ExecuteAsync(cancellationToken);
            return token.Value;
        }
    }

    /// <summary>
    /// Replaces <paramref name="presented"/> with a new token of its family and returns the new token and its user;
    /// refuses (401) an unknown, expired, revoked or already replaced token, and revokes the family on reuse.
    /// </summary>
    public async Task<(string Token, UserAccount User)> RotateAsync(string presented, ClientInfo client, CancellationToken cancellationToken)
    {
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var now = time.GetUtcNow();
            string? reusedFamily = null;
            var transaction = await session.BeginAsync(cancellationToken);
            await using (transaction)
            {
                var row = await FindAsync(session, SecretToken.HashOf(presented), cancellationToken)
                    ?? throw Refused("The refresh token is not valid. Sign in again.");
                if (row.RevokedAt is not null || row.ReplacedById is not null)
                {
                    reusedFamily = row.FamilyId;
                }
                else
                {
                    if (row.ExpiresAt <= now)
                        throw Refused("The refresh token has expired. Sign in again.");
                    var absoluteEnd = row.FamilyStartedAt + options.Value.RefreshTokenAbsoluteLifetime;
                    if (absoluteEnd <= now)
                        throw Refused("This sign-in is older than the longest a session may last. Sign in again.");
                    var next = SecretToken.Create();
                    // One round trip: the next token, then the presented one retired in its favour (found by its hash,
                    // as its id is not known until the insert has run). The condition makes two refreshes with the
                    // same token race on this row: one updates it, the other finds it replaced.
                    var writes = new SqlBatch(session);
                    Insert(writes, row.UserId, next.Hash, row.FamilyId, Earliest(now + options.Value.RefreshTokenIdleLifetime, absoluteEnd),
                        client, now);
                    var replaced = writes.Execute(
                        "UPDATE refresh_tokens SET revoked_at = @now, replaced_by_id = (SELECT n.id FROM refresh_tokens n " +
                        "WHERE n.token_hash = @next) " +
                        "WHERE id = @id AND revoked_at IS NULL AND replaced_by_id IS NULL",
                        ("now", now), ("next", next.Hash), ("id", row.Id));
                    await writes.ExecuteAsync(cancellationToken);
                    if (replaced.Value == 1)
                    {
                        await session.CommitAsync(cancellationToken);
                        return (next.Value, row.User);
                    }
                    reusedFamily = row.FamilyId;
                    await session.RollbackAsync(cancellationToken);
                }
            }
            var revoked = await RevokeFamilyAsync(session, reusedFamily, now, cancellationToken);
            Log.RefreshTokenReused(logger, reusedFamily[..12], revoked);
            throw Refused("The refresh token was already used. Every session of this sign-in is now signed out; sign in again.");
        }
    }

    /// <summary>Revokes the family of <paramref name="presented"/> (sign-out); an unknown token changes nothing.</summary>
    public async Task RevokeFamilyOfAsync(string presented, CancellationToken cancellationToken)
    {
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            if (await FindAsync(session, SecretToken.HashOf(presented), cancellationToken) is { } row)
                await RevokeFamilyAsync(session, row.FamilyId, time.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>Revokes every refresh token of a user (password reset or change).</summary>
    public async Task<int> RevokeAllAsync(DbSession session, long userId, CancellationToken cancellationToken) =>
        await session.ExecuteAsync("UPDATE refresh_tokens SET revoked_at = @now WHERE user_id = @user AND revoked_at IS NULL",
            cancellationToken, ("now", time.GetUtcNow()), ("user", userId));

    private static Task<int> RevokeFamilyAsync(DbSession session, string family, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync("UPDATE refresh_tokens SET revoked_at = @now WHERE family_id = @family AND revoked_at IS NULL",
            cancellationToken, ("now", now), ("family", family));

    private static Task<RefreshTokenRow?> FindAsync(DbSession session, string hash, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync(
            // The family's start and the user come with the token: a refresh is one round trip shorter for each. The
            // start is the creation of the token the family is named after, one lookup by the unique hash; families
            // begun before they were so named have no such token and take their earliest, which costs a read of every
            // token of the family (thousands, for a session refreshed every 15 minutes for 30 days).
            "SELECT t.id AS token_id, t.user_id, t.family_id, t.expires_at, t.revoked_at, t.replaced_by_id, " +
            "COALESCE((SELECT s.created_at FROM refresh_tokens s WHERE s.token_hash = t.family_id), " +
            $"(SELECT min(f.created_at) FROM refresh_tokens f WHERE f.family_id = t.family_id)) AS family_started_at, {UserStore.ColumnsOf("u")} " +
            "FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = @hash",
            r => new RefreshTokenRow(
                r.Int64("token_id"), r.Int64("user_id"), r.String("family_id"), r.Instant("expires_at"), r.InstantOrNull("revoked_at"),
                r.Int64OrNull("replaced_by_id"), r.Instant("family_started_at"), UserStore.Read(r)),
            cancellationToken, ("hash", hash));

    private static void Insert(
        SqlBatch batch, long userId, string hash, string family, DateTimeOffset expiresAt, ClientInfo client, DateTimeOffset now) =>
        batch.Execute(
            "INSERT INTO refresh_tokens (user_id, token_hash, family_id, expires_at, user_agent, ip_address, created_at) " +
            "VALUES (@user, @hash, @family, @expires, @agent, @ip, @now)",
            ("user", userId), ("hash", hash), ("family", family), ("expires", expiresAt), ("agent", client.UserAgent), ("ip", client.IpAddress),
                ("now", now));

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static AuthenticationFailedException Refused(string detail) => new("Refresh refused", detail);

    private sealed record RefreshTokenRow(long Id, long UserId, string FamilyId, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt,
        long? ReplacedById, DateTimeOffset FamilyStartedAt, UserAccount User);
}
