namespace TimeTracker.Tracking.Entries;

/// <summary>The body of <c>POST /orgs/{orgId}/timer/start</c>; every field is optional.</summary>
internal sealed record StartTimerRequest(long? ProjectId, long? TaskId, string? Description, bool? Billable, IReadOnlyList<string>? Tags);
