using System.Globalization;
using TimeTracker.Amounts;
using TimeTracker.Database;
using TimeTracker.Errors;
using TimeTracker.Paging;
using TimeTracker.Validation;

namespace TimeTracker.Tracking.Rates;

/// <summary>
/// The rate history of an organization (admins and owners): rates at four levels (<see cref="RateLevel"/>), each
/// change applying from a day. Setting a rate never moves entries already recorded: they keep the rate fixed on them
/// (<see cref="EntryRate"/>) until an admin re-prices them (<see cref="Repricing"/>).
/// </summary>
/// <remarks>
/// A day is a date in the calendar of the admin who sets the rate (their profile's time zone); an entry is priced by
/// the day it started in its member's time zone. A change without a day applies from today, except the first rate of
/// a level (for a project, a member, …), which applies from the beginning: there was no earlier rate to keep. A second
/// change on the same day replaces the first.
/// </remarks>
internal sealed class RateSchedule(AppDatabase database, TimeProvider time)
{
    private const string Columns = "h.id, h.project_id, h.user_id, h.hourly_rate, h.effective_from, h.created_by_id, h.created_at";

    // The id of the change of h's level in effect on @today: the latest whose first day is on or before it.
    private const string CurrentOfLevelSql =
        "(SELECT c.id FROM hourly_rates c WHERE c.organization_id = h.organization_id " +
        "AND (c.project_id = h.project_id OR (c.project_id IS NULL AND h.project_id IS NULL)) " +
        "AND (c.user_id = h.user_id OR (c.user_id IS NULL AND h.user_id IS NULL)) AND (c.effective_from IS NULL OR c.effective_from <= @today) " +
        "ORDER BY CASE WHEN c.effective_from IS NULL THEN 0 ELSE 1 END DESC, c.effective_from DESC, c.id DESC LIMIT 1)";

