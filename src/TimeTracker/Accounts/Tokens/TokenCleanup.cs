using TimeTracker.Database;

namespace TimeTracker.Accounts.Tokens;

/// <summary>
/// Deletes what signing in leaves behind once nothing can use it: sign-ins (refresh-token families) whose every
/// token ended, by rotation, revocation or expiry, and email links that were used or expired, all longer ago than
/// a retention period. A family with one live token is kept whole, so that presenting any of its old tokens is
/// still recognised as reuse and revokes it.
/// </summary>
internal sealed class TokenCleanup(AppDatabase database, TimeProvider time)
{
    /// <summary>Deletes what ended more than <paramref name="olderThan"/> ago; each table in a statement of its own, so
    /// a retry finishes what an interruption left.</summary>
    public async Task<TokenCleanupResult> CleanupAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - olderThan;
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            // A token has ended at its revocation or its expiry, whichever came first; NULL < x is unknown, so a
            // token never revoked is judged by its expiry alone.
            var refreshTokens = await session.ExecuteAsync(
                "DELETE FROM refresh_tokens WHERE family_id IN (SELECT family_id FROM refresh_tokens GROUP BY family_id " +
                "HAVING MAX(CASE WHEN revoked_at < @before OR expires_at < @before THEN 0 ELSE 1 END) = 0)",
                cancellationToken, ("before", before));
            var emailTokens = 0;
            foreach (var table in new[] { EmailTokenKind.Verification.Table, EmailTokenKind.PasswordReset.Table })
                emailTokens += await session.ExecuteAsync($"DELETE FROM {table} WHERE used_at < @before OR expires_at < @before",
                    cancellationToken, ("before", before));
            return new TokenCleanupResult(refreshTokens, emailTokens, before);
        }
    }
}
