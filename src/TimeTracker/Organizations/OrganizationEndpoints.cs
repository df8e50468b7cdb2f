using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Accounts;
using TimeTracker.Hosting;
using TimeTracker.Organizations.Contracts;
using TimeTracker.Web.OpenApi;

namespace TimeTracker.Organizations;

/// <summary>The organizations API, <c>/orgs/…</c>: signed in, and scoped to the caller's memberships.</summary>
internal static class OrganizationEndpoints
{
    public static void MapOrganizationEndpoints(this IEndpointRouteBuilder app)
    {
        var orgs = app.MapGroup("/orgs").WithTags("Organizations").RequireAuthorization().WithMetadata(new BodyLimit(AccountEndpoints.MaxBodyBytes));

        orgs.MapPost("/", async (CreateOrganizationRequest request, ClaimsPrincipal principal, OrganizationDirectory directory, CancellationToken cancellationToken) =>
        {
            var created = await directory.CreateAsync(AccountEndpoints.UserId(principal), request.Name, request.Slug, cancellationToken);
            return TypedResults.Created($"{ApiHost.ApiPrefix}/orgs/{created.Id}", created);
        }).RequireVerifiedEmail().WithSummary("Create an organization; the caller becomes its owner.").Refuses(StatusCodes.Status409Conflict);

        orgs.MapGet("/", async (ClaimsPrincipal principal, OrganizationDirectory directory, CancellationToken cancellationToken) =>
            TypedResults.Ok(await directory.ListAsync(AccountEndpoints.UserId(principal), cancellationToken)))
            .WithSummary("The caller's organizations, with the caller's role in each.");

        orgs.MapGet("/{id:long}", async (long id, ClaimsPrincipal principal, OrganizationDirectory directory, CancellationToken cancellationToken) =>
            TypedResults.Ok(await directory.GetAsync(AccountEndpoints.UserId(principal), id, cancellationToken)))
            .WithSummary("One of the caller's organizations (404 for any other).");

        orgs.MapPatch("/{id:long}", async (long id, RenameOrganizationRequest request, ClaimsPrincipal principal, OrganizationDirectory directory, CancellationToken cancellationToken) =>
            TypedResults.Ok(await directory.RenameAsync(AccountEndpoints.UserId(principal), id, request.Name, cancellationToken)))
            .WithSummary("Rename an organization (owners).");

        orgs.MapDelete("/{id:long}", async (long id, ClaimsPrincipal principal, OrganizationDirectory directory, CancellationToken cancellationToken) =>
        {
            await directory.DeleteAsync(AccountEndpoints.UserId(principal), id, cancellationToken);
            return TypedResults.NoContent();
        }).WithSummary("Delete an organization and its memberships (owners).");

        orgs.MapGet("/{id:long}/members", async (long id, string? limit, string? cursor, ClaimsPrincipal principal, MemberDirectory members, CancellationToken cancellationToken) =>
            TypedResults.Ok(await members.ListAsync(AccountEndpoints.UserId(principal), id, PageRequest.Parse(limit, cursor, byName: true), cancellationToken)))
            .Paged().WithSummary("A page of the members of an organization, owners first, then admins, then members, each by name; limit, cursor.");

        orgs.MapPatch("/{id:long}/members/{userId:long}", async (long id, long userId, ChangeRoleRequest request, ClaimsPrincipal principal, MemberDirectory members, CancellationToken cancellationToken) =>
            TypedResults.Ok(await members.ChangeRoleAsync(AccountEndpoints.UserId(principal), id, userId, request.Role, cancellationToken)))
            .WithSummary("Change a member's role (admins for members and admins, owners for owners).").Refuses(StatusCodes.Status402PaymentRequired);

        orgs.MapPost("/{id:long}/invitations", async (long id, InvitationRequest request, ClaimsPrincipal principal, Invitations invitations, CancellationToken cancellationToken) =>
        {
            var invitation = await invitations.InviteAsync(AccountEndpoints.UserId(principal), id, request.Email, request.Role, cancellationToken);
            return TypedResults.Created($"{ApiHost.ApiPrefix}/orgs/{id}/invitations/{invitation.Id}", invitation);
        }).RequireVerifiedEmail().WithSummary("Invite an address with a role (admins; owners for owners); the email carries the token. Counts against the seats.")
            .Refuses(StatusCodes.Status402PaymentRequired, StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests);

        orgs.MapGet("/{id:long}/invitations", async (long id, ClaimsPrincipal principal, Invitations invitations, CancellationToken cancellationToken) =>
            TypedResults.Ok(await invitations.ListAsync(AccountEndpoints.UserId(principal), id, cancellationToken)))
            .WithSummary("The pending invitations, newest first (admins): who was invited with which role, by whom, until when. Never the token.");

        orgs.MapDelete("/{id:long}/invitations/{invitationId:long}", async (long id, long invitationId, ClaimsPrincipal principal, Invitations invitations, CancellationToken cancellationToken) =>
        {
            await invitations.RevokeAsync(AccountEndpoints.UserId(principal), id, invitationId, cancellationToken);
            return TypedResults.NoContent();
        }).WithSummary("Revoke an invitation (admins; owners for owner invitations); its link stops working and its seat is freed.").Refuses(StatusCodes.Status409Conflict);

        app.MapPost("/invitations/accept", async (AcceptInvitationRequest request, ClaimsPrincipal principal, Invitations invitations, CancellationToken cancellationToken) =>
            TypedResults.Ok(await invitations.AcceptAsync(AccountEndpoints.UserId(principal), request.Token, cancellationToken)))
            .WithTags("Organizations").RequireAuthorization().RequireVerifiedEmail().WithMetadata(new BodyLimit(AccountEndpoints.MaxBodyBytes))
            .WithSummary("Accept an invitation, signed in with the invited address: answers the new membership.")
            .Refuses(StatusCodes.Status402PaymentRequired, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        orgs.MapDelete("/{id:long}/members/{userId:long}", async (long id, long userId, ClaimsPrincipal principal, MemberDirectory members, CancellationToken cancellationToken) =>
        {
            await members.RemoveAsync(AccountEndpoints.UserId(principal), id, userId, cancellationToken);
            return TypedResults.NoContent();
        }).WithSummary("Remove a member, or leave (remove yourself). The last owner cannot leave.").Refuses(StatusCodes.Status409Conflict);
    }
}
