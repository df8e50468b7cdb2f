using System.Globalization;
using TimeTracker.Database;
using TimeTracker.Errors;
using TimeTracker.Tracking.Timesheets;

namespace TimeTracker.Tracking.Entries;

/// <summary>
/// What keeps time that is settled from changing: an entry is locked when it starts on or before the organization's lock date
/// (a day in its owner's time zone), for everyone; when it starts in an approved timesheet period of its owner, for everyone
/// until an admin or owner reopens the period; and when it starts in a submitted period, for its owner until the period is
/// decided or withdrawn (admins and owners may still correct it before they decide). Every write of an entry asks
/// <see cref="RefuseAsync"/> about the entry before and after the change; lists ask <see cref="DescribeAsync"/> to show why.
/// </summary>
internal static class EntryLock
{
    /// <summary>
    /// The 409 when an entry of <paramref name="ownerId"/> starting at <paramref name="start"/> (and, for a change, at
    /// <paramref name="changedStart"/> afterwards) is locked for <paramref name="member"/>. Holds the owner's membership and the
    /// organization shared until the change commits, so that a submission or a new lock date waits for it (and it for them).
    /// </summary>
    public static async Task RefuseAsync(DbSession session, MemberContext member, long ownerId, DateTimeOffset start, DateTimeOffset? changedStart,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(member);
        var hold = session.Dialect.HoldShared;
        await session.ExecuteAsync($"SELECT 1 FROM organizations WHERE id = @org{hold}", cancellationToken, ("org", member.OrganizationId));
        await session.ExecuteAsync(
            $"SELECT 1 FROM memberships WHERE organization_id = @org AND user_id = @user{hold}", cancellationToken,
            ("org", member.OrganizationId), ("user", ownerId));
        var locks = await LoadAsync(session, member.OrganizationId, [ownerId], Math.Min(start.UtcTicks, (changedStart ?? start).UtcTicks),
            Math.Max(start.UtcTicks, (changedStart ?? start).UtcTicks), cancellationToken);
        foreach (var instant in changedStart is { } other && other != start ? [start, other] : new[] { start })
            if (locks.Why(member, ownerId, instant) is { } why)
                throw new ConflictException(why.Title, why.Detail);
    }

    /// <summary>The entries as <paramref name="member"/> sees them, each with the reason it is locked for them, if it is.</summary>
    public static async Task<IReadOnlyList<TimeEntry>> DescribeAsync(
        DbSession session, MemberContext member, IReadOnlyList<TimeEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
            return entries;
        var locks = await LoadAsync(session, member.OrganizationId, [.. entries.Select(e => e.UserId).Distinct()],
            entries.Min(e => e.StartedAt.UtcTicks), entries.Max(e => e.StartedAt.UtcTicks), cancellationToken);
        return [.. entries.Select(e => locks.Why(member, e.UserId, e.StartedAt) is { } why ? e with { LockReason = why.Short } : e)];
    }

    // The lock date, the owners' calendars (only when there is a lock date) and their submitted or approved periods that hold
    // an instant from the first to the last tick: every query bounded by the owners and the span.
    private static async Task<Locks> LoadAsync(
        DbSession session, long organizationId, IReadOnlyList<long> owners, long firstTicks, long lastTicks, CancellationToken cancellationToken)
    {
        var policy = await TimesheetPolicy.OfAsync(session, organizationId, cancellationToken);
        var calendars = new Dictionary<long, LocalCalendar>();
        if (policy.LockDate is not null)
            foreach (var owner in owners)
                calendars[owner] = await LocalCalendar.OfUserAsync(session, owner, cancellationToken);
        var users = string.Join(", ", owners.Select((_, i) => $"@u{i}"));
        var periods = await session.QueryAsync(
            "SELECT user_id, starts_on, ends_on, starts_at, ends_at, status FROM timesheet_periods WHERE organization_id = @org " +
            $"AND user_id IN ({users}) AND status IN ('{TimesheetStatus.Submitted}', '{TimesheetStatus.Approved}') " +
            "AND starts_at <= @last AND ends_at > @first",
            r => new HeldPeriod(r.Int64("user_id"), r.DateOrNull("starts_on")!.Value, r.DateOrNull("ends_on")!.Value, r.Instant("starts_at"),
                r.Instant("ends_at"), r.String("status")),
            cancellationToken,
            [("org", organizationId), ("first", new DateTimeOffset(firstTicks, TimeSpan.Zero)), ("last", new DateTimeOffset(lastTicks,
                TimeSpan.Zero)),
                .. owners.Select((owner, i) => ($"u{i}", (object?)owner))]);
        return new Locks(organizationId, policy.LockDate, calendars, periods);
    }

    private sealed record HeldPeriod(long UserId, DateOnly StartsOn, DateOnly EndsOn, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Status);

    private sealed record Reason(string Title, string Detail, string Short);

    private sealed record Locks(long OrganizationId, DateOnly? LockDate, Dictionary<long, LocalCalendar> Calendars, List<HeldPeriod> Periods)
    {
        public Reason? Why(MemberContext member, long ownerId, DateTimeOffset start)
        {
            if (LockDate is { } lockDate && Calendars[ownerId].DayOf(start) is var day && day <= lockDate)
                return new Reason("Before the lock date",
                    Invariant($"The time entry starts on {day:yyyy-MM-dd}, on or before the organization's lock date ({lockDate:yyyy-MM-dd}): ") +
                    "time up to and including that day cannot be created, changed or deleted, by anyone. An admin or owner can move the lock " +
                    Invariant($"date back in the organization's settings (PUT /api/v1/orgs/{OrganizationId}/timesheet-policy)."),
                    Invariant($"Locked: on or before the organization's lock date, {lockDate:yyyy-MM-dd}."));
            var held = Periods.Where(p => p.UserId == ownerId && p.StartsAt <= start && start < p.EndsAt).ToList();
            if (held.FirstOrDefault(p => p.Status == TimesheetStatus.Approved) is { } approved)
                return new Reason("Timesheet approved",
                    Invariant($"The time entry is in the approved timesheet of user {ownerId} for {approved.StartsOn:yyyy-MM-dd} to ") +
                    Invariant($"{approved.EndsOn:yyyy-MM-dd}: ") +
                    "approved time cannot be created, changed or deleted. An admin or owner must reopen the period first (POST " +
                    Invariant($"/api/v1/orgs/{OrganizationId}/timesheets/{ownerId}/{approved.StartsOn:yyyy-MM-dd}/reopen)."),
                    "Locked: this timesheet is approved. An admin must reopen it before its time can change.");
            if (ownerId == member.UserId && held.FirstOrDefault(p => p.Status == TimesheetStatus.Submitted) is { } submitted)
                return new Reason("Timesheet submitted",
                    Invariant($"The time entry is in your timesheet for {submitted.StartsOn:yyyy-MM-dd} to {submitted.EndsOn:yyyy-MM-dd}, ") +
                    "which is submitted and awaits a decision. Withdraw it (POST " +
                    Invariant($"/api/v1/orgs/{OrganizationId}/timesheets/{ownerId}/{submitted.StartsOn:yyyy-MM-dd}/withdraw) to change its time."),
                    "Locked: this timesheet is submitted for approval. Withdraw it to change its time.");
            return null;
        }

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
