using TimeTracker.Web.OpenApi;

namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>
/// <c>POST /auth/2fa/enable</c>'s answer to a browser (the request sent <c>X-TimeTracker-Session: cookie</c>): the backup
/// codes, shown this once, and the new access token. The new refresh token replaced the cookie, which page script
/// cannot read.
/// </summary>
/// <param name="BackupCodes">The 10 single-use backup codes; they are not shown again.</param>
/// <param name="AccessToken">The JWT to send as <c>Authorization: Bearer …</c>; keep it in memory only.</param>
/// <param name="ExpiresIn">Seconds until the access token expires: refresh (with the cookie) before then.</param>
/// <param name="TokenType">Always <c>Bearer</c> (RFC 6750).</param>
[ClosedSchema]
internal sealed record BrowserTotpEnabledResponse(IReadOnlyList<string> BackupCodes, string AccessToken, int ExpiresIn, string TokenType);
