using TimeTracker.Database;

namespace TimeTracker.Tracking.Rates;

/// <summary>
/// Fixes on a time entry the rate it is worth (<c>time_entries.hourly_rate</c>): the rate in effect (<see cref="RateBook"/>)
/// on the day it started in its member's time zone. The entry write path calls it when an entry is recorded and when its
/// project, task or member changes; nothing else moves the fixed rate but an explicit re-pricing (<see cref="Repricing"/>).
/// </summary>
internal static class EntryRate
{
    /// <summary>Fixes the rate of entry <paramref name="entryId"/> of <paramref name="organizationId"/>, inside the write's transaction.</summary>
    public static async Task FixAsync(DbSession session, long organizationId, long entryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var entries = await session.QueryAsync(
            "SELECT e.user_id, e.project_id, e.started_at, u.timezone, u.default_hourly_rate FROM time_entries e JOIN users u ON u.id = e.user_id " +
            "WHERE e.id = @id AND e.organization_id = @org",
            r => (UserId: r.Int64("user_id"), ProjectId: r.Int64OrNull("project_id"), StartedAt: r.Instant("started_at"),
                Zone: r.StringOrNull("timezone"), OwnDefault: r.DecimalOrNull("default_hourly_rate")),
            cancellationToken, ("id", entryId), ("org", organizationId));
        if (entries is not [var e])
            return;
        var book = new RateBook(await ChangesAsync(session, organizationId, e.ProjectId, e.UserId, cancellationToken));
        var rate = book.RateOf(e.ProjectId, e.UserId, LocalCalendar.Named(e.Zone).DayOf(e.StartedAt), e.OwnDefault);
        await session.ExecuteAsync("UPDATE time_entries SET hourly_rate = @rate WHERE id = @id", cancellationToken,
            ("rate", rate is { } value ? Math.Round(value, 2) : null), ("id", entryId));
    }

    /// <summary>
    /// The rate changes of an organization, oldest first; only those that can apply to <paramref name="userId"/>'s work on
    /// <paramref name="projectId"/> when <paramref name="userId"/> is given, else all of them.
    /// </summary>
    public static Task<List<RateChange>> ChangesAsync(
        DbSession session, long organizationId, long? projectId, long? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var only = userId is null ? "" : " AND (project_id IS NULL OR project_id = @project) AND (user_id IS NULL OR user_id = @user)";
        return session.QueryAsync(
            $"SELECT project_id, user_id, hourly_rate, effective_from FROM hourly_rates WHERE organization_id = @org{only} ORDER BY id",
            r => new RateChange(r.Int64OrNull("project_id"), r.Int64OrNull("user_id"),
                r.DecimalOrNull("hourly_rate") is { } rate ? Math.Round(rate, 2) : null,
                r.DateOrNull("effective_from")),
            cancellationToken, ("org", organizationId), ("project", projectId), ("user", userId));
    }
}
