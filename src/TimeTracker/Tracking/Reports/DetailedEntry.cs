namespace TimeTracker.Tracking.Reports;

/// <summary>
/// One entry of a detailed report: when (the local date it started, in the caller's time zone), who, for which client,
/// project and task, what, its tags, and what it comes to. <c>Rate</c> is the hourly rate billable time is billed at
/// (the project's, else the member's default), or null when there is none. <c>Amount</c> is the entry's share of the
/// report's amount, to the cent: zero when not billable or unrated (see <see cref="DetailedReport"/> for how cents are
/// shared so that the amounts add up to the summary's).
/// </summary>
internal sealed record DetailedEntry(
    long Id, DateOnly Date, DateTimeOffset StartedAt, DateTimeOffset EndedAt, long UserId, string UserName, long? ClientId, string? ClientName,
    long? ProjectId, string? ProjectName, long? TaskId, string? TaskName, string? Description, IReadOnlyList<string> Tags, bool Billable,
    long DurationSeconds, decimal Hours, decimal? Rate, decimal Amount);
