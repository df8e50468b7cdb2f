using TimeTracker.Tracking.Reports;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// One entry of the detailed report: the local <c>date</c> it started (in your time zone), its times, member, client,
/// project, task, description, tags, billability, duration, the hourly <c>rate</c> billable time is billed at (null when
/// there is none) and <c>amount</c>, its share of the report's amount to the cent (0 when not billable or unrated).
/// </summary>
internal sealed record DetailedEntryResponse(
    long Id, DateOnly Date, DateTimeOffset StartedAt, DateTimeOffset EndedAt, long UserId, string UserName, long? ClientId, string? ClientName,
    long? ProjectId, string? ProjectName, long? TaskId, string? TaskName, string? Description, IReadOnlyList<string> Tags, bool Billable,
    long DurationSeconds, decimal Hours, decimal? Rate, decimal Amount)
{
    /// <summary>The response describing <paramref name="entry"/>.</summary>
    public static DetailedEntryResponse Of(DetailedEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Id, entry.Date, entry.StartedAt, entry.EndedAt, entry.UserId, entry.UserName, entry.ClientId, entry.ClientName,
            entry.ProjectId, entry.ProjectName, entry.TaskId, entry.TaskName, entry.Description, entry.Tags, entry.Billable, entry.DurationSeconds,
            entry.Hours, entry.Rate, entry.Amount);
    }
}
