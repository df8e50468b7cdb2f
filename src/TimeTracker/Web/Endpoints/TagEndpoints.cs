using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Hosting;
using TimeTracker.Paging;
using TimeTracker.Tracking.Tags;
using TimeTracker.Web.Contracts.Tracking;
using TimeTracker.Organizations.ApiTokens;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Requests;
using TimeTracker.Web.OpenApi;

namespace TimeTracker.Web.Endpoints;

/// <summary><c>/orgs/{orgId}/tags</c>: the organization's tags.</summary>
internal static class TagEndpoints
{
    public static void Map(RouteGroupBuilder org)
    {
        var tags = org.MapGroup("/tags").WithTags("Tags").AcceptsApiTokens(ApiScope.Admin);
        tags.MapPost("/", CreateAsync).WithName("createTag").Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Create a tag (admins and owners); 409 when the organization already has one of that name.");
        tags.MapGet("/", ListAsync).WithName("listTags")
            .Paged().WithSummary("A page of the organization's tags by name; limit, cursor.");
        tags.MapGet("/{id:long}", GetAsync).WithName("getTag")
            .WithSummary("One tag, with how many time entries carry it (the organization's for admins and owners, your own for members).");
        tags.MapPatch("/{id:long}", UpdateAsync).WithName("updateTag").DescribesBody<TagPatch>().Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Rename a tag (admins and owners); 409 when another tag has that name.");
        tags.MapDelete("/{id:long}", DeleteAsync).WithName("deleteTag").Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Delete a tag and take it off every time entry that carries it (admins and owners); 409 while one of them is invoiced.");
    }

    private static async Task<Created<TagResponse>> CreateAsync(long orgId, CreateTagRequest request, CurrentUser user, TagCatalog catalog,
        CancellationToken cancellationToken)
    {
        var created = TagResponse.Of(await catalog.CreateAsync(user.Id, orgId, request.ToCommand(), cancellationToken));
        return TypedResults.Created($"{ApiHost.ApiPrefix}/orgs/{orgId}/tags/{created.Id}", created);
    }

    private static async Task<Ok<Page<TagResponse>>> ListAsync(long orgId, string? limit, string? cursor, CurrentUser user, TagCatalog catalog,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await catalog.ListAsync(user.Id, orgId, PageRequest.Parse(limit, cursor, byName: true), cancellationToken))
            .Select(TagResponse.Of));

    private static async Task<Ok<TagUsageResponse>> GetAsync(long orgId, long id, CurrentUser user, TagCatalog catalog,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(TagUsageResponse.Of(await catalog.GetAsync(user.Id, orgId, id, cancellationToken)));

    private static async Task<Ok<TagResponse>> UpdateAsync(long orgId, long id, JsonElement body, CurrentUser user, TagCatalog catalog,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(TagResponse.Of(await catalog.UpdateAsync(user.Id, orgId, id, body, cancellationToken)));

    private static async Task<NoContent> DeleteAsync(long orgId, long id, CurrentUser user, TagCatalog catalog, CancellationToken cancellationToken)
    {
        await catalog.DeleteAsync(user.Id, orgId, id, cancellationToken);
        return TypedResults.NoContent();
    }
}
