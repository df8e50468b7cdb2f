using System.ComponentModel.DataAnnotations;
using TimeTracker.Tracking.Timesheets;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// A member's timesheet for one period: its days, its status (<c>open</c> until submitted, and again once withdrawn or reopened), when it
/// was submitted and decided and by whom, the rejection's comment, and the finished time it holds (seconds and entries).
/// </summary>
internal sealed record TimesheetResponse(
    long UserId, string UserName, string UserEmail, [property: AllowedValues(TimesheetPeriodKind.Week, TimesheetPeriodKind.Month)] string Period,
    DateOnly StartsOn, DateOnly EndsOn,
    [property: AllowedValues(TimesheetStatus.Open, TimesheetStatus.Submitted, TimesheetStatus.Approved, TimesheetStatus.Rejected)] string Status,
    DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt, long? DecidedById, string? Comment, long TrackedSeconds, int EntryCount)
{
    /// <summary>The response describing <paramref name="period"/>.</summary>
    public static TimesheetResponse Of(TimesheetPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return new(period.UserId, period.UserName, period.UserEmail, period.Period, period.StartsOn, period.EndsOn, period.Status, period.SubmittedAt,
            period.DecidedAt, period.DecidedById, period.Comment, period.TrackedSeconds, period.EntryCount);
    }
}
