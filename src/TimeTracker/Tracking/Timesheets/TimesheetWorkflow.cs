using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TimeTracker.Background;
using TimeTracker.Database;
using TimeTracker.Email;
using TimeTracker.Errors;
using TimeTracker.Organizations;
using TimeTracker.Paging;
using TimeTracker.Site;
using TimeTracker.Tracking.Entries;
using TimeTracker.Validation;

namespace TimeTracker.Tracking.Timesheets;

/// <summary>
/// Members' timesheets: each member submits their own periods (and may withdraw a submission); admins and owners approve them,
/// reject them with a comment (emailed to the member) or reopen approved ones (<see cref="TimesheetMove"/>). A period is named by
/// any of its days, under the organization's current period (<see cref="TimesheetPolicy"/>). Every move is audited in its own
/// transaction; what a submitted or approved period locks is <see cref="EntryLock"/>'s.
/// </summary>
internal sealed class TimesheetWorkflow(AppDatabase database, AuditLog audit, BackgroundWork background, IOptions<SiteOptions> site,
    TimeProvider time)
{
    /// <summary>The longest rejection comment.</summary>
    public const int MaximumCommentLength = 2_000;

    private const string Columns =
        "p.id, p.user_id, u.name, u.email, p.period, p.starts_on, p.ends_on, p.status, p.submitted_at, p.decided_at, p.decided_by_id, p.comment";

    /// <summary>The member's period that holds <paramref name="date"/> (the member or an admin or owner).</summary>
    public Task<TimesheetPeriod> GetAsync(long userId, long organizationId, long memberId, string? date, CancellationToken cancellationToken) =>
        database.AsMemberAsync(userId, organizationId, async (session, member) =>
        {
            var day = Day(date);
            if (memberId != userId && !member.IsManager)
                throw new ForbiddenException("Your timesheets only", $"Members see only their own timesheets; only admins and owners see those of " +
                    $"user {memberId}.");
            return (await LocateAsync(session, member, memberId, day, hold: false, cancellationToken)).View;
        }, cancellationToken);

    /// <summary>Moves the member's period that holds <paramref name="date"/> by <paramref name="move"/>.</summary>
    public async Task<TimesheetPeriod> MoveAsync(long userId, long organizationId, long memberId, string? date, TimesheetMove move, string? comment,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(move);
        var day = Day(date);
        var validation = new RequestValidation();
        var text = validation.OptionalText("comment", comment, MaximumCommentLength);
        if (move == TimesheetMove.Reject && string.IsNullOrWhiteSpace(text) && !validation.Failed("comment"))
            validation.Add("comment", "'comment' is required: tell the member what to fix.");
        validation.ThrowIfInvalid();

        var (moved, email) = await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            if (move.ByManager)
                member.RequireManager($"{move.Name} timesheets");
            else if (memberId != userId)
                throw new ForbiddenException("Your timesheets only", $"Only user {memberId} may {move.Name} their own timesheet.");
            var period = await LocateAsync(session, member, memberId, day, hold: true, cancellationToken);
            var view = period.View;
            if (!move.From.Contains(view.Status))
                throw new ConflictException($"Cannot {move.Name} a timesheet that is {view.Status}",
                    $"The timesheet of user {memberId} for {view.StartsOn:yyyy-MM-dd} to {view.EndsOn:yyyy-MM-dd} cannot be {Past(move)}: " +
                    move.Refusal(view.Status));
            var now = time.GetUtcNow();
            if (move == TimesheetMove.Submit)
                await RefuseSubmissionAsync(session, organizationId, memberId, period, now, cancellationToken);
            var id = await WriteAsync(session, organizationId, memberId, period, move, userId, move == TimesheetMove.Reject ? text : null, now,
                cancellationToken);
            await audit.RecordTimesheetAsync(session, userId, move.Action, id, new TimesheetAuditDetails(
                organizationId, memberId, view.StartsOn, view.EndsOn, view.Status, move.To, move == TimesheetMove.Reject ? text : null),
                    cancellationToken);
            var after = (await LocateAsync(session, member, memberId, day, hold: false, cancellationToken)).View;
            EmailMessage? message = null;
            if (move == TimesheetMove.Reject)
            {
                var names = await session.QuerySingleOrDefaultAsync(
                    "SELECT o.name AS organization, u.name AS reviewer FROM organizations o, users u WHERE o.id = @org AND u.id = @user",
                    r => (Organization: r.String("organization"), Reviewer: r.String("reviewer")), cancellationToken,
                    ("org", organizationId), ("user", userId));
                message = RejectionEmail.Of(after.UserEmail, names.Organization, names.Reviewer, after.StartsOn, after.EndsOn, text!,
                    site.Value.BaseUrl, organizationId);
            }
            return (after, message);
        }, cancellationToken);
        // After the commit: a rejection that rolled back sends nothing.
        if (email is not null)
            background.Enqueue((services, ct) => services.GetRequiredService<IEmailSender>().SendAsync(email, ct));
        return moved;
    }

    /// <summary>
    /// A page of timesheets that were submitted at least once, newest period first; <paramref name="status"/> filters, and
    /// <paramref name="memberId"/> chooses one member (members see only their own).
    /// </summary>
    public async Task<Page<TimesheetPeriod>> ListAsync(long userId, long organizationId, string? status, long? memberId, PageRequest page,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var wanted = status is null ? null
            : TimesheetStatus.All.FirstOrDefault(s => string.Equals(s, status.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ValidationException("status", $"'status' must be one of {string.Join(", ", TimesheetStatus.All)}; '{status}' is not.");
        DateOnly? afterDay = null;
        if (page.After is { Name: { } name })
            afterDay = DateOnly.TryParseExact(name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                : throw new ValidationException("cursor", "'cursor' is not one this list gave out; pass the nextCursor of the previous page " +
                    "unchanged.");
        return await database.AsMemberAsync(userId, organizationId, async (session, member) =>
        {
            if (!member.IsManager && memberId is { } other && other != userId)
                throw new ForbiddenException("Your timesheets only", $"Members see only their own timesheets; only admins and owners see those of " +
                    $"user {other}.");
            var user = member.IsManager ? memberId : userId;
            var sql = $"SELECT {Columns}, {Totals("p.starts_at", "p.ends_at")} FROM timesheet_periods p JOIN users u ON u.id = p.user_id " +
                "WHERE p.organization_id = @org" + (wanted is null ? "" : " AND p.status = @status") +
                    (user is null ? "" : " AND p.user_id = @user") +
                (afterDay is null ? "" : " AND (p.starts_on < @afterDay OR (p.starts_on = @afterDay AND p.id < @afterId))") +
                " ORDER BY p.starts_on DESC, p.id DESC LIMIT @limit";
            var rows = await session.QueryAsync(sql, r => (Id: r.Int64("id"), View: Read(r)), cancellationToken,
                [("org", organizationId), ("status", wanted), ("user", user), ("afterDay", afterDay), .. page.Parameters]);
            return page.PageOf(rows, p => new PageCursor(0, p.Id, p.View.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
                .Select(p => p.View);
        }, cancellationToken);
    }

    // The finished time of the period's member that starts between two instants: a bounded scan of their entries' index.
    private static string Totals(string startsAt, string endsAt) =>
        "(SELECT COALESCE(SUM(e.duration_seconds), 0) FROM time_entries e WHERE e.organization_id = @org AND e.user_id = u.id AND e.ended_at IS " +
            "NOT NULL " +
        $"AND e.started_at >= {startsAt} AND e.started_at < {endsAt}) AS tracked_seconds, " +
        "(SELECT COUNT(*) FROM time_entries e WHERE e.organization_id = @org AND e.user_id = u.id AND e.ended_at IS NOT NULL " +
        $"AND e.started_at >= {startsAt} AND e.started_at < {endsAt}) AS entry_count";

    private static TimesheetPeriod Read(DbRow r) =>
        new(r.Int64("user_id"), r.String("name"), r.String("email"), r.String("period"), r.DateOrNull("starts_on")!.Value,
            r.DateOrNull("ends_on")!.Value,
            r.String("status"), r.InstantOrNull("submitted_at"), r.InstantOrNull("decided_at"), r.Int64OrNull("decided_by_id"),
                r.StringOrNull("comment"),
            Convert.ToInt64(r.Count("tracked_seconds")), r.Count("entry_count"));

    private sealed record Located(long? Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, TimesheetPeriod View);

    // The member's period holding the day under the organization's period: its row, or an open one from the member's calendar. With
    // hold, the member's membership stays locked until the move commits: their entry writes hold it shared while they check.
    private static async Task<Located> LocateAsync(DbSession session, MemberContext member, long memberId, DateOnly day, bool hold,
        CancellationToken cancellationToken)
    {
        var person = await session.QuerySingleOrDefaultAsync(
            $"SELECT u.name, u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = @org AND m.user_id = @user" +
            (hold ? session.Dialect.LockForChange("m") : ""),
            r => (Name: r.String("name"), Email: r.String("email")), cancellationToken, ("org", member.OrganizationId), ("user", memberId));
        if (person == default)
            throw new NotFoundException("Member", memberId, $"User {memberId} is not a member of organization {member.OrganizationId}.");
        var policy = await TimesheetPolicy.OfAsync(session, member.OrganizationId, cancellationToken);
        var (first, last) = TimesheetPeriodKind.Containing(policy.Period, day);
        var row = await session.QuerySingleOrDefaultAsync(
            $"SELECT {Columns}, p.starts_at, p.ends_at, {Totals("p.starts_at", "p.ends_at")} FROM timesheet_periods p JOIN users u ON u.id = " +
                $"p.user_id " +
            "WHERE p.organization_id = @org AND p.user_id = @user AND p.period = @period AND p.starts_on = @first",
            r => new Located(r.Int64("id"), r.Instant("starts_at"), r.Instant("ends_at"), Read(r)), cancellationToken,
            ("org", member.OrganizationId), ("user", memberId), ("period", policy.Period), ("first", first));
        if (row is not null)
            return row;
        var calendar = await LocalCalendar.OfUserAsync(session, memberId, cancellationToken);
        var (startsAt, endsAt) = (calendar.StartOf(first), calendar.StartOf(last.AddDays(1)));
        var totals = await session.QuerySingleOrDefaultAsync(
            $"SELECT {Totals("@startsAt", "@endsAt")} FROM users u WHERE u.id = @user",
            r => (Seconds: Convert.ToInt64(r.Count("tracked_seconds")), Count: r.Count("entry_count")), cancellationToken,
            ("org", member.OrganizationId), ("user", memberId), ("startsAt", startsAt), ("endsAt", endsAt));
        return new Located(null, startsAt, endsAt, new TimesheetPeriod(memberId, person.Name, person.Email, policy.Period, first, last,
            TimesheetStatus.Open, null, null, null, null, totals.Seconds, totals.Count));
    }

    // A period is submitted once it has begun, and with no timer of the member running in it (it could not be stopped).
    private static async Task RefuseSubmissionAsync(DbSession session, long organizationId, long memberId, Located period, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (period.StartsAt > now)
            throw new ConflictException("Period not started",
                $"The timesheet for {period.View.StartsOn:yyyy-MM-dd} to {period.View.EndsOn:yyyy-MM-dd} has not started yet; submit it once its " +
                    $"time is recorded.");
        if (await TimeEntryStore.RunningAsync(session, organizationId, memberId, cancellationToken) is { } timer
            && timer.StartedAt >= period.StartsAt && timer.StartedAt < period.EndsAt)
            throw new ConflictException("Timer running in the period",
                $"Your timer (entry {timer.Id}) started at {timer.StartedAt:O}, in this period, and is still running. Stop it, then submit the " +
                    $"timesheet.");
    }

    private static async Task<long> WriteAsync(DbSession session, long organizationId, long memberId, Located period, TimesheetMove move,
        long actorId,
        string? comment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var submitted = move == TimesheetMove.Submit;
        var decided = move.ByManager;
        if (period.Id is { } id)
        {
            await session.ExecuteAsync(
                "UPDATE timesheet_periods SET status = @status, starts_at = @startsAt, ends_at = @endsAt, " +
                "submitted_at = CASE WHEN @submitted THEN @now ELSE submitted_at END, " +
                "decided_at = CASE WHEN @submitted THEN NULL WHEN @decided THEN @now ELSE decided_at END, " +
                "decided_by_id = CASE WHEN @submitted THEN NULL WHEN @decided THEN @actor ELSE decided_by_id END, " +
                "comment = CASE WHEN @submitted OR @decided THEN @comment ELSE comment END, updated_at = @now WHERE id = @id",
                cancellationToken, ("status", move.To), ("startsAt", period.StartsAt), ("endsAt", period.EndsAt), ("submitted", submitted),
                ("decided", decided), ("now", now), ("actor", actorId), ("comment", comment), ("id", id));
            return id;
        }
        return Convert.ToInt64(await session.ScalarAsync(
            "INSERT INTO timesheet_periods (organization_id, user_id, period, starts_on, ends_on, starts_at, ends_at, status, submitted_at, " +
                "updated_at) " +
            "VALUES (@org, @user, @period, @first, @last, @startsAt, @endsAt, @status, @now, @now) RETURNING id",
            cancellationToken, ("org", organizationId), ("user", memberId), ("period", period.View.Period), ("first", period.View.StartsOn),
            ("last", period.View.EndsOn), ("startsAt", period.StartsAt), ("endsAt", period.EndsAt), ("status", move.To), ("now", now)),
            CultureInfo.InvariantCulture);
    }

    private static string Past(TimesheetMove move) => move.Name switch
    {
        "submit" => "submitted",
        "withdraw" => "withdrawn",
        "approve" => "approved",
        "reject" => "rejected",
        _ => "reopened",
    };

    private static DateOnly Day(string? date)
    {
        if (date is not null && DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day.Year is >= 1900 and <= 9998)
            return day;
        throw new ValidationException("date", $"The period is named by one of its days, a date such as 2026-11-02; '{date}' is not.");
    }
}
