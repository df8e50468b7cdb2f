using System.ComponentModel.DataAnnotations;
using TimeTracker.Tracking.Timesheets;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// The body of <c>PUT /orgs/{orgId}/timesheet-policy</c>, the whole policy: the period members submit (<c>week</c>, Monday to Sunday,
/// or <c>month</c>) and the lock date (the last locked day, in the past; null or absent: none).
/// </summary>
internal sealed record TimesheetPolicyRequest(
    [property: AllowedValues(TimesheetPeriodKind.Week, TimesheetPeriodKind.Month)] string? Period,
    [property: DataType(DataType.Date)] string? LockDate = null)
{
    /// <summary>The command this body asks for.</summary>
    public TimesheetPolicyChange ToCommand() => new(Period, LockDate);
}
