using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Hosting;
using TimeTracker.Organizations;
using TimeTracker.Organizations.ApiTokens;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Contracts.Organizations;
using TimeTracker.Web.OpenApi;

namespace TimeTracker.Web.Endpoints;

/// <summary><c>/orgs</c> and <c>/orgs/{id}</c>: the caller's organizations. Signed in, and scoped to the caller's memberships.</summary>
internal static class OrganizationEndpoints
{
    public static void Map(RouteGroupBuilder orgs)
    {
        orgs.MapPost("/", CreateAsync).WithName("createOrganization").Refuses(StatusCodes.Status409Conflict)
            .RequireVerifiedEmail().WithSummary("Create an organization; the caller becomes its owner.");
        orgs.MapGet("/", ListAsync).WithName("listOrganizations")
            .WithSummary("The caller's organizations, with the caller's role in each.");
        orgs.MapGet("/{id:long}", GetAsync).WithName("getOrganization")
            .RequiresApiTokenScope(ApiScope.Read, "id")
            .WithSummary("One of the caller's organizations (404 for any other).");
        orgs.MapPatch("/{id:long}", RenameAsync).WithName("renameOrganization")
            .WithSummary("Rename an organization (owners).");
        orgs.MapDelete("/{id:long}", DeleteAsync).WithName("deleteOrganization")
            .WithSummary("Delete an organization and its memberships (owners).");
    }

    private static async Task<Created<OrganizationResponse>> CreateAsync(CreateOrganizationRequest request, CurrentUser user,
        OrganizationDirectory directory, CancellationToken cancellationToken)
    {
        var created = OrganizationResponse.Of(await directory.CreateAsync(user.Id, request.Name, request.Slug, cancellationToken));
        return TypedResults.Created($"{ApiHost.ApiPrefix}/orgs/{created.Id}", created);
    }

    private static async Task<Ok<IReadOnlyList<OrganizationResponse>>> ListAsync(CurrentUser user, OrganizationDirectory directory,
        CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<OrganizationResponse>>(
            [.. (await directory.ListAsync(user.Id, cancellationToken)).Select(OrganizationResponse.Of)]);

    private static async Task<Ok<OrganizationResponse>> GetAsync(long id, CurrentUser user, OrganizationDirectory directory,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(OrganizationResponse.Of(await directory.GetAsync(user.Id, id, cancellationToken)));

    private static async Task<Ok<OrganizationResponse>> RenameAsync(long id, RenameOrganizationRequest request, CurrentUser user,
        OrganizationDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(OrganizationResponse.Of(await directory.RenameAsync(user.Id, id, request.Name, cancellationToken)));

    private static async Task<NoContent> DeleteAsync(long id, CurrentUser user, OrganizationDirectory directory, CancellationToken cancellationToken)
    {
        await directory.DeleteAsync(user.Id, id, cancellationToken);
        return TypedResults.NoContent();
    }
}
