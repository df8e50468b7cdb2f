
namespace TimeTracker.Tracking.Entries;

/// <summary>
/// The query of <c>GET /orgs/{orgId}/time-entries</c>: <c>from</c>/<c>to</c> bound the start time (dates in the
/// caller's time zone, or instants), <c>userId</c>, <c>projectId</c> and <c>billable</c> filter, <c>limit</c>
/// (<see cref="Paging.PageRequest"/>) sizes the page and <c>cursor</c> continues from a previous page.
/// </summary>
internal sealed record TimeEntryQuery(string? From, string? To, long? UserId, long? ProjectId, bool? Billable, string? Limit, string? Cursor);
