using TimeTracker.Accounts;

namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>The answer to a sign-in or refresh: a bearer access token, its lifetime in seconds, and the next refresh token.</summary>
/// <param name="AccessToken">The JWT to send as <c>Authorization: Bearer …</c>.</param>
/// <param name="RefreshToken">The token that gets the next pair, once.</param>
/// <param name="ExpiresIn">Seconds until the access token expires.</param>
/// <param name="TokenType">Always <c>Bearer</c> (RFC 6750).</param>
internal sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType = "Bearer")
    : IRefreshTokenAnswer<BrowserTokenResponse>
{
    /// <inheritdoc />
    public BrowserTokenResponse WithoutRefreshToken() => new(AccessToken, ExpiresIn, TokenType);

    /// <summary>The response describing <paramref name="tokens"/>.</summary>
    public static TokenResponse Of(IssuedTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return new(tokens.AccessToken, tokens.RefreshToken, tokens.ExpiresIn);
    }
}
