using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Hosting;
using TimeTracker.Tracking.Entries;
using TimeTracker.Web.Contracts.Tracking;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.OpenApi;

namespace TimeTracker.Web.Endpoints;

/// <summary><c>/orgs/{orgId}/timer</c>: the caller's running timer, an entry without an end.</summary>
internal static class TimerEndpoints
{
    public static void Map(RouteGroupBuilder org)
    {
        var timer = org.MapGroup("/timer").WithTags("Timer");
        timer.MapPost("/start", StartAsync).WithName("startTimer").Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Start a timer (stopping the one running): projectId, taskId, description, billable, tags, all optional.");
        timer.MapPost("/stop", StopAsync).WithName("stopTimer").Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Stop the running timer; 409 when none runs.");
        timer.MapGet("/", GetAsync).WithName("getTimer")
            .WithSummary("The running timer, or 204 when none runs.");
        // An entry's route, but the timer's act: it lives with the timer's other starts.
        org.MapPost("/time-entries/{id:long}/continue", ContinueAsync).WithTags("Timer").WithName("continueTimeEntry")
            .Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Start a timer with one of your entries' description, project, task, billable and tags (stopping the one running); " +
                "409 when its project or task is archived.");
    }

    private static async Task<Created<TimeEntryResponse>> StartAsync(long orgId, StartTimerRequest? request, CurrentUser user, RunningTimer timers,
        CancellationToken cancellationToken) =>
        Started(orgId, await timers.StartAsync(user.Id, orgId, StartTimerRequest.ToCommand(request), cancellationToken));

    private static async Task<Created<TimeEntryResponse>> ContinueAsync(long orgId, long id, CurrentUser user, RunningTimer timers,
        CancellationToken cancellationToken) =>
        Started(orgId, await timers.ContinueAsync(user.Id, orgId, id, cancellationToken));

    private static async Task<Ok<TimeEntryResponse>> StopAsync(long orgId, CurrentUser user, RunningTimer timers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(TimeEntryResponse.Of(await timers.StopAsync(user.Id, orgId, cancellationToken)));

    // A started timer is a new entry: 201 at its address.
    private static Created<TimeEntryResponse> Started(long orgId, TimeEntry entry)
    {
        var started = TimeEntryResponse.Of(entry);
        return TypedResults.Created($"{ApiHost.ApiPrefix}/orgs/{orgId}/time-entries/{started.Id}", started);
    }

    private static async Task<Results<Ok<TimeEntryResponse>, NoContent>> GetAsync(long orgId, CurrentUser user, RunningTimer timers,
        CancellationToken cancellationToken) =>
        await timers.CurrentAsync(user.Id, orgId, cancellationToken) is { } running
            ? TypedResults.Ok(TimeEntryResponse.Of(running))
            : TypedResults.NoContent();
}
