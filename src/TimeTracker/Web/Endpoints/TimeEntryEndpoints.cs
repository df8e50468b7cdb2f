using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Hosting;
using TimeTracker.Tracking.Entries;
using TimeTracker.Web.Contracts.Tracking;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Requests;
using TimeTracker.Web.OpenApi;

namespace TimeTracker.Web.Endpoints;

/// <summary><c>/orgs/{orgId}/time-entries</c>: recorded time. Members see and change their own; admins and owners anyone's.</summary>
internal static class TimeEntryEndpoints
{
    public static void Map(RouteGroupBuilder org)
    {
        var entries = org.MapGroup("/time-entries").WithTags("Time entries");
        entries.MapPost("/", CreateAsync).WithName("createTimeEntry").Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Record a finished entry (admins and owners may record one for another member with userId).");
        entries.MapGet("/", ListAsync).WithName("listTimeEntries")
            .Paged().WithSummary("A page of entries, newest first: from, to, userId, projectId, billable, limit, cursor. Members see their own.");
        entries.MapGet("/{id:long}", GetAsync).WithName("getTimeEntry")
            .WithSummary("One entry (members: their own).");
        entries.MapPatch("/{id:long}", UpdateAsync).WithName("updateTimeEntry").Refuses(StatusCodes.Status409Conflict).DescribesBody<TimeEntryPatch>()
            .WithSummary("Change an entry: startedAt, endedAt, projectId, taskId, description, billable, tags, force. 409 while invoiced.");
        entries.MapDelete("/{id:long}", DeleteAsync).WithName("deleteTimeEntry").Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Delete an entry (members: their own). 409 while invoiced.");
    }

    private static async Task<Created<TimeEntryResponse>> CreateAsync(long orgId, CreateTimeEntryRequest request, CurrentUser user, TimeEntries store,
        CancellationToken cancellationToken)
    {
        var created = TimeEntryResponse.Of(await store.CreateAsync(user.Id, orgId, request.ToCommand(), cancellationToken));
        return TypedResults.Created($"{ApiHost.ApiPrefix}/orgs/{orgId}/time-entries/{created.Id}", created);
    }

    // Parameters one by one: the request delegate generator mishandles [AsParameters] records with nullable strings.
    private static async Task<Ok<TimeEntryPage>> ListAsync(long orgId, string? from, string? to, long? userId, long? projectId, bool? billable,
        string? limit, string? cursor, CurrentUser user, TimeEntries store, CancellationToken cancellationToken) =>
        TypedResults.Ok(TimeEntryPage.Of(await store.ListAsync(user.Id, orgId,
            new TimeEntryQuery(from, to, userId, projectId, billable, limit, cursor), cancellationToken)));

    private static async Task<Ok<TimeEntryResponse>> GetAsync(long orgId, long id, CurrentUser user, TimeEntries store,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(TimeEntryResponse.Of(await store.GetAsync(user.Id, orgId, id, cancellationToken)));

    private static async Task<Ok<TimeEntryResponse>> UpdateAsync(long orgId, long id, JsonElement body, CurrentUser user, TimeEntries store,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(TimeEntryResponse.Of(await store.UpdateAsync(user.Id, orgId, id, body, cancellationToken)));

    private static async Task<NoContent> DeleteAsync(long orgId, long id, CurrentUser user, TimeEntries store, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(user.Id, orgId, id, cancellationToken);
        return TypedResults.NoContent();
    }
}
