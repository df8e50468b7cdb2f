using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Hosting;
using TimeTracker.Paging;
using TimeTracker.Tracking.ProjectTasks;
using TimeTracker.Web.Contracts.Tracking;
using TimeTracker.Organizations.ApiTokens;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Requests;
using TimeTracker.Web.OpenApi;

namespace TimeTracker.Web.Endpoints;

/// <summary><c>/orgs/{orgId}/projects/{projectId}/tasks</c>: a project's tasks.</summary>
internal static class TaskEndpoints
{
    public static void Map(RouteGroupBuilder org)
    {
        var tasks = org.MapGroup("/projects/{projectId:long}/tasks").WithTags("Tasks").AcceptsApiTokens(ApiScope.Admin);
        tasks.MapPost("/", CreateAsync).WithName("createTask").Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Create a task on a project (admins and owners).");
        tasks.MapGet("/", ListAsync).WithName("listTasks")
            .Paged().WithSummary("A page of a project's tasks by name; archived ones with includeArchived=true; limit, cursor.");
        tasks.MapGet("/{id:long}", GetAsync).WithName("getTask")
            .WithSummary("One task.");
        tasks.MapPatch("/{id:long}", UpdateAsync).WithName("updateTask").DescribesBody<TaskPatch>()
            .WithSummary("Rename, archive or restore a task (admins and owners).");
        tasks.MapDelete("/{id:long}", DeleteAsync).WithName("deleteTask").Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Delete a task no time entry refers to (admins and owners); 409 says how many do.");
    }

    private static async Task<Created<TaskResponse>> CreateAsync(long orgId, long projectId, CreateTaskRequest request, CurrentUser user,
        TaskCatalog catalog, CancellationToken cancellationToken)
    {
        var created = TaskResponse.Of(await catalog.CreateAsync(user.Id, orgId, projectId, request.ToCommand(), cancellationToken));
        return TypedResults.Created($"{ApiHost.ApiPrefix}/orgs/{orgId}/projects/{projectId}/tasks/{created.Id}", created);
    }

    private static async Task<Ok<Page<TaskResponse>>> ListAsync(long orgId, long projectId, bool? includeArchived, string? limit, string? cursor,
        CurrentUser user, TaskCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok((await catalog.ListAsync(user.Id, orgId, projectId, includeArchived == true,
            PageRequest.Parse(limit, cursor, byName: true), cancellationToken)).Select(TaskResponse.Of));

    private static async Task<Ok<TaskResponse>> GetAsync(long orgId, long projectId, long id, CurrentUser user, TaskCatalog catalog,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(TaskResponse.Of(await catalog.GetAsync(user.Id, orgId, projectId, id, cancellationToken)));

    private static async Task<Ok<TaskResponse>> UpdateAsync(long orgId, long projectId, long id, JsonElement body, CurrentUser user,
        TaskCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok(TaskResponse.Of(await catalog.UpdateAsync(user.Id, orgId, projectId, id, body, cancellationToken)));

    private static async Task<NoContent> DeleteAsync(long orgId, long projectId, long id, CurrentUser user, TaskCatalog catalog,
        CancellationToken cancellationToken)
    {
        await catalog.DeleteAsync(user.Id, orgId, projectId, id, cancellationToken);
        return TypedResults.NoContent();
    }
}
