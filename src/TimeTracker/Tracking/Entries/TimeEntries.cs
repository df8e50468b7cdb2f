using System.Text.Json;
using TimeTracker.Database;
using TimeTracker.Errors;
using TimeTracker.Paging;
using TimeTracker.Validation;

namespace TimeTracker.Tracking.Entries;

/// <summary>
/// Time entries of an organization. Members record, read, change and delete their own; admins and owners anyone's.
/// An entry ends after it starts, lasts at most 24 hours unless forced, never overlaps its user's running timer,
/// and cannot change while an invoice holds it.
/// </summary>
internal sealed class TimeEntries(AppDatabase database, TimeProvider time, EntryAudit audit)
{
    /// <summary>The longest entry accepted without <c>force</c>.</summary>
    public static readonly TimeSpan MaximumUnforced = TimeSpan.FromHours(24);

    /// <summary>The longest description accepted.</summary>
    public const int MaximumDescriptionLength = 5_000;

    /// <summary>Records a finished entry.</summary>
    public async Task<TimeEntry> CreateAsync(
        long userId, long organizationId, NewTimeEntry request, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var startedAt = Instant(validation, "startedAt", request.StartedAt);
        var endedAt = Instant(validation, "endedAt", request.EndedAt);
        var description = validation.OptionalText("description", request.Description, MaximumDescriptionLength);
        var tags = EntryTags.Normalize(validation, request.Tags) ?? [];
        var source = request.Source?.Trim().ToLowerInvariant() ?? EntrySource.Manual;
        if (!EntrySource.Given.Contains(source))
            validation.Add("source",
                $"'source' must be one of {string.Join(", ", EntrySource.Given)} ('timer' is set by the timer); '{request.Source}' is not.");
        if (startedAt is { } start && endedAt is { } end)
            CheckSpan(validation, start, end, request.Force == true);
        validation.ThrowIfInvalid();

        return await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            var owner = await OwnerAsync(session, member, request.UserId, cancellationToken);
            await EntryLock.RefuseAsync(session, member, owner, startedAt!.Value, null, cancellationToken);
            var (projectId, taskId) = await EntryPlacement.ResolveAsync(
                session, organizationId, request.ProjectId, request.TaskId, cancellationToken);
            await RefuseOverlapAsync(session, organizationId, owner, null, endedAt!.Value, cancellationToken);
            var now = time.GetUtcNow();
            var id = (long)(await session.ScalarAsync(
                "INSERT INTO time_entries (organization_id, user_id, project_id, task_id, description, started_at, ended_at, duration_seconds, " +
                "billable, source, created_at, updated_at) " +
                "VALUES (@org, @user, @project, @task, @description, @start, @end, @duration, @billable, @source, @now, @now) RETURNING id",
                cancellationToken, ("org", organizationId), ("user", owner), ("project", projectId), ("task", taskId), ("description", description),
                ("start", startedAt!.Value), ("end", endedAt.Value), ("duration", TimeEntryStore.DurationSeconds(startedAt.Value, endedAt.Value)),
                ("billable", request.Billable ?? projectId is not null), ("source", source), ("now", now)))!;
            await EntryTags.ReplaceAsync(session, organizationId, id, tags, cancellationToken);
            await Rates.EntryRate.FixAsync(session, organizationId, id, cancellationToken);
            var created = await TimeEntryStore.VisibleAsync(session, member, id, cancellationToken);
            await audit.RecordAsync(session, organizationId, userId, EntryAudit.Created, null, created, cancellationToken);
            return created;
        }, cancellationToken);
    }

    /// <summary>One entry the caller may see.</summary>
    public async Task<TimeEntry> GetAsync(long userId, long organizationId, long id, CancellationToken cancellationToken)
    {
        return await database.AsMemberAsync(userId, organizationId, async (session, member) =>
        {
            return (await EntryLock.DescribeAsync(session, member, [await TimeEntryStore.VisibleAsync(session, member, id, cancellationToken)],
                cancellationToken))[0];
        }, cancellationToken);
    }

    /// <summary>
    /// A page of the entries the caller may see, newest first, filtered by start time, user, project and billability.
    /// Members see only their own.
    /// </summary>
    public async Task<Page<TimeEntry>> ListAsync(long userId, long organizationId, TimeEntryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var validation = new RequestValidation();
        var limit = PageRequest.ParseLimit(validation, query.Limit);
        var cursor = query.Cursor is null ? null : EntryCursor.Parse(query.Cursor);
        if (query.Cursor is not null && cursor is null)
            validation.Add("cursor", "'cursor' is not one this API gave out; pass the nextCursor of the previous page unchanged.");
        validation.ThrowIfInvalid();

        return await database.AsMemberAsync(userId, organizationId, async (session, member) =>
        {
            if (!member.IsManager && query.UserId is { } other && other != userId)
                throw new ForbiddenException(
                    "Your entries only", $"Members see only their own time entries; only admins and owners may list those of user {other}.");
            var calendar = await LocalCalendar.OfUserAsync(session, userId, cancellationToken);
            var range = TimeRange.Parse(validation, query.From, query.To, calendar, datesOnly: false);
            validation.ThrowIfInvalid();

            var sql = new System.Text.StringBuilder($"SELECT {TimeEntryStore.Columns} FROM time_entries e WHERE e.organization_id = @org");
            var parameters = new List<(string, object?)> { ("org", organizationId), ("limit", limit + 1) };
            void Filter(string condition, string name, object? value)
            {
                sql.Append(" AND ").Append(condition);
                parameters.Add((name, value));
            }
            if ((member.IsManager ? query.UserId : userId) is { } user)
                Filter("e.user_id = @user", "user", user);
            if (range?.Start is { } from)
                Filter("e.started_at >= @from", "from", from);
            if (range?.End is { } to)
                Filter("e.started_at < @to", "to", to);
            if (query.ProjectId is { } project)
                Filter("e.project_id = @project", "project", project);
            if (query.Billable is { } billable)
                Filter("e.billable = @billable", "billable", billable);
            if (cursor is { } after)
            {
                // The first condition alone bounds the index scan; the second breaks ties between equal starts.
                Filter("e.started_at <= @cursorStart AND (e.started_at < @cursorStart OR (e.started_at = @cursorStart AND e.id < @cursorId))",
                    "cursorStart", after.StartedAt);
                parameters.Add(("cursorId", after.Id));
            }
            sql.Append(" ORDER BY e.started_at DESC, e.id DESC LIMIT @limit");
            var rows = await session.QueryAsync(sql.ToString(), TimeEntryStore.Read, cancellationToken, [.. parameters]);
            var page = rows.Take(limit).ToList();
            var tags = await EntryTags.OfEntriesAsync(session, [.. page.Select(e => e.Id)], cancellationToken);
            return new Page<TimeEntry>(await EntryLock.DescribeAsync(session, member, [.. page.Select(e => e with { Tags = [.. tags[e.Id]] })],
                    cancellationToken),
                rows.Count > limit ? new EntryCursor(page[^1].StartedAt, page[^1].Id).ToString() : null);
        }, cancellationToken);
    }

    /// <summary>Changes an entry the caller may change: times, project, task, description, billability, tags.</summary>
    public async Task<TimeEntry> UpdateAsync(long userId, long organizationId, long id, JsonElement body, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var patch = new PatchDocument(body, validation, "startedAt", "endedAt", "projectId", "taskId", "description", "billable", "tags", "force");
        var startedAt = patch.Instant("startedAt");
        var endedAt = patch.Instant("endedAt");
        var projectId = patch.Id("projectId");
        var taskId = patch.Id("taskId");
        var description = validation.OptionalText("description", patch.String("description"), MaximumDescriptionLength);
        var billable = patch.Bool("billable");
        // As for every other field, an explicit null clears the tags.
        var tags = patch.Has("tags") ? EntryTags.Normalize(validation, patch.Strings("tags")) ?? [] : null;
        var force = patch.Bool("force") == true;
        if (patch.Has("startedAt") && startedAt is null && !validation.Failed("startedAt"))
            validation.Add("startedAt", "'startedAt' cannot be removed; every entry starts somewhere.");
        validation.ThrowIfInvalid();

        return await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            var current = await TimeEntryStore.ChangeableAsync(session, member, id, cancellationToken);
            var start = startedAt ?? current.StartedAt;
            await EntryLock.RefuseAsync(session, member, current.UserId, current.StartedAt, start, cancellationToken);
            var end = patch.Has("endedAt") ? endedAt : current.EndedAt;
            if (end is null && current.EndedAt is not null)
                validation.Add("endedAt", "'endedAt' cannot be removed from a finished entry; start a timer instead.");
            // An unchanged span was accepted before (perhaps with force): only a changed one is checked again.
            var spanChanged = start != current.StartedAt || end != current.EndedAt;
            if (end is { } finish && spanChanged)
                CheckSpan(validation, start, finish, force);
            else if (end is null && start > time.GetUtcNow())
                validation.Add("startedAt", "A running timer cannot start in the future.");
            validation.ThrowIfInvalid();

            var placement = (current.ProjectId, current.TaskId);
            if (patch.Has("projectId") || patch.Has("taskId"))
            {
                var project = patch.Has("projectId") ? projectId : current.ProjectId;
                // A task stays with its project: moving the entry to another project drops a task it did not name.
                var task = patch.Has("taskId") ? taskId : project == current.ProjectId ? current.TaskId : null;
                placement = await EntryPlacement.ResolveAsync(session, organizationId, project, task, cancellationToken);
            }
            if (end is { } newEnd && !current.IsRunning && spanChanged)
                await RefuseOverlapAsync(session, organizationId, current.UserId, current.Id, newEnd, cancellationToken);

            await session.ExecuteAsync(
                "UPDATE time_entries SET started_at = @start, ended_at = @end, duration_seconds = @duration, project_id = @project, " +
                "task_id = @task, " +
                "description = @description, billable = @billable, updated_at = @now WHERE id = @id",
                cancellationToken, ("start", start), ("end", end), ("duration", end is { } e ? TimeEntryStore.DurationSeconds(start, e) : null),
                ("project", placement.ProjectId), ("task", placement.TaskId),
                    ("description", patch.Has("description") ? description : current.Description),
                ("billable", billable ?? current.Billable), ("now", time.GetUtcNow()), ("id", id));
            if (tags is not null)
                await EntryTags.ReplaceAsync(session, organizationId, id, tags, cancellationToken);
            if (placement != (current.ProjectId, current.TaskId))
                await Rates.EntryRate.FixAsync(session, organizationId, id, cancellationToken);
            var updated = await TimeEntryStore.VisibleAsync(session, member, id, cancellationToken);
            await audit.RecordAsync(session, organizationId, userId, EntryAudit.Updated, current, updated, cancellationToken);
            return updated;
        }, cancellationToken);
    }

    /// <summary>Deletes an entry the caller may change.</summary>
    public async Task DeleteAsync(long userId, long organizationId, long id, CancellationToken cancellationToken)
    {
        await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            var current = await TimeEntryStore.ChangeableAsync(session, member, id, cancellationToken);
            await EntryLock.RefuseAsync(session, member, current.UserId, current.StartedAt, null, cancellationToken);
            await session.ExecuteAsync("DELETE FROM time_entries WHERE id = @id", cancellationToken, ("id", id));
            await audit.RecordAsync(session, organizationId, userId, EntryAudit.Deleted, current, null, cancellationToken);
        }, cancellationToken);
    }

    private static DateTimeOffset? Instant(RequestValidation validation, string field, string? text)
    {
        if (validation.Required(field, text) is not { Length: > 0 } value)
            return null;
        if (PatchDocument.ParseInstant(value) is { } instant)
            return instant;
        validation.Add(field, $"'{field}' must be a date and time with an offset, e.g. 2026-11-24T09:00:00Z; '{value}' is not.");
        return null;
    }

    private static void CheckSpan(RequestValidation validation, DateTimeOffset start, DateTimeOffset end, bool force)
    {
        if (end <= start)
            validation.Add("endedAt", $"'endedAt' ({end:O}) must be after 'startedAt' ({start:O}).");
        else if (end - start > MaximumUnforced && !force)
            validation.Add("endedAt", $"The entry lasts {(end - start).TotalHours:0.##} hours, more than {MaximumUnforced.TotalHours:0}; " +
                $"set 'force' to true if that is right.");
    }

    // Who the new entry is for: the caller, or (admins and owners) another member.
    private static async Task<long> OwnerAsync(DbSession session, MemberContext member, long? userId, CancellationToken cancellationToken)
    {
        if (userId is not { } other || other == member.UserId)
            return member.UserId;
        member.RequireManager("record time for other members");
        if (await session.ScalarAsync("SELECT 1 FROM memberships WHERE organization_id = @org AND user_id = @user",
                cancellationToken, ("org", member.OrganizationId), ("user", other)) is null)
            throw new ValidationException("userId", $"User {other} is not a member of organization {member.OrganizationId}.");
        return other;
    }

    // A finished entry may not reach into the user's running timer: that time is already being counted.
    private static async Task RefuseOverlapAsync(
        DbSession session, long organizationId, long userId, long? entryId, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        var running = await TimeEntryStore.RunningAsync(session, organizationId, userId, cancellationToken);
        if (running is not null && running.Id != entryId && endedAt > running.StartedAt)
            throw new ConflictException("Overlaps the running timer",
                $"The entry ends at {endedAt:O}, after the running timer (entry {running.Id}) started at {running.StartedAt:O}. " +
                $"End it before then, or stop the timer first.");
    }
}
