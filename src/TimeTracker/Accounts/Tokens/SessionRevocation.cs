using System.Globalization;
using TimeTracker.Database;

namespace TimeTracker.Accounts.Tokens;

/// <summary>
/// Ends every sign-in of a user at once, after a change of credentials or on request: every refresh token is
/// revoked, and the security stamp grows, so that access tokens already issued stop working within
/// <see cref="SecurityStamps.MaxAge"/> on every replica and pending TOTP challenges (<see cref="TwoFactor.SignInChallenge"/>) fail.
/// </summary>
internal sealed class SessionRevocation(RefreshTokenStore refreshTokens)
{
    /// <summary>Ends every session of <paramref name="userId"/> within the caller's transaction; returns the new stamp.</summary>
    public async Task<int> EndAllAsync(DbSession session, long userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await refreshTokens.RevokeAllAsync(session, userId, cancellationToken);
        // One statement: two changes at once both count, and neither reads a stamp the other is replacing.
        return Convert.ToInt32(
            await session.ScalarAsync("UPDATE users SET security_stamp = security_stamp + 1 WHERE id = @id RETURNING security_stamp",
            cancellationToken, ("id", userId)), CultureInfo.InvariantCulture);
    }
}
