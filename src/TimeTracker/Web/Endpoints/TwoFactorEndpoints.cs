using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Accounts.TwoFactor;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Contracts.Accounts;
using TimeTracker.Web.Requests;
using TimeTracker.Web.OpenApi;

namespace TimeTracker.Web.Endpoints;

/// <summary>
/// <c>/auth/2fa/…</c>: turning TOTP on and off and replacing the backup codes. Signed in, and rate limited as the other
/// auth endpoints.
/// </summary>
internal static class TwoFactorEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var twoFactor = api.MapGroup("/auth/2fa").WithTags("Accounts").RequireAuthorization().RequireRateLimiting(AccountEndpoints.RateLimitPolicy)
            .WithMetadata(new BodyLimit(AccountEndpoints.MaxBodyBytes));

        twoFactor.MapPost("/setup", SetupAsync).WithName("setupTwoFactor").Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict)
            .RequireVerifiedEmail()
            .WithSummary("Start turning on TOTP (the password is required): a new secret and its otpauth:// URI for an authenticator app.");
        twoFactor.MapPost("/enable", EnableAsync).WithName("enableTwoFactor").Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict)
            .RequireVerifiedEmail()
            .WithSummary("Turn TOTP on with the password and a code from the app: answers the 10 backup codes, this once, and new tokens; every " +
                "other session ends.").IssuesBrowserSession<TotpEnabledResponse, BrowserTotpEnabledResponse>();
        twoFactor.MapPost("/disable", DisableAsync).WithName("disableTwoFactor").Refuses(
            StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict)
            .WithSummary("Turn TOTP off (the password and a current code are required).");
        twoFactor.MapPost("/backup-codes", RegenerateBackupCodesAsync).WithName("regenerateBackupCodes").Refuses(
            StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict)
            .WithSummary("Replace the backup codes (the password and a current code are required).");
    }

    private static async Task<Ok<TotpSetupResponse>> SetupAsync(PasswordRequest request, CurrentUser user, HttpContext context,
        TwoFactorAuthentication totp, CancellationToken cancellationToken) =>
        TypedResults.Ok(TotpSetupResponse.Of(await totp.SetupAsync(user.Id, request.Password, RequestClient.Of(context), cancellationToken)));

    private static async Task<Ok<TotpEnabledResponse>> EnableAsync(PasswordAndCodeRequest request, CurrentUser user, TwoFactorAuthentication totp,
        HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(TotpEnabledResponse.Of(
            await totp.EnableAsync(user.Id, request.Password, request.Code, RequestClient.Of(context), cancellationToken)));

    private static async Task<NoContent> DisableAsync(PasswordAndCodeRequest request, CurrentUser user, TwoFactorAuthentication totp,
        HttpContext context, CancellationToken cancellationToken)
    {
        await totp.DisableAsync(user.Id, request.Password, request.Code, RequestClient.Of(context), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<BackupCodesResponse>> RegenerateBackupCodesAsync(PasswordAndCodeRequest request, CurrentUser user,
        TwoFactorAuthentication totp, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(BackupCodesResponse.Of(
            await totp.RegenerateBackupCodesAsync(user.Id, request.Password, request.Code, RequestClient.Of(context), cancellationToken)));
}
