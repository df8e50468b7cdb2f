namespace TimeTracker.Accounts;

/// <summary>What a sign-in or turning TOTP on issues: a bearer access token, its lifetime in seconds, and the next refresh token.</summary>
internal sealed record IssuedTokens(string AccessToken, string RefreshToken, int ExpiresIn);
