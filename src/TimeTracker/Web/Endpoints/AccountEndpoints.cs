using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Accounts;
using TimeTracker.Accounts.Tokens;
using TimeTracker.Accounts.TwoFactor;
using TimeTracker.Hosting;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Contracts.Accounts;
using TimeTracker.Web.RateLimits;
using TimeTracker.Web.Requests;
using TimeTracker.Validation;
using TimeTracker.Web.Problems;
using TimeTracker.Web.OpenApi;

namespace TimeTracker.Web.Endpoints;

/// <summary>
/// <c>/auth/…</c>: registration, sign-in, tokens and password reset. Anonymous (but for signing out everywhere), rate
/// limited per client address, and sign-in, reset and resend per email address too.
/// </summary>
internal static class AccountEndpoints
{
    /// <summary>The rate-limiter policy of the anonymous auth endpoints.</summary>
    public const string RateLimitPolicy = "auth";

    /// <summary>The rate-limiter policy of <c>/auth/refresh</c>: its own, higher limit per client address.</summary>
    public const string RefreshRateLimitPolicy = "refresh";

    /// <summary>The largest body an API endpoint reads (the webhook excepted); anything bigger is a 413 before it is read.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    public static void Map(IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Accounts").RequireRateLimiting(RateLimitPolicy).WithMetadata(new BodyLimit(MaxBodyBytes));

        auth.MapPost("/register", RegisterAsync).WithName("register")
            .WithSummary("Create an account; a verification link is emailed. The answer is the same for an address that already has an account.");
        auth.MapPost("/verify-email", VerifyEmailAsync).WithName("verifyEmail")
            .WithSummary("Confirm an email address with the token from the emailed link.");
        auth.MapPost("/verify-email/resend", ResendVerification).WithName("resendVerificationEmail")
            .WithSummary("Email a new verification link. The answer never says whether the address has an account.")
            .AddEndpointFilter(AccountRateLimiter.Filter<EmailRequest>("resend", r => r.Email));
        auth.MapPost("/login", LoginAsync).WithName("login").Refuses(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)
            .WithSummary("Sign in with email and password: tokens, or (TOTP on) a challenge to complete at /auth/login/2fa.")
            .AddEndpointFilter(AccountRateLimiter.Filter<LoginRequest>("sign-in", r => r.Email)).IssuesBrowserSession();
        auth.MapPost("/login/2fa", CompleteLoginAsync).WithName("completeTwoFactorLogin").Refuses(StatusCodes.Status401Unauthorized)
            .WithSummary("Complete a sign-in with a code from the authenticator app or a backup code.").IssuesBrowserSession();
        auth.MapPost("/refresh", RefreshAsync).WithName("refreshToken").Refuses(StatusCodes.Status401Unauthorized)
            .WithSummary("Exchange a refresh token for new tokens. Each refresh token works once; presenting it again signs out the whole session " +
                "family.")
            .RequireRateLimiting(RefreshRateLimitPolicy).ReadsBrowserSession().IssuesBrowserSession();
        auth.MapPost("/logout", LogoutAsync).WithName("logout")
            .WithSummary("Sign out: revokes the refresh token and every token rotated from the same sign-in.")
            .EndsBrowserSession().ReadsBrowserSession(signsOut: true);
        auth.MapPost("/password-reset", RequestPasswordReset).WithName("requestPasswordReset")
            .WithSummary("Email a password reset link. The answer never says whether the address has an account.")
            .AddEndpointFilter(AccountRateLimiter.Filter<EmailRequest>("password-reset", r => r.Email));
        auth.MapPost("/password-reset/confirm", ConfirmPasswordResetAsync).WithName("confirmPasswordReset")
            .WithSummary("Choose a new password with the emailed token; every session of the account is signed out and the other reset links stop " +
                "working.");
        auth.MapPost("/logout-everywhere", LogoutEverywhereAsync).WithName("logoutEverywhere").RequireAuthorization()
            .WithSummary("Sign out every session of the account, this one included: refresh tokens at once, access tokens within 5 seconds.")
            .EndsBrowserSession();
    }

    private static async Task<Created<MessageResponse>> RegisterAsync(RegisterRequest request, Registration registration,
        CancellationToken cancellationToken)
    {
        await registration.RegisterAsync(request.Email, request.Password, request.Name, cancellationToken);
        return TypedResults.Created(ApiHost.ApiPrefix + "/me",
            new MessageResponse("Check your inbox: we sent a link to confirm your email address."));
    }

    private static async Task<NoContent> VerifyEmailAsync(TokenRequest request, Registration registration, CancellationToken cancellationToken)
    {
        await registration.VerifyAsync(request.Token, cancellationToken);
        return TypedResults.NoContent();
    }

    private static Accepted<MessageResponse> ResendVerification(EmailRequest request, Registration registration)
    {
        registration.Resend(request.Email);
        return TypedResults.Accepted((string?)null, new MessageResponse("If that address has an unverified account, a new link is on its way."));
    }

    private static async Task<Results<Ok<TokenResponse>, Ok<MfaChallengeResponse>>> LoginAsync(LoginRequest request, SignIn signIn,
        SignInChallenge challenges, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await signIn.SignInAsync(request.Email, request.Password, RequestClient.Of(context), cancellationToken);
        return result.AwaitingSecondFactor is { } user
            ? TypedResults.Ok(new MfaChallengeResponse(true, challenges.Issue(user)))
            : TypedResults.Ok(TokenResponse.Of(result.Issued!));
    }

    private static async Task<Ok<TokenResponse>> CompleteLoginAsync(TwoFactorLoginRequest request, TwoFactorAuthentication twoFactor,
        HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(TokenResponse.Of(await twoFactor.CompleteSignInAsync(request.Challenge, request.Code, request.BackupCode,
            RequestClient.Of(context), cancellationToken)));

    private static async Task<Ok<TokenResponse>> RefreshAsync(RefreshRequest request, RefreshTokenStore refreshTokens, AccessTokenIssuer accessTokens,
        HttpContext context, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var presented = validation.Required("refreshToken", request.RefreshToken);
        validation.ThrowIfInvalid();
        var (refresh, user) = await refreshTokens.RotateAsync(presented, RequestClient.Of(context), cancellationToken);
        if (user is not { IsActive: true })
            throw new ApiProblemException(401, "Refresh refused", "The account of this refresh token no longer exists or is disabled.");
        var (access, expiresIn) = accessTokens.Issue(user);
        return TypedResults.Ok(new TokenResponse(access, refresh, expiresIn));
    }

    private static async Task<NoContent> LogoutAsync(RefreshRequest request, RefreshTokenStore refreshTokens, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var presented = validation.Required("refreshToken", request.RefreshToken);
        validation.ThrowIfInvalid();
        await refreshTokens.RevokeFamilyOfAsync(presented, cancellationToken);
        return TypedResults.NoContent();
    }

    private static Accepted<MessageResponse> RequestPasswordReset(EmailRequest request, PasswordReset reset)
    {
        reset.Request(request.Email);
        return TypedResults.Accepted((string?)null, new MessageResponse("If that address has an account, a reset link is on its way."));
    }

    private static async Task<NoContent> ConfirmPasswordResetAsync(PasswordResetConfirmRequest request, PasswordReset reset,
        CancellationToken cancellationToken)
    {
        await reset.ConfirmAsync(request.Token, request.NewPassword, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> LogoutEverywhereAsync(CurrentUser user, Profile profile, CancellationToken cancellationToken)
    {
        await profile.EndAllSessionsAsync(user.Id, cancellationToken);
        return TypedResults.NoContent();
    }
}
