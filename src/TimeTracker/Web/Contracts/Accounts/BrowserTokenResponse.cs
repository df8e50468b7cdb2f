using TimeTracker.Web.OpenApi;

namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>
/// A browser sign-in's answer (the request sent <c>X-TimeTracker-Session: cookie</c>): the access token only. The refresh
/// token went into an <c>HttpOnly</c> cookie that page script cannot read.
/// </summary>
/// <param name="AccessToken">The JWT to send as <c>Authorization: Bearer …</c>; keep it in memory only.</param>
/// <param name="ExpiresIn">Seconds until the access token expires: refresh (with the cookie) before then.</param>
/// <param name="TokenType">Always <c>Bearer</c> (RFC 6750).</param>
[ClosedSchema]
internal sealed record BrowserTokenResponse(string AccessToken, int ExpiresIn, string TokenType);
