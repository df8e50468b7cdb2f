using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Hosting;
using TimeTracker.Paging;
using TimeTracker.Tracking.Projects;
using TimeTracker.Web.Contracts.Tracking;
using TimeTracker.Organizations.ApiTokens;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Requests;
using TimeTracker.Web.OpenApi;

namespace TimeTracker.Web.Endpoints;

/// <summary><c>/orgs/{orgId}/projects</c>: the organization's projects.</summary>
internal static class ProjectEndpoints
{
    public static void Map(RouteGroupBuilder org)
    {
        var projects = org.MapGroup("/projects").WithTags("Projects").AcceptsApiTokens(ApiScope.Admin);
        projects.MapPost("/", CreateAsync).WithName("createProject")
            .WithSummary("Create a project, with an optional client and hourly rate (admins and owners).");
        projects.MapGet("/", ListAsync).WithName("listProjects")
            .Paged().WithSummary("A page of the organization's projects by name; archived ones with includeArchived=true; one client's with " +
                "clientId; limit, cursor.");
        projects.MapGet("/{id:long}", GetAsync).WithName("getProject")
            .WithSummary("One project.");
        projects.MapPatch("/{id:long}", UpdateAsync).WithName("updateProject").DescribesBody<ProjectPatch>()
            .WithSummary("Change name, client, description or hourly rate (null clears), or archive or restore a project (admins and owners).");
        projects.MapDelete("/{id:long}", DeleteAsync).WithName("deleteProject").Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Delete a project no time entry refers to, with its tasks (admins and owners); 409 says how many do.");
    }

    private static async Task<Created<ProjectResponse>> CreateAsync(long orgId, CreateProjectRequest request, CurrentUser user,
        ProjectCatalog catalog, CancellationToken cancellationToken)
    {
        var created = ProjectResponse.Of(await catalog.CreateAsync(user.Id, orgId, request.ToCommand(), cancellationToken));
        return TypedResults.Created($"{ApiHost.ApiPrefix}/orgs/{orgId}/projects/{created.Id}", created);
    }

    private static async Task<Ok<Page<ProjectResponse>>> ListAsync(long orgId, bool? includeArchived, long? clientId, string? limit, string? cursor,
        CurrentUser user, ProjectCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok((await catalog.ListAsync(user.Id, orgId, includeArchived == true, clientId,
            PageRequest.Parse(limit, cursor, byName: true), cancellationToken)).Select(ProjectResponse.Of));

    private static async Task<Ok<ProjectResponse>> GetAsync(long orgId, long id, CurrentUser user, ProjectCatalog catalog,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(ProjectResponse.Of(await catalog.GetAsync(user.Id, orgId, id, cancellationToken)));

    private static async Task<Ok<ProjectResponse>> UpdateAsync(long orgId, long id, JsonElement body, CurrentUser user, ProjectCatalog catalog,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(ProjectResponse.Of(await catalog.UpdateAsync(user.Id, orgId, id, body, cancellationToken)));

    private static async Task<NoContent> DeleteAsync(long orgId, long id, CurrentUser user, ProjectCatalog catalog,
        CancellationToken cancellationToken)
    {
        await catalog.DeleteAsync(user.Id, orgId, id, cancellationToken);
        return TypedResults.NoContent();
    }
}
