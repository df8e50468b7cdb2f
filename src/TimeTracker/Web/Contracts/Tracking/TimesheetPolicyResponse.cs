using System.ComponentModel.DataAnnotations;
using TimeTracker.Tracking.Timesheets;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// An organization's timesheet policy: the period its members submit, and its lock date (time on or before it cannot be created,
/// changed or deleted, by anyone), with when it last changed (null: never chosen, the defaults).
/// </summary>
internal sealed record TimesheetPolicyResponse(
    [property: AllowedValues(TimesheetPeriodKind.Week, TimesheetPeriodKind.Month)] string Period, DateOnly? LockDate, DateTimeOffset? UpdatedAt)
{
    /// <summary>The response describing <paramref name="policy"/>.</summary>
    public static TimesheetPolicyResponse Of(TimesheetPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new(policy.Period, policy.LockDate, policy.UpdatedAt);
    }
}
