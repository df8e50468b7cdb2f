using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Organizations;
using TimeTracker.Organizations.ApiTokens;
using TimeTracker.Paging;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Contracts.Organizations;
using TimeTracker.Web.Requests;
using TimeTracker.Web.OpenApi;

namespace TimeTracker.Web.Endpoints;

/// <summary><c>/orgs/{id}/members</c>: who belongs to an organization, with which role; leaving and removing; <c>/orgs/{id}/seats</c>.</summary>
internal static class MemberEndpoints
{
    public static void Map(RouteGroupBuilder orgs)
    {
        orgs.MapGet("/{id:long}/members", ListAsync).WithName("listMembers")
            .RequiresApiTokenScope(ApiScope.Read, "id")
            .Paged().WithSummary("A page of the members of an organization, owners first, then admins, then members, each by name; limit, cursor.");
        orgs.MapPatch("/{id:long}/members/{userId:long}", ChangeRoleAsync).WithName("changeMemberRole").Refuses(
            StatusCodes.Status402PaymentRequired, StatusCodes.Status409Conflict)
            .RequiresApiTokenScope(ApiScope.Admin, "id")
            .WithSummary("Change a member's role (admins for members and admins, owners for owners).");
        orgs.MapDelete("/{id:long}/members/{userId:long}", RemoveAsync).WithName("removeMember").Refuses(StatusCodes.Status409Conflict)
            .RequiresApiTokenScope(ApiScope.Admin, "id")
            .WithSummary("Remove a member, or leave (remove yourself). The last owner cannot leave.");
        orgs.MapGet("/{id:long}/seats", SeatsAsync).WithName("getSeats")
            .RequiresApiTokenScope(ApiScope.Read, "id")
            .WithSummary("The seats used (members and pending invitations) against the seats paid (null: no limit), for admins and owners.");
    }

    private static async Task<Ok<Page<MemberResponse>>> ListAsync(long id, string? limit, string? cursor, CurrentUser user, MemberDirectory members,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await members.ListAsync(user.Id, id, PageRequest.Parse(limit, cursor, byName: true), cancellationToken))
            .Select(MemberResponse.Of));

    private static async Task<Ok<SeatsResponse>> SeatsAsync(long id, CurrentUser user, MemberDirectory members,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(SeatsResponse.Of(await members.SeatsAsync(user.Id, id, cancellationToken)));

    private static async Task<Ok<MemberResponse>> ChangeRoleAsync(long id, long userId, ChangeRoleRequest request, CurrentUser user,
        MemberDirectory members, CancellationToken cancellationToken) =>
        TypedResults.Ok(MemberResponse.Of(await members.ChangeRoleAsync(user.Id, id, userId, request.Role, cancellationToken)));

    private static async Task<NoContent> RemoveAsync(long id, long userId, CurrentUser user, MemberDirectory members,
        CancellationToken cancellationToken)
    {
        await members.RemoveAsync(user.Id, id, userId, cancellationToken);
        return TypedResults.NoContent();
    }
}