    /// <summary>
    /// A page of the rate changes <paramref name="query"/> asks for, the newest change first, each with where it stands
    /// today in the caller's calendar.
    /// </summary>
    public async Task<Page<Rate>> ListAsync(long userId, long organizationId, RateQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        if (query.Level is { } level && !RateLevel.All.Contains(level, StringComparer.Ordinal))
            throw new ValidationException("level", $"'level' must be one of {string.Join(", ", RateLevel.All)}; '{level}' is not.");
        return await database.AsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("see rates");
            var where = new System.Text.StringBuilder("h.organization_id = @org");
            if (query.ProjectId is not null)
                where.Append(" AND h.project_id = @project");
            if (query.UserId is not null)
                where.Append(" AND h.user_id = @user");
            if (query.Level is RateLevel.Organization or RateLevel.Member)
                where.Append(" AND h.project_id IS NULL");
            if (query.Level is RateLevel.Project or RateLevel.ProjectMember)
                where.Append(" AND h.project_id IS NOT NULL");
            if (query.Level is RateLevel.Organization or RateLevel.Project)
                where.Append(" AND h.user_id IS NULL");
            if (query.Level is RateLevel.Member or RateLevel.ProjectMember)
                where.Append(" AND h.user_id IS NOT NULL");
            if (page.After is not null)
                where.Append(" AND h.id < @afterId");
            var today = await TodayAsync(session, userId, time, cancellationToken);
            var rows = await session.QueryAsync(
                $"SELECT {Columns}, {CurrentOfLevelSql} AS current_id FROM hourly_rates h WHERE {where} ORDER BY h.id DESC LIMIT @limit",
                r => Read(r, today), cancellationToken,
                [("org", organizationId), ("project", query.ProjectId), ("user", query.UserId), ("today", today), .. page.Parameters]);
            return page.PageOf(rows, c => new PageCursor(0, c.Id, null));
        }, cancellationToken);
    }

    /// <summary>Sets a rate at the level the request names, from its day (see the remarks); answers the change.</summary>
    public async Task<Rate> SetAsync(long userId, long organizationId, NewRate request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var validation = new RequestValidation();
        var rate = validation.Rate("hourlyRate", request.HourlyRate);
        var from = Day(validation, "effectiveFrom", request.EffectiveFrom);
        validation.ThrowIfInvalid();
        return await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("set rates");
            if (request.ProjectId is { } project && await session.ScalarAsync("SELECT 1 FROM projects WHERE id = @id AND organization_id = @org",
                    cancellationToken, ("id", project), ("org", organizationId)) is null)
                validation.Add("projectId", $"No project {project} in organization {organizationId}.");
            if (request.UserId is { } user && await session.ScalarAsync("SELECT 1 FROM memberships WHERE user_id = @id AND organization_id = @org",
                    cancellationToken, ("id", user), ("org", organizationId)) is null)
                validation.Add("userId", $"User {user} is not a member of organization {organizationId}.");
            validation.ThrowIfInvalid();
            var id = await WriteAsync(session, member, request.ProjectId, request.UserId, rate, from, request.EffectiveFrom is not null,
                time.GetUtcNow(), cancellationToken);
            return await FindAsync(session, member, id, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Deletes a rate change (a mistaken one, or one scheduled that should not come); entries keep their rates.</summary>
    public async Task DeleteAsync(long userId, long organizationId, long id, CancellationToken cancellationToken)
    {
        await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("delete rates");
            if (await session.ExecuteAsync("DELETE FROM hourly_rates WHERE id = @id AND organization_id = @org", cancellationToken,
                    ("id", id), ("org", organizationId)) == 0)
                throw NotFound(organizationId, id);
        }, cancellationToken);
    }

    /// <summary>
    /// Writes a rate change in the caller's transaction (the caller has checked the project, member and rate): from
    /// <paramref name="from"/> when <paramref name="dated"/>, else from today or, for a level's first rate, from the
    /// beginning. A change already on that day is replaced. Answers the change's id.
    /// </summary>
    public static async Task<long> WriteAsync(DbSession session, MemberContext member, long? projectId, long? userId, decimal? rate, DateOnly? from,
        bool dated, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(member);
        // One change of the organization's rates at a time, so that two changes of one level and day cannot both insert.
        await session.ExecuteAsync($"SELECT id FROM organizations WHERE id = @id{session.Dialect.LockForChange()}", cancellationToken,
            ("id", member.OrganizationId));
        var level = $"organization_id = @org AND {(projectId is null ? "project_id IS NULL" : "project_id = @project")} " +
                    $"AND {(userId is null ? "user_id IS NULL" : "user_id = @user")}";
        (string, object?)[] scope = [("org", member.OrganizationId), ("project", projectId), ("user", userId)];
        if (!dated)
            from = await session.ScalarAsync($"SELECT 1 FROM hourly_rates WHERE {level}", cancellationToken, scope) is null
                ? null
                : (await LocalCalendar.OfUserAsync(session, member.UserId, cancellationToken)).DayOf(now);
        var sameDay = from is null ? "effective_from IS NULL" : "effective_from = @from";
        (string, object?)[] values = [.. scope, ("from", from), ("rate", rate), ("by", member.UserId), ("now", now)];
        var replaced = await session.ScalarAsync(
            $"UPDATE hourly_rates SET hourly_rate = @rate, created_by_id = @by, created_at = @now WHERE {level} AND {sameDay} RETURNING id",
            cancellationToken, values);
        if (replaced is not null)
            return Convert.ToInt64(replaced, CultureInfo.InvariantCulture);
        return Convert.ToInt64(await session.ScalarAsync(
            "INSERT INTO hourly_rates (organization_id, project_id, user_id, hourly_rate, effective_from, created_by_id, created_at) " +
            "VALUES (@org, @project, @user, @rate, @from, @by, @now) RETURNING id", cancellationToken, values), CultureInfo.InvariantCulture);
    }

    /// <summary>The SQL of a project's own rate in effect on <c>@today</c>, over <c>projects</c> as <paramref name="alias"/>.</summary>
    public static string ProjectRateSql(string alias) =>
        $"(SELECT r.hourly_rate FROM hourly_rates r WHERE r.organization_id = {alias}.organization_id AND r.project_id = {alias}.id " +
        "AND r.user_id IS NULL AND (r.effective_from IS NULL OR r.effective_from <= @today) " +
        "ORDER BY CASE WHEN r.effective_from IS NULL THEN 0 ELSE 1 END DESC, r.effective_from DESC LIMIT 1)";

    /// <summary>Today in <paramref name="userId"/>'s calendar.</summary>
    public static async Task<DateOnly> TodayAsync(DbSession session, long userId, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        return (await LocalCalendar.OfUserAsync(session, userId, cancellationToken)).DayOf(time.GetUtcNow());
    }

    private async Task<Rate> FindAsync(DbSession session, MemberContext member, long id, CancellationToken cancellationToken)
    {
        var today = await TodayAsync(session, member.UserId, time, cancellationToken);
        return await session.QuerySingleOrDefaultAsync(
            $"SELECT {Columns}, {CurrentOfLevelSql} AS current_id FROM hourly_rates h WHERE h.id = @id AND h.organization_id = @org",
            r => Read(r, today), cancellationToken, ("id", id), ("org", member.OrganizationId), ("today", today))
            ?? throw NotFound(member.OrganizationId, id);
    }

    private static DateOnly? Day(RequestValidation validation, string field, string? text)
    {
        if (text is null)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day.Year is >= 1900 and <= 9998)
            return day;
        validation.Add(field, $"'{field}' must be a date from 1900 to 9998 such as 2027-01-01 (the first day the rate applies); '{text}' is not.");
        return null;
    }

    private static NotFoundException NotFound(long organizationId, long id) =>
        new("Rate", id, $"No rate change {id} in organization {organizationId}.");

    private static Rate Read(DbRow r, DateOnly today)
    {
        var projectId = r.Int64OrNull("project_id");
        var userId = r.Int64OrNull("user_id");
        var from = r.DateOrNull("effective_from");
        var id = r.Int64("id");
        var state = from > today ? RateState.Scheduled : r.Int64OrNull("current_id") == id ? RateState.Current : RateState.Past;
        return new Rate(id, RateLevel.Of(projectId, userId), projectId, userId,
            r.DecimalOrNull("hourly_rate") is { } rate ? Money.Round(rate) : null, from, state, r.Int64OrNull("created_by_id"),
            r.Instant("created_at"));
    }
}
