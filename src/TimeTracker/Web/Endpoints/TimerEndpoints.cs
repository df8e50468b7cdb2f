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
        timer.MapPost("/start", StartAsync).WithName("startTimer")
            .WithSummary("Start a timer (stopping the one running): projectId, taskId, description, billable, tags, all optional.");
        timer.MapPost("/stop", StopAsync).WithName("stopTimer").Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Stop the running timer; 409 when none runs.");
        timer.MapGet("/", GetAsync).WithName("getTimer")
            .WithSummary("The running timer, or 204 when none runs.");
    }

    private static async Task<Created<TimeEntryResponse>> StartAsync(long orgId, StartTimerRequest? request, CurrentUser user, RunningTimer timers,
        CancellationToken cancellationToken)
    {
        var started = TimeEntryResponse.Of(await timers.StartAsync(user.Id, orgId, StartTimerRequest.ToCommand(request), cancellationToken));
        return TypedResults.Created($"{ApiHost.ApiPrefix}/orgs/{orgId}/time-entries/{started.Id}", started);
    }

    private static async Task<Ok<TimeEntryResponse>> StopAsync(long orgId, CurrentUser user, RunningTimer timers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(TimeEntryResponse.Of(await timers.StopAsync(user.Id, orgId, cancellationToken)));

    private static async Task<Results<Ok<TimeEntryResponse>, NoContent>> GetAsync(long orgId, CurrentUser user, RunningTimer timers,
        CancellationToken cancellationToken) =>
        await timers.CurrentAsync(user.Id, orgId, cancellationToken) is { } running
            ? TypedResults.Ok(TimeEntryResponse.Of(running))
            : TypedResults.NoContent();
}
