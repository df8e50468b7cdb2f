using System.Data.Common;
using TimeTracker.Database;
using TimeTracker.Errors;
using TimeTracker.Validation;

namespace TimeTracker.Tracking.Entries;

/// <summary>
/// The caller's timer in an organization: a time entry with no end. At most one runs per user and organization
/// (a unique partial index holds that even against concurrent requests); starting one stops the one running.
/// </summary>
internal sealed class RunningTimer(AppDatabase database, TimeProvider time, EntryAudit audit)
{
    /// <summary>Stops the caller's running timer, if any, and starts a new one now.</summary>
    public async Task<TimeEntry> StartAsync(long userId, long organizationId, TimerStart request, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var description = validation.OptionalText("description", request.Description, TimeEntries.MaximumDescriptionLength);
        var tags = EntryTags.Normalize(validation, request.Tags) ?? [];
        validation.ThrowIfInvalid();

        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            // The membership lock orders one user's starts; should another writer slip a timer in regardless, the
            // unique index refuses the second and one retry stops it.
            for (var attempt = 1; ; attempt++)
            {
                await session.BeginAsync(cancellationToken);
                var reads = new SqlBatch(session);
                var (member, running) = MemberAndTimer(reads, userId, organizationId, holdForChange: true);
                var placement = EntryPlacement.Check(reads, organizationId, request.ProjectId, request.TaskId);
                await reads.ExecuteAsync(cancellationToken);
                var caller = member.Value;
                var (projectId, taskId) = placement.Value;

                var now = time.GetUtcNow();
                await EntryLock.RefuseAsync(session, caller, userId, now, running.Value?.StartedAt, cancellationToken);
                var billable = request.Billable ?? projectId is not null;
                var writes = new SqlBatch(session);
                var previous = running.Value is { } timer ? (Stopped: Stop(writes, timer, now).Stopped, Tags: EntryTags.OfEntries(writes,
                    [timer.Id])) : default;
                var inserted = writes.QuerySingleOrDefault(
                    "INSERT INTO time_entries (organization_id, user_id, project_id, task_id, description, started_at, billable, source, " +
                    "created_at, updated_at) " +
                    "VALUES (@org, @user, @project, @task, @description, @now, @billable, @source, @now, @now) RETURNING id",
                    r => r.Int64("id"), ("org", organizationId), ("user", userId), ("project", projectId), ("task", taskId),
                        ("description", description),
                    ("billable", billable), ("source", EntrySource.Timer), ("now", now));
                try
                {
                    await writes.ExecuteAsync(cancellationToken);
                }
                catch (DbException ex) when (attempt == 1 && ConstraintViolation.IsUnique(ex))
                {
                    await session.RollbackAsync(cancellationToken);
                    continue;
                }
                var id = inserted.Value;
                if (tags.Count > 0)
                    await EntryTags.ReplaceAsync(session, organizationId, id, tags, cancellationToken);
                await Rates.EntryRate.FixAsync(session, organizationId, id, cancellationToken);
                // Everything the answer holds was just written.
                var started = new TimeEntry(
                    id, caller.UserId, projectId, taskId, description, session.Dialect.AsStored(now), null, null, billable, EntrySource.Timer,
                    tags, null, null, session.Dialect.AsStored(now), session.Dialect.AsStored(now));
                if (previous.Stopped is { } stopped)
                    await AuditStopAsync(session, organizationId, running.Value!, stopped, previous.Tags.Value[stopped.Id], cancellationToken);
                await audit.RecordAsync(session, organizationId, userId, EntryAudit.Created, null, started, cancellationToken);
                await session.CommitAsync(cancellationToken);
                return started;
            }
        }
    }

    /// <summary>
    /// Starts the caller's timer again on one of their own entries: its description, project, task, billability and
    /// tags, as <see cref="StartAsync"/> starts any timer (stopping the running one in the same transaction). Another
    /// person's entry is a 404; a project or task that no longer takes time (archived) is a 409, and the running timer
    /// keeps running.
    /// </summary>
    public async Task<TimeEntry> ContinueAsync(long userId, long organizationId, long entryId, CancellationToken cancellationToken)
    {
        // Read before the start's transaction: the start checks the project and task again under its own lock, so an
        // archiving in between is still refused; a change of the description in between is as if clicked a moment earlier.
        var start = await database.AsMemberAsync(userId, organizationId, async (session, member) =>
        {
            var entry = await TimeEntryStore.OwnAsync(session, member, entryId, cancellationToken);
            return new TimerStart(entry.ProjectId, entry.TaskId, entry.Description, entry.Billable, entry.Tags);
        }, cancellationToken);
        try
        {
            return await StartAsync(userId, organizationId, start, cancellationToken);
        }
        catch (ValidationException refused)
        {
            // The caller named no project or task: a 400 on a field they did not send would point nowhere.
            throw new ConflictException("Entry cannot be continued",
                $"Time entry {entryId} cannot be continued: {string.Join(" ", refused.Errors.SelectMany(e => e.Value))} " +
                "Start the timer on another project instead.");
        }
    }

    /// <summary>Stops the caller's running timer; 409 when none runs.</summary>
    public async Task<TimeEntry> StopAsync(long userId, long organizationId, CancellationToken cancellationToken)
    {
        var session = await database.BeginAsync(cancellationToken);
        await using (session)
        {
            // Locked as a start is, so that a stop never misses the timer a concurrent start is putting in place.
            var reads = new SqlBatch(session);
            var (member, running) = MemberAndTimer(reads, userId, organizationId, holdForChange: true);
            await reads.ExecuteAsync(cancellationToken);
            _ = member.Value; // not a member: the 404
            var timer = running.Value ?? throw NoTimerRunning(organizationId);
            await EntryLock.RefuseAsync(session, member.Value, userId, timer.StartedAt, null, cancellationToken);

            var writes = new SqlBatch(session);
            var (changed, stopped) = Stop(writes, timer, time.GetUtcNow());
            // Read after the update, which waits for any change of the entry in flight: the tags are those it committed.
            var tags = EntryTags.OfEntries(writes, [timer.Id]);
            await writes.ExecuteAsync(cancellationToken);
            if (changed.Value == 0)
                throw NoTimerRunning(organizationId);
            await AuditStopAsync(session, organizationId, timer, stopped, tags.Value[timer.Id], cancellationToken);
            await session.CommitAsync(cancellationToken);
            return stopped with { Tags = [.. tags.Value[timer.Id]] };
        }
    }

    /// <summary>The caller's running timer, or null.</summary>
    public async Task<TimeEntry?> CurrentAsync(long userId, long organizationId, CancellationToken cancellationToken)
    {
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var reads = new SqlBatch(session);
            var (member, running) = MemberAndTimer(reads, userId, organizationId, holdForChange: false);
            await reads.ExecuteAsync(cancellationToken);
            _ = member.Value; // not a member: the 404
            return running.Value is { } timer ? await TimeEntryStore.WithTagsAsync(session, timer, cancellationToken) : null;
        }
    }

    // The caller's membership (404 without one) and running timer, in one round trip. With holdForChange the
    // membership row stays locked until the transaction ends (on PostgreSQL; SQLite's write transactions are serial
    // anyway), so that one user's timer changes in one organization happen one after the other; the timer's read is
    // a statement of its own after it, and so sees what a change that held the lock before committed.
    private static (BatchResult<MemberContext> Member, BatchResult<TimeEntry?> Running) MemberAndTimer(
        SqlBatch batch, long userId, long organizationId, bool holdForChange) =>
        (MemberContext.Load(batch, userId, organizationId, holdForChange), TimeEntryStore.Running(batch, organizationId, userId));

    // Queues the end of a running timer at now; the update's condition makes a concurrent stop of the same timer
    // change nothing (0 rows).
    private static (BatchResult<int> Changed, TimeEntry Stopped) Stop(SqlBatch batch, TimeEntry running, DateTimeOffset now)
    {
        var end = now > running.StartedAt ? now : running.StartedAt;
        var duration = TimeEntryStore.DurationSeconds(running.StartedAt, end);
        var changed = batch.Execute(
            "UPDATE time_entries SET ended_at = @end, duration_seconds = @duration, updated_at = @now WHERE id = @id AND ended_at IS NULL",
            ("end", end), ("duration", duration), ("now", now), ("id", running.Id));
        return (changed, running with { EndedAt = batch.Dialect.AsStored(end), DurationSeconds = duration, UpdatedAt = batch.Dialect.AsStored(now) });
    }

    // The stop of a timer is a change of its entry, by its owner: audited with the tags it had all along.
    private Task AuditStopAsync(DbSession session, long organizationId, TimeEntry running, TimeEntry stopped, IEnumerable<string> tags,
        CancellationToken cancellationToken) =>
        audit.RecordAsync(session, organizationId, running.UserId, EntryAudit.Stopped, running with { Tags = [.. tags] },
            stopped with { Tags = [.. tags] },
            cancellationToken);

    private static ConflictException NoTimerRunning(long organizationId) =>
        new("No timer running",
            $"You have no running timer in organization {organizationId}; start one with POST /api/v1/orgs/{organizationId}/timer/start.");

}
