namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>
/// An answer that hands the caller a new refresh token (a sign-in, a refresh, turning 2FA on). In the browser mode
/// (<see cref="Authentication.BrowserSession"/>) the token goes into the HttpOnly cookie instead, and the browser gets
/// <typeparamref name="TBrowser"/>: the same answer without it.
/// </summary>
/// <typeparam name="TBrowser">The answer's form for a browser.</typeparam>
internal interface IRefreshTokenAnswer<out TBrowser>
{
    /// <summary>The refresh token the answer carries.</summary>
    string RefreshToken { get; }

    /// <summary>The answer as a browser gets it: everything but the refresh token.</summary>
    TBrowser WithoutRefreshToken();
}
