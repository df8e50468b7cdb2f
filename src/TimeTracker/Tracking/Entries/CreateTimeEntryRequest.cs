namespace TimeTracker.Tracking.Entries;

/// <summary>
/// The body of <c>POST /orgs/{orgId}/time-entries</c>: a finished piece of work. Times are ISO 8601 with an offset;
/// <c>force</c> allows more than 24 hours; <c>userId</c> (admins and owners) records it for another member;
/// <c>source</c> is <c>manual</c> (the default), <c>api</c> or <c>import</c>.
/// </summary>
internal sealed record CreateTimeEntryRequest(
    string? StartedAt, string? EndedAt, long? ProjectId, long? TaskId, string? Description, bool? Billable,
    IReadOnlyList<string>? Tags, string? Source, bool? Force, long? UserId);
