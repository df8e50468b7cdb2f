namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>
/// A body carrying a refresh token (<c>/auth/refresh</c>, <c>/auth/logout</c>). A browser sends <c>{}</c> and its session
/// cookie instead, with the session header.
/// </summary>
internal sealed record RefreshRequest(string? RefreshToken = null);
