namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>A body carrying a refresh token (<c>/auth/refresh</c>, <c>/auth/logout</c>).</summary>
internal sealed record RefreshRequest(string? RefreshToken);
