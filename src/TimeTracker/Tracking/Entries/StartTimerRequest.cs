namespace TimeTracker.Tracking.Entries;

/// <summary>The body of <c>POST /orgs/{orgId}/timer/start</c>; every field is optional.</summary>
internal sealed record StartTimerRequest(
    long? ProjectId = null, long? TaskId = null, string? Description = null, bool? Billable = null, IReadOnlyList<string>? Tags = null);
