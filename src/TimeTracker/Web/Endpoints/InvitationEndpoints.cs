using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Hosting;
using TimeTracker.Organizations;
using TimeTracker.Organizations.ApiTokens;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Contracts.Organizations;
using TimeTracker.Web.Requests;
using TimeTracker.Web.OpenApi;

namespace TimeTracker.Web.Endpoints;

/// <summary><c>/orgs/{id}/invitations</c> (admins invite, list, resend and revoke) and <c>/invitations/accept</c> (the invited user joins).</summary>
internal static class InvitationEndpoints
{
    public static void Map(IEndpointRouteBuilder api, RouteGroupBuilder orgs)
    {
        orgs.MapPost("/{id:long}/invitations", InviteAsync).WithName("createInvitation").Refuses(
            StatusCodes.Status402PaymentRequired, StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests)
            .RequiresApiTokenScope(ApiScope.Admin, "id")
            .RequireVerifiedEmail().WithSummary("Invite an address with a role (admins; owners for owners); the email carries the token. Counts " +
                "against the seats.");
        orgs.MapGet("/{id:long}/invitations", ListAsync).WithName("listInvitations")
            .RequiresApiTokenScope(ApiScope.Read, "id")
            .WithSummary("The pending invitations, newest first (admins): who was invited with which role, by whom, until when. Never the token.");
        orgs.MapPost("/{id:long}/invitations/{invitationId:long}/resend", ResendAsync).WithName("resendInvitation").Refuses(
            StatusCodes.Status402PaymentRequired, StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests)
            .RequiresApiTokenScope(ApiScope.Admin, "id")
            .RequireVerifiedEmail().WithSummary("Email a pending (or expired) invitation again: a new invitation with a fresh token and expiry " +
                "replaces it, so the old link stops working. Counts against the invitation limits; 409 once accepted or revoked.");
        orgs.MapDelete("/{id:long}/invitations/{invitationId:long}", RevokeAsync).WithName("revokeInvitation").Refuses(StatusCodes.Status409Conflict)
            .RequiresApiTokenScope(ApiScope.Admin, "id")
            .WithSummary("Revoke an invitation (admins; owners for owner invitations); its link stops working and its seat is freed.");
        api.MapPost("/invitations/accept", AcceptAsync).WithName("acceptInvitation").Refuses(
            StatusCodes.Status402PaymentRequired, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithTags("Organizations").RequireAuthorization().RequireVerifiedEmail().WithMetadata(new BodyLimit(AccountEndpoints.MaxBodyBytes))
            .WithSummary("Accept an invitation, signed in with the invited address: answers the new membership.");
    }

    private static async Task<Created<InvitationResponse>> InviteAsync(long id, InvitationRequest request, CurrentUser user, Invitations invitations,
        CancellationToken cancellationToken)
    {
        var invitation = InvitationResponse.Of(await invitations.InviteAsync(user.Id, id, request.Email, request.Role, cancellationToken));
        return TypedResults.Created($"{ApiHost.ApiPrefix}/orgs/{id}/invitations/{invitation.Id}", invitation);
    }

    private static async Task<Created<InvitationResponse>> ResendAsync(long id, long invitationId, CurrentUser user, Invitations invitations,
        CancellationToken cancellationToken)
    {
        var invitation = InvitationResponse.Of(await invitations.ResendAsync(user.Id, id, invitationId, cancellationToken));
        return TypedResults.Created($"{ApiHost.ApiPrefix}/orgs/{id}/invitations/{invitation.Id}", invitation);
    }

    private static async Task<Ok<IReadOnlyList<PendingInvitationResponse>>> ListAsync(long id, CurrentUser user, Invitations invitations,
        CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<PendingInvitationResponse>>(
            [.. (await invitations.ListAsync(user.Id, id, cancellationToken)).Select(PendingInvitationResponse.Of)]);

    private static async Task<NoContent> RevokeAsync(long id, long invitationId, CurrentUser user, Invitations invitations,
        CancellationToken cancellationToken)
    {
        await invitations.RevokeAsync(user.Id, id, invitationId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<OrganizationResponse>> AcceptAsync(AcceptInvitationRequest request, CurrentUser user, Invitations invitations,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(OrganizationResponse.Of(await invitations.AcceptAsync(user.Id, request.Token, cancellationToken)));
}
