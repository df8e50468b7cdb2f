using System.Globalization;
using TimeTracker.Database;
using TimeTracker.Errors;
using TimeTracker.Validation;

namespace TimeTracker.Tracking.Timesheets;

/// <summary>
/// An organization's timesheet policy: every member reads it, admins and owners change it. The period cannot change while a
/// timesheet awaits a decision (it would no longer be one of the organization's periods). The lock date must be in the past
/// (before today in the caller's time zone) and cannot lock in a running timer (it could never be stopped).
/// </summary>
internal sealed class TimesheetPolicies(AppDatabase database, TimeProvider time)
{
    /// <summary>The organization's policy.</summary>
    public Task<TimesheetPolicy> GetAsync(long userId, long organizationId, CancellationToken cancellationToken) =>
        database.AsMemberAsync(userId, organizationId, (session, _) => TimesheetPolicy.OfAsync(session, organizationId, cancellationToken),
            cancellationToken);

    /// <summary>Replaces the organization's policy (admins and owners).</summary>
    public async Task<TimesheetPolicy> UpdateAsync(long userId, long organizationId, TimesheetPolicyChange change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var validation = new RequestValidation();
        var period = validation.Required("period", change.Period)?.Trim().ToLowerInvariant();
        if (period is { Length: > 0 } && !TimesheetPeriodKind.All.Contains(period))
            validation.Add("period", $"'period' must be one of {string.Join(", ", TimesheetPeriodKind.All)}; '{change.Period}' is not.");
        DateOnly? lockDate = null;
        if (change.LockDate is { } text)
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year >= 1900)
                lockDate = day;
            else
                validation.Add("lockDate", $"'lockDate' must be a date such as 2026-11-01, or null for none; '{text}' is not.");
        }
        validation.ThrowIfInvalid();

        return await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("change the timesheet policy");
            // Held until the change commits: entry writes hold the organization shared while they check the lock date.
            await session.ExecuteAsync($"SELECT 1 FROM organizations WHERE id = @org{session.Dialect.LockForChange()}", cancellationToken,
                ("org", organizationId));
            var current = await TimesheetPolicy.OfAsync(session, organizationId, cancellationToken);
            if (period != current.Period && await session.ScalarAsync(
                    $"SELECT COUNT(*) FROM timesheet_periods WHERE organization_id = @org AND status = '{TimesheetStatus.Submitted}'",
                    cancellationToken, ("org", organizationId)) is var waiting && Convert.ToInt64(waiting, CultureInfo.InvariantCulture) > 0)
                throw new ConflictException("Timesheets awaiting a decision",
                    $"{waiting} submitted timesheet(s) of the current {current.Period}ly periods await a decision. Approve or reject them " +
                    $"(or have them withdrawn) before the period changes to {period}.");
            if (lockDate is { } locked)
                await RefuseLockDateAsync(session, member, locked, cancellationToken);
            var now = time.GetUtcNow();
            await session.ExecuteAsync(
                "INSERT INTO timesheet_policies (organization_id, period, lock_date, updated_by_id, updated_at) VALUES (@org, @period, @lock, " +
                    "@user, @now) " +
                "ON CONFLICT (organization_id) DO UPDATE SET period = excluded.period, lock_date = excluded.lock_date, " +
                "updated_by_id = excluded.updated_by_id, updated_at = excluded.updated_at",
                cancellationToken, ("org", organizationId), ("period", period), ("lock", lockDate), ("user", userId), ("now", now));
            return new TimesheetPolicy(period!, lockDate, session.Dialect.AsStored(now));
        }, cancellationToken);
    }

    private async Task RefuseLockDateAsync(DbSession session, MemberContext member, DateOnly lockDate, CancellationToken cancellationToken)
    {
        var today = (await LocalCalendar.OfUserAsync(session, member.UserId, cancellationToken)).DayOf(time.GetUtcNow());
        if (lockDate >= today)
            throw new ValidationException("lockDate",
                $"The lock date must be in the past (before today, {today:yyyy-MM-dd}): it closes days that are over. {lockDate:yyyy-MM-dd} is not.");
        // A day ends in every time zone by 12:00 UTC of the next: timers started later cannot be on or before the lock date.
        var bound = new DateTimeOffset(lockDate.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var running = await session.QueryAsync(
            "SELECT e.user_id, e.started_at FROM time_entries e WHERE e.organization_id = @org AND e.ended_at IS NULL AND e.started_at < @bound",
            r => (User: r.Int64("user_id"), Start: r.Instant("started_at")), cancellationToken, ("org", member.OrganizationId), ("bound", bound));
        var caught = new List<long>();
        foreach (var timer in running)
            if ((await LocalCalendar.OfUserAsync(session, timer.User, cancellationToken)).DayOf(timer.Start) <= lockDate)
                caught.Add(timer.User);
        if (caught.Count > 0)
            throw new ConflictException("Timers running in the locked days",
                $"The running timer(s) of user(s) {string.Join(", ", caught)} started on or before {lockDate:yyyy-MM-dd}, and could not be stopped " +
                "once that day is locked. Have them stopped (or stop them by editing the entries) first, then set the lock date.");
    }
}
