using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TimeTracker.Accounts;
using TimeTracker.Web.Contracts.Accounts;
using TimeTracker.Hosting;
using TimeTracker.Web.OpenApi;
using TimeTracker.Web.Problems;

namespace TimeTracker.Web.Authentication;

/// <summary>
/// The browser sign-in mode: a request with <c>X-TimeTracker-Session: cookie</c> gets its refresh token as an
/// <c>HttpOnly</c>, <c>SameSite=Strict</c> cookie scoped to <c>/api/v1/auth</c> instead of in the JSON answer, so that no
/// script in the page can read it. Refresh and sign-out without a token in the body read the cookie, and then require
/// the header too: a cross-site form or a <c>fetch</c> without CORS (the server allows none) cannot send it, so
/// SameSite is not the only guard against CSRF. Without the header, nothing changes: scripts keep their JSON tokens.
/// </summary>
internal static class BrowserSession
{
    /// <summary>The request header that chooses the mode, and protects the requests that use the cookie.</summary>
    public const string Header = "X-TimeTracker-Session";

    /// <summary>The one value of <see cref="Header"/>.</summary>
    public const string HeaderValue = "cookie";

    /// <summary>The cookie that holds the refresh token.</summary>
    public const string Cookie = "timetracker_refresh";

    /// <summary>The cookie's path: the browser sends it to the auth routes only, never to the rest of the API or the app.</summary>
    public const string CookiePath = ApiHost.ApiPrefix + "/auth";

    private const string HeaderDescription =
        "'cookie' for a browser: the refresh token is set as an HttpOnly cookie (path /api/v1/auth) and left out of the JSON " +
        "answer. Required with the cookie (refresh and logout without a refreshToken in the body), against CSRF.";

    /// <summary>
    /// The route answers tokens (<see cref="TokenResponse"/>); with the header, it sets the refresh token as the cookie
    /// and answers a <see cref="BrowserTokenResponse"/>.
    /// </summary>
    public static RouteHandlerBuilder IssuesBrowserSession(this RouteHandlerBuilder builder) =>
        builder.IssuesBrowserSession<TokenResponse, BrowserTokenResponse>();

    /// <summary>
    /// The route answers <typeparamref name="TAnswer"/>, which carries a refresh token; with the header, it sets that
    /// token as the cookie and answers <typeparamref name="TBrowser"/>, the same without it.
    /// </summary>
    public static RouteHandlerBuilder IssuesBrowserSession<TAnswer, TBrowser>(this RouteHandlerBuilder builder)
        where TAnswer : class, IRefreshTokenAnswer<TBrowser> => builder
        .AcceptsHeader(Header, HeaderDescription, HeaderValue)
        .Produces<TBrowser>()
        .AnswersHeader(StatusCodes.Status200OK, "Set-Cookie",
            $"With {Header}: cookie only: {Cookie}=<refresh token>; Max-Age=<refresh token lifetime>; Path={CookiePath}; " +
            "HttpOnly; SameSite=Strict, and Secure over HTTPS.")
        .AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            if (!Requested(context.HttpContext.Request) || Issued<TAnswer>(result) is not { } answer)
                return result;
            Set(context.HttpContext, answer.RefreshToken);
            return TypedResults.Ok(answer.WithoutRefreshToken());
        });

    /// <summary>
    /// The route takes a <see cref="RefreshRequest"/>: without a token in it, the cookie's is used, and the header is
    /// required (403 without it). With the header and no cookie, a sign-out (<paramref name="signsOut"/>) has nothing
    /// to end (204); anything else is not signed in (401).
    /// </summary>
    public static RouteHandlerBuilder ReadsBrowserSession(this RouteHandlerBuilder builder, bool signsOut = false) => builder
        .AcceptsHeader(Header, HeaderDescription, HeaderValue)
        .Refuses(StatusCodes.Status403Forbidden)
        .AddEndpointFilter((context, next) =>
        {
            var index = IndexOf<RefreshRequest>(context.Arguments);
            if (index < 0 || !string.IsNullOrWhiteSpace(((RefreshRequest)context.Arguments[index]!).RefreshToken))
                return next(context);
            var request = context.HttpContext.Request;
            var cookie = request.Cookies[Cookie];
            if (string.IsNullOrEmpty(cookie))
            {
                if (!Requested(request))
                    return next(context);
                if (signsOut)
                    return ValueTask.FromResult<object?>(TypedResults.NoContent());
                throw new ApiProblemException(StatusCodes.Status401Unauthorized, "Not signed in",
                    $"The request has no {Cookie} cookie and no refreshToken in its body. Sign in again.");
            }
            if (!Requested(request))
                throw new ApiProblemException(StatusCodes.Status403Forbidden, "Session header missing",
                    $"The refresh token was read from the {Cookie} cookie, which needs the header '{Header}: {HeaderValue}' (a protection " +
                    "against cross-site requests). Send that header, or send the refresh token in the body's refreshToken.");
            context.Arguments[index] = new RefreshRequest(cookie);
            return next(context);
        });

    /// <summary>
    /// The route ends a sign-in: when the request came with the cookie or the header, its answer clears the cookie. Put it
    /// before <see cref="ReadsBrowserSession"/>, whose "nothing to end" answer it then clears too.
    /// </summary>
    public static RouteHandlerBuilder EndsBrowserSession(this RouteHandlerBuilder builder, int status = StatusCodes.Status204NoContent) => builder
        .AcceptsHeader(Header, HeaderDescription, HeaderValue)
        .AnswersHeader(status, "Set-Cookie", $"With {Header}: cookie or the cookie: {Cookie}=; expires in the past; Path={CookiePath} (deletes it).")
        .AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var request = context.HttpContext.Request;
            if (Requested(request) || request.Cookies.ContainsKey(Cookie))
                context.HttpContext.Response.Cookies.Delete(Cookie, Options(request, maxAge: null));
            return result;
        });

    private static bool Requested(HttpRequest request) => request.Headers.TryGetValue(Header, out var values) && values.Count == 1
        && string.Equals(values[0], HeaderValue, StringComparison.OrdinalIgnoreCase);

    private static void Set(HttpContext context, string refreshToken)
    {
        var accounts = context.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value;
        // The token's own expiry is the earlier of the two: a cookie that outlives it is refused (401) when presented.
        var lifetime = accounts.RefreshTokenIdleLifetime < accounts.RefreshTokenAbsoluteLifetime
            ? accounts.RefreshTokenIdleLifetime
            : accounts.RefreshTokenAbsoluteLifetime;
        context.Response.Cookies.Append(Cookie, refreshToken, Options(context.Request, lifetime));
    }

    // IsHttps is the scheme after the forwarded-headers middleware: behind a trusted proxy, its X-Forwarded-Proto.
    private static CookieOptions Options(HttpRequest request, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = CookiePath,
        MaxAge = maxAge,
        IsEssential = true,
    };

    private static TAnswer? Issued<TAnswer>(object? result) where TAnswer : class => result switch
    {
        IValueHttpResult<TAnswer> ok => ok.Value,
        INestedHttpResult nested => Issued<TAnswer>(nested.Result),
        _ => null,
    };

    private static int IndexOf<T>(IList<object?> arguments)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] is T)
                return i;
        }
        return -1;
    }
}
