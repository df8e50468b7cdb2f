using TimeTracker.Accounts.TwoFactor;

namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>
/// The answer of <c>POST /auth/2fa/enable</c>: the backup codes, shown this once, and new tokens for the caller, as
/// a sign-in answers them (every other session, and the caller's old tokens, ended).
/// </summary>
internal sealed record TotpEnabledResponse(
    IReadOnlyList<string> BackupCodes, string AccessToken, string RefreshToken, int ExpiresIn, string TokenType = "Bearer")
    : IRefreshTokenAnswer<BrowserTotpEnabledResponse>
{
    /// <inheritdoc />
    public BrowserTotpEnabledResponse WithoutRefreshToken() => new(BackupCodes, AccessToken, ExpiresIn, TokenType);

    /// <summary>The response describing <paramref name="enabled"/>.</summary>
    public static TotpEnabledResponse Of(TotpEnabled enabled)
    {
        ArgumentNullException.ThrowIfNull(enabled);
        return new(enabled.BackupCodes, enabled.Tokens.AccessToken, enabled.Tokens.RefreshToken, enabled.Tokens.ExpiresIn);
    }
}
