using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.JsonWebTokens;
using TimeTracker.Accounts.Contracts;
using TimeTracker.Accounts.Tokens;
using TimeTracker.Accounts.TwoFactor;
using TimeTracker.Hosting;
using TimeTracker.Web.OpenApi;

namespace TimeTracker.Accounts;

/// <summary>
/// The accounts API: <c>/auth/…</c> (anonymous, rate limited per client address, and sign-in, reset and resend per
/// email address too) and <c>/me</c> (signed in).
/// </summary>
internal static class AccountEndpoints
{
    /// <summary>The rate-limiter policy of the anonymous auth endpoints.</summary>
    public const string RateLimitPolicy = "auth";

    /// <summary>The rate-limiter policy of <c>/auth/refresh</c>: its own, higher limit per client address.</summary>
    public const string RefreshRateLimitPolicy = "refresh";

    /// <summary>The largest body an auth endpoint reads; anything bigger is a 413 before it is read.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").WithTags("Accounts").RequireRateLimiting(RateLimitPolicy).WithMetadata(new BodyLimit(MaxBodyBytes));

        auth.MapPost("/register", async (RegisterRequest request, Registration registration, CancellationToken cancellationToken) =>
        {
            await registration.RegisterAsync(request.Email, request.Password, request.Name, cancellationToken);
            return TypedResults.Created(ApiHost.ApiPrefix + "/me",
                new MessageResponse("Check your inbox: we sent a link to confirm your email address."));
        }).WithSummary("Create an account; a verification link is emailed. The answer is the same for an address that already has an account.");

        auth.MapPost("/verify-email", async (TokenRequest request, Registration registration, CancellationToken cancellationToken) =>
        {
            await registration.VerifyAsync(request.Token, cancellationToken);
            return TypedResults.NoContent();
        }).WithSummary("Confirm an email address with the token from the emailed link.");

        auth.MapPost("/verify-email/resend", (EmailRequest request, Registration registration) =>
        {
            registration.Resend(request.Email);
            return TypedResults.Accepted((string?)null, new MessageResponse("If that address has an unverified account, a new link is on its way."));
        }).WithSummary("Email a new verification link. The answer never says whether the address has an account.")
            .AddEndpointFilter(AccountRateLimiter.Filter<EmailRequest>("resend", r => r.Email));

        auth.MapPost("/login", async Task<Results<Ok<TokenResponse>, Ok<MfaChallengeResponse>>> (LoginRequest request, SignIn signIn, SignInChallenge challenges, HttpContext context, CancellationToken cancellationToken) =>
        {
            var result = await signIn.SignInAsync(request.Email, request.Password, ClientInfo.Of(context), cancellationToken);
            return result.AwaitingSecondFactor is { } user
                ? TypedResults.Ok(new MfaChallengeResponse(true, challenges.Issue(user)))
                : TypedResults.Ok(result.Issued);
        }).WithSummary("Sign in with email and password: tokens, or (TOTP on) a challenge to complete at /auth/login/2fa.")
            .AddEndpointFilter(AccountRateLimiter.Filter<LoginRequest>("sign-in", r => r.Email))
            .Refuses(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);

        auth.MapPost("/login/2fa", async (TwoFactorLoginRequest request, TwoFactorAuthentication twoFactor, HttpContext context, CancellationToken cancellationToken) =>
            TypedResults.Ok(await twoFactor.CompleteSignInAsync(request.Challenge, request.Code, request.BackupCode, ClientInfo.Of(context), cancellationToken)))
            .WithSummary("Complete a sign-in with a code from the authenticator app or a backup code.")
            .Refuses(StatusCodes.Status401Unauthorized);

        auth.MapPost("/refresh", async (RefreshRequest request, RefreshTokenStore refreshTokens, AccessTokenIssuer accessTokens, HttpContext context, CancellationToken cancellationToken) =>
        {
            var validation = new RequestValidation();
            var presented = validation.Required("refreshToken", request.RefreshToken);
            validation.ThrowIfInvalid();
            var (refresh, user) = await refreshTokens.RotateAsync(presented, ClientInfo.Of(context), cancellationToken);
            if (user is not { IsActive: true })
                throw new ApiProblemException(401, "Refresh refused", "The account of this refresh token no longer exists or is disabled.");
            var (access, expiresIn) = accessTokens.Issue(user);
            return TypedResults.Ok(new TokenResponse(access, refresh, expiresIn));
        }).WithSummary("Exchange a refresh token for new tokens. Each refresh token works once; presenting it again signs out the whole session family.")
            .RequireRateLimiting(RefreshRateLimitPolicy).Refuses(StatusCodes.Status401Unauthorized);

        auth.MapPost("/logout", async (RefreshRequest request, RefreshTokenStore refreshTokens, CancellationToken cancellationToken) =>
        {
            var validation = new RequestValidation();
            var presented = validation.Required("refreshToken", request.RefreshToken);
            validation.ThrowIfInvalid();
            await refreshTokens.RevokeFamilyOfAsync(presented, cancellationToken);
            return TypedResults.NoContent();
        }).WithSummary("Sign out: revokes the refresh token and every token rotated from the same sign-in.");

