using TimeTracker.Database;
using TimeTracker.Validation;

namespace TimeTracker.Tracking.Timers;

/// <summary>
/// Organizations' timer policies (<c>timer_policies</c>): every member reads their organization's, so that the screens
/// can say when a timer will be stopped; admins and owners change it. An organization without a row has the default.
/// </summary>
internal sealed class TimerPolicies(AppDatabase database, TimeProvider time)
{
    /// <summary>The SQL of an entry's policy value, <paramref name="column"/> of <c>timer_policies</c>, for a <c>time_entries e</c>,
    /// with the default as the parameter <paramref name="fallback"/> (a subquery: a claim's row lock then holds the entry only).</summary>
    public static string OfEntry(string column, string fallback) =>
        $"COALESCE((SELECT p.{column} FROM timer_policies p WHERE p.organization_id = e.organization_id), @{fallback})";

    /// <summary>The organization's policy, for any of its members.</summary>
    public Task<TimerPolicy> GetAsync(long userId, long organizationId, CancellationToken cancellationToken) =>
        database.AsMemberAsync(userId, organizationId, (session, _) => ReadAsync(session, organizationId, cancellationToken), cancellationToken);

    /// <summary>
    /// Replaces the organization's policy (admins and owners): the reminder from 1 hour, the cap from 2 hours to a week,
    /// the reminder before the cap. Timers running now follow the new policy from the worker's next pass.
    /// </summary>
    public async Task<TimerPolicy> UpdateAsync(long userId, long organizationId, TimerPolicyChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var validation = new RequestValidation();
        var reminder = Hours(validation, "reminderAfterHours", change.ReminderAfterHours, TimerPolicy.MinimumReminderHours,
            TimerPolicy.MaximumStopHours - 1, "the hours a timer runs before its member is emailed");
        var stop = Hours(validation, "stopAfterHours", change.StopAfterHours, TimerPolicy.MinimumStopHours, TimerPolicy.MaximumStopHours,
            "the hours after which a running timer is stopped");
        if (reminder is { } r && stop is { } s && r >= s)
            validation.Add("reminderAfterHours",
                $"'reminderAfterHours' ({r}) must be less than 'stopAfterHours' ({s}): the member is reminded before the timer is stopped.");
        validation.ThrowIfInvalid();

        return await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("change the timer policy");
            var now = time.GetUtcNow();
            await session.ExecuteAsync(
                "INSERT INTO timer_policies (organization_id, reminder_after_hours, stop_after_hours, updated_by_id, updated_at) " +
                "VALUES (@org, @reminder, @stop, @user, @now) ON CONFLICT (organization_id) DO UPDATE SET " +
                "reminder_after_hours = excluded.reminder_after_hours, stop_after_hours = excluded.stop_after_hours, " +
                "updated_by_id = excluded.updated_by_id, updated_at = excluded.updated_at",
                cancellationToken, ("org", organizationId), ("reminder", reminder), ("stop", stop), ("user", userId), ("now", now));
            return new TimerPolicy(reminder!.Value, stop!.Value, session.Dialect.AsStored(now));
        }, cancellationToken);
    }

    private static async Task<TimerPolicy> ReadAsync(DbSession session, long organizationId, CancellationToken cancellationToken) =>
        await session.QuerySingleOrDefaultAsync(
            "SELECT reminder_after_hours, stop_after_hours, updated_at FROM timer_policies WHERE organization_id = @org",
            r => new TimerPolicy(r.Int32("reminder_after_hours"), r.Int32("stop_after_hours"), r.Instant("updated_at")), cancellationToken,
            ("org", organizationId)) ?? TimerPolicy.Default;

    private static int? Hours(RequestValidation validation, string field, int? value, int minimum, int maximum, string meaning)
    {
        if (value is not { } hours)
            validation.Add(field, $"'{field}' is required: {meaning}, a whole number from {minimum} to {maximum}.");
        else if (hours < minimum || hours > maximum)
            validation.Add(field, $"'{field}' must be a whole number of hours from {minimum} to {maximum}; {hours} is not.");
        else
            return hours;
        return null;
    }
}
