using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TimeTracker.Database;
using TimeTracker.Email;
using TimeTracker.Tracking.Entries;

namespace TimeTracker.Tracking.Timers;

/// <summary>
/// The forgotten-timer worker's pass: running timers past their organization's cap are stopped at their start plus the
/// cap and marked auto-stopped; those past the reminder time are claimed for their email, which is then sent.
/// </summary>
/// <remarks>
/// Exactly once across replicas: a batch is claimed with its rows held for the transaction (on PostgreSQL the claim
/// skips rows another worker holds; SQLite's write lock lets one worker in at a time), and each change repeats its
/// condition (<c>ended_at IS NULL</c>, <c>reminder_sent_at IS NULL</c>), so a second worker finds nothing left to do.
/// A reminder is claimed and committed before its email is sent, so that no lock waits on the mail server; when sending
/// fails the claim is released and a later pass tries again. Only a process that dies between the claim and the send
/// loses that one email; none is ever sent twice.
/// </remarks>
internal sealed class ForgottenTimers(
    AppDatabase database, IEmailSender email, TimerReminderMail mail, IOptions<TimerOptions> options, TimeProvider time,
    ILogger<ForgottenTimers> logger)
{
    // Running timers due a stop, or a reminder not yet claimed, on their organization's policy (in whole seconds, so
    // that both databases compare alike: a candidate is at most a second early, and the exact check is made in C#).
    private static readonly string StopDue = "{start} + 3600 * " + TimerPolicies.OfEntry("stop_after_hours", "defaultStop") + " <= @nowSeconds";

    private static readonly string Due =
        $"e.ended_at IS NULL AND ({StopDue} OR (e.reminder_sent_at IS NULL AND {{start}} + 3600 * " +
        TimerPolicies.OfEntry("reminder_after_hours", "defaultReminder") + " <= @nowSeconds))";

    /// <summary>Stops and reminds every timer due now, batch by batch, until none is left.</summary>
    public async Task<TimerPass> RunAsync(CancellationToken cancellationToken)
    {
        var total = TimerPass.None;
        var batchSize = Math.Max(1, options.Value.BatchSize);
        while (true)
        {
            var (claimed, pass) = await RunBatchAsync(batchSize, cancellationToken);
            total = total.Add(pass);
            // A full batch may have more behind it. One that did nothing (candidates less than a second early) ends the pass,
            // and so does a failed send: the released reminders would be claimed again at once while the mail server is down.
            if (claimed < batchSize || pass == TimerPass.None || pass.ReminderFailures > 0)
                return total;
        }
    }

    private async Task<(int Claimed, TimerPass Pass)> RunBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<ForgottenTimer> claimed;
        List<long> stopped = [], reminded = [];
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var start = session.Dialect.EpochSlot("e.started_at", 1);
            var due = Due.Replace("{start}", start, StringComparison.Ordinal);
            var stopFirst = $"CASE WHEN {StopDue.Replace("{start}", start, StringComparison.Ordinal)} THEN 0 ELSE 1 END";
            (string, object?)[] parameters =
            [
                ("nowSeconds", now.ToUnixTimeSeconds()), ("defaultStop", TimerPolicy.Default.StopAfterHours),
                ("defaultReminder", TimerPolicy.Default.ReminderAfterHours),
            ];
            // Most passes find nothing: they ask without a transaction, so an idle worker never takes SQLite's write lock.
            if (await session.ScalarAsync($"SELECT 1 FROM time_entries e WHERE {due} LIMIT 1", cancellationToken, parameters) is null)
                return (0, TimerPass.None);

            await session.BeginAsync(cancellationToken);
            claimed = await session.QueryAsync(
                "SELECT e.id, e.user_id, e.organization_id, e.started_at, e.reminder_sent_at, " +
                $"{TimerPolicies.OfEntry("reminder_after_hours", "defaultReminder")} AS reminder_after_hours, " +
                $"{TimerPolicies.OfEntry("stop_after_hours", "defaultStop")} AS stop_after_hours " +
                // Stops first, so that reminders failing while the mail server is down never hold them back; then oldest first.
                $"FROM time_entries e WHERE {due} ORDER BY {stopFirst}, e.started_at, e.id LIMIT @limit{session.Dialect.ClaimSkippingLocked}",
                Read, cancellationToken, [.. parameters, ("limit", batchSize)]);
            var writes = new SqlBatch(session);
            var changes = new List<(ForgottenTimer Timer, bool Stop, BatchResult<int> Changed)>();
            foreach (var timer in claimed)
            {
                if (timer.Policy.StopAt(timer.StartedAt) <= now)
                    changes.Add((timer, true, Stop(writes, timer, now)));
                else if (!timer.Reminded && timer.Policy.ReminderAt(timer.StartedAt) <= now)
                    changes.Add((timer, false, writes.Execute(
                        "UPDATE time_entries SET reminder_sent_at = @now WHERE id = @id AND ended_at IS NULL AND reminder_sent_at IS NULL",
                        ("now", now), ("id", timer.Id))));
            }
            if (changes.Count > 0)
                await writes.ExecuteAsync(cancellationToken);
            await session.CommitAsync(cancellationToken);
            foreach (var (timer, stop, changed) in changes.Where(c => c.Changed.Value == 1))
            {
                (stop ? stopped : reminded).Add(timer.Id);
                if (stop)
                    Log.ForgottenTimerStopped(logger, timer.Id, timer.UserId, timer.OrganizationId, timer.Policy.StopAfterHours);
            }
        }
        var (sent, failed) = await RemindAsync(reminded, now, cancellationToken);
        return (claimed.Count, new TimerPass(stopped.Count, sent, failed));
    }

    // Ends the timer at its start plus the cap (never at the moment the pass runs), unless it was stopped meanwhile.
    private static BatchResult<int> Stop(SqlBatch writes, ForgottenTimer timer, DateTimeOffset now)
    {
        var end = timer.Policy.StopAt(timer.StartedAt);
        return writes.Execute(
            "UPDATE time_entries SET ended_at = @end, duration_seconds = @duration, auto_stopped = @stopped, updated_at = @now " +
            "WHERE id = @id AND ended_at IS NULL",
            ("end", end), ("duration", TimeEntryStore.DurationSeconds(timer.StartedAt, end)), ("stopped", true), ("now", now), ("id", timer.Id));
    }

    private async Task<(int Sent, int Failed)> RemindAsync(List<long> entryIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (entryIds.Count == 0)
            return (0, 0);
        int sent = 0, failed = 0;
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var ids = entryIds.Select((id, i) => (string.Create(CultureInfo.InvariantCulture, $"e{i}"), (object?)id)).ToArray();
            var details = await session.QueryAsync(
                "SELECT e.id, e.organization_id, e.started_at, e.description, u.email, u.name, u.timezone, o.name AS organization, " +
                $"p.name AS project, t.name AS task, {TimerPolicies.OfEntry("stop_after_hours", "defaultStop")} AS stop_after_hours " +
                "FROM time_entries e JOIN users u ON u.id = e.user_id " +
                "JOIN organizations o ON o.id = e.organization_id LEFT JOIN projects p ON p.id = e.project_id " +
                $"LEFT JOIN tasks t ON t.id = e.task_id WHERE e.id IN ({string.Join(", ", ids.Select(p => "@" + p.Item1))}) ORDER BY e.id",
                r => new ReminderDetails(r.Int64("id"), r.Int64("organization_id"), r.Instant("started_at"), r.StringOrNull("description"),
                    r.StringOrNull("project"), r.StringOrNull("task"), r.String("email"), r.String("name"), r.StringOrNull("timezone"),
                    r.String("organization"), r.Int32("stop_after_hours")),
                cancellationToken, [.. ids, ("defaultStop", TimerPolicy.Default.StopAfterHours)]);
            foreach (var timer in details)
            {
                try
                {
                    await email.SendAsync(mail.Reminder(timer, now), cancellationToken);
                    sent++;
                }
#pragma warning disable CA1031 // Whatever sending throws (a mail server down), the claim is released for a later pass; the others go on.
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    failed++;
                    Log.TimerReminderFailed(logger, ex, timer.EntryId);
                    await session.ExecuteAsync("UPDATE time_entries SET reminder_sent_at = NULL WHERE id = @id", CancellationToken.None,
                        ("id", timer.EntryId));
                }
            }
        }
        return (sent, failed);
    }

    private static ForgottenTimer Read(DbRow r) =>
        new(r.Int64("id"), r.Int64("user_id"), r.Int64("organization_id"), r.Instant("started_at"), !r.IsNull("reminder_sent_at"),
            new TimerPolicy(r.Int32("reminder_after_hours"), r.Int32("stop_after_hours"), null));
}
