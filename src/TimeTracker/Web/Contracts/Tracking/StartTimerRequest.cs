using TimeTracker.Tracking.Entries;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>The body of <c>POST /orgs/{orgId}/timer/start</c>; every field is optional.</summary>
internal sealed record StartTimerRequest(
    long? ProjectId = null, long? TaskId = null, string? Description = null, bool? Billable = null, IReadOnlyList<string>? Tags = null)
{
    /// <summary>The command this body asks for; no body starts a timer for nothing in particular.</summary>
    public static TimerStart ToCommand(StartTimerRequest? request) =>
        request is null ? TimerStart.Empty : new(request.ProjectId, request.TaskId, request.Description, request.Billable, request.Tags);
}
