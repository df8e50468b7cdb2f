using TimeTracker.Database;

namespace TimeTracker.Tracking.Timesheets;

/// <summary>
/// An organization's timesheet rules: the period its members submit, and its lock date, the last day on which nothing can be
/// created, changed or deleted any more (null: none). Without a policy of its own an organization has weekly periods and no lock date.
/// </summary>
internal sealed record TimesheetPolicy(string Period, DateOnly? LockDate, DateTimeOffset? UpdatedAt)
{
    /// <summary>The policy of an organization that never chose one.</summary>
    public static TimesheetPolicy Default { get; } = new(TimesheetPeriodKind.Week, null, null);

    /// <summary>The organization's policy.</summary>
    public static async Task<TimesheetPolicy> OfAsync(DbSession session, long organizationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await session.QuerySingleOrDefaultAsync(
            "SELECT period, lock_date, updated_at FROM timesheet_policies WHERE organization_id = @org",
            r => new TimesheetPolicy(r.String("period"), r.DateOrNull("lock_date"), r.Instant("updated_at")), cancellationToken,
            ("org", organizationId)) ?? Default;
    }
}