        auth.MapPost("/password-reset", (EmailRequest request, PasswordReset reset) =>
        {
            reset.Request(request.Email);
            return TypedResults.Accepted((string?)null, new MessageResponse("If that address has an account, a reset link is on its way."));
        }).WithSummary("Email a password reset link. The answer never says whether the address has an account.")
            .AddEndpointFilter(AccountRateLimiter.Filter<EmailRequest>("password-reset", r => r.Email));

        auth.MapPost("/password-reset/confirm", async (PasswordResetConfirmRequest request, PasswordReset reset, CancellationToken cancellationToken) =>
        {
            await reset.ConfirmAsync(request.Token, request.NewPassword, cancellationToken);
            return TypedResults.NoContent();
        }).WithSummary("Choose a new password with the emailed token; every session of the account is signed out and the other reset links stop working.");

        auth.MapPost("/logout-everywhere", async (ClaimsPrincipal principal, Profile profile, CancellationToken cancellationToken) =>
        {
            await profile.EndAllSessionsAsync(UserId(principal), cancellationToken);
            return TypedResults.NoContent();
        }).RequireAuthorization()
            .WithSummary("Sign out every session of the account, this one included: refresh tokens at once, access tokens within 5 seconds.");

        var twoFactor = app.MapGroup("/auth/2fa").WithTags("Accounts").RequireAuthorization().RequireRateLimiting(RateLimitPolicy).WithMetadata(new BodyLimit(MaxBodyBytes))
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);

        twoFactor.MapPost("/setup", async (PasswordRequest request, ClaimsPrincipal principal, HttpContext context, TwoFactorAuthentication totp, CancellationToken cancellationToken) =>
            TypedResults.Ok(await totp.SetupAsync(UserId(principal), request.Password, ClientInfo.Of(context), cancellationToken)))
            .RequireVerifiedEmail()
            .WithSummary("Start turning on TOTP (the password is required): a new secret and its otpauth:// URI for an authenticator app.");

        twoFactor.MapPost("/enable", async (PasswordAndCodeRequest request, ClaimsPrincipal principal, TwoFactorAuthentication totp, HttpContext context, CancellationToken cancellationToken) =>
            TypedResults.Ok(await totp.EnableAsync(UserId(principal), request.Password, request.Code, ClientInfo.Of(context), cancellationToken)))
            .RequireVerifiedEmail()
            .WithSummary("Turn TOTP on with the password and a code from the app: answers the 10 backup codes, this once, and new tokens; every other session ends.");

        twoFactor.MapPost("/disable", async (PasswordAndCodeRequest request, ClaimsPrincipal principal, TwoFactorAuthentication totp, HttpContext context, CancellationToken cancellationToken) =>
        {
            await totp.DisableAsync(UserId(principal), request.Password, request.Code, ClientInfo.Of(context), cancellationToken);
            return TypedResults.NoContent();
        }).WithSummary("Turn TOTP off (the password and a current code are required).");

        twoFactor.MapPost("/backup-codes", async (PasswordAndCodeRequest request, ClaimsPrincipal principal, TwoFactorAuthentication totp, HttpContext context, CancellationToken cancellationToken) =>
            TypedResults.Ok(await totp.RegenerateBackupCodesAsync(UserId(principal), request.Password, request.Code, ClientInfo.Of(context), cancellationToken)))
            .WithSummary("Replace the backup codes (the password and a current code are required).");

        var me = app.MapGroup("/me").WithTags("Accounts").RequireAuthorization().WithMetadata(new BodyLimit(MaxBodyBytes));

        me.MapGet("/", async (ClaimsPrincipal principal, Profile profile, CancellationToken cancellationToken) =>
        {
            var user = await profile.CurrentAsync(UserId(principal), cancellationToken);
            return TypedResults.Ok(MeResponse.Of(user));
        }).WithSummary("The signed-in user's profile.");

        me.MapPatch("/", async (JsonElement body, ClaimsPrincipal principal, Profile profile, CancellationToken cancellationToken) =>
            TypedResults.Ok(MeResponse.Of(await profile.UpdateAsync(UserId(principal), body, cancellationToken))))
            .DescribesBody<MePatch>()
            .WithSummary("Change name, timeZone (an IANA name such as Europe/Paris) or defaultHourlyRate (null clears it).");

        me.MapPost("/password", async (ChangePasswordRequest request, ClaimsPrincipal principal, Profile profile, HttpContext context, CancellationToken cancellationToken) =>
        {
            await profile.ChangePasswordAsync(UserId(principal), request.CurrentPassword, request.NewPassword, ClientInfo.Of(context), cancellationToken);
            return TypedResults.NoContent();
        }).WithSummary("Change the password (the current one is required); every session is signed out.").Refuses(StatusCodes.Status403Forbidden);
    }

    /// <summary>The user id of a validated access token (its <c>sub</c>).</summary>
    public static long UserId(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Sub), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ApiProblemException(401, "Invalid access token", "The access token names no user.");
}
