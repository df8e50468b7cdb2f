using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Accounts;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Contracts.Accounts;
using TimeTracker.Web.Requests;
using TimeTracker.Web.OpenApi;

namespace TimeTracker.Web.Endpoints;

/// <summary><c>/me</c>: the signed-in user's profile and password.</summary>
internal static class ProfileEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Accounts").RequireAuthorization().WithMetadata(new BodyLimit(AccountEndpoints.MaxBodyBytes));

        me.MapGet("/", GetAsync).WithName("getMe")
            .WithSummary("The signed-in user's profile.");
        me.MapPatch("/", UpdateAsync).WithName("updateMe").DescribesBody<MePatch>()
            .WithSummary("Change name, timeZone (an IANA name such as Europe/Paris) or defaultHourlyRate (null clears it).");
        me.MapPost("/password", ChangePasswordAsync).WithName("changePassword").Refuses(StatusCodes.Status403Forbidden)
            .WithSummary("Change the password (the current one is required); every session is signed out.");
    }

    private static async Task<Ok<MeResponse>> GetAsync(CurrentUser user, Profile profile, CancellationToken cancellationToken) =>
        TypedResults.Ok(MeResponse.Of(await profile.CurrentAsync(user.Id, cancellationToken)));

    private static async Task<Ok<MeResponse>> UpdateAsync(JsonElement body, CurrentUser user, Profile profile, CancellationToken cancellationToken) =>
        TypedResults.Ok(MeResponse.Of(await profile.UpdateAsync(user.Id, body, cancellationToken)));

    private static async Task<NoContent> ChangePasswordAsync(ChangePasswordRequest request, CurrentUser user, Profile profile, HttpContext context,
        CancellationToken cancellationToken)
    {
        await profile.ChangePasswordAsync(user.Id, request.CurrentPassword, request.NewPassword, RequestClient.Of(context), cancellationToken);
        return TypedResults.NoContent();
    }
}
