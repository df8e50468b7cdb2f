using System.Globalization;
using System.Text;
using TimeTracker.Database;

namespace TimeTracker.Billing.Events;

/// <summary>What operators do with stored events (<c>timetracker events …</c>): look, retry, clean up.</summary>
internal sealed class EventAdministration(AppDatabase database, TimeProvider time)
{
    private const string Columns =
        "id, stripe_event_id, event_type, status, attempts, organization_id, stripe_created_at, received_at, next_attempt_at, processed_at, " +
        "last_error";

    /// <summary>The events <paramref name="filter"/> selects, newest first.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ListAsync(EventFilter filter, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM subscription_events WHERE 1 = 1");
        var parameters = new List<(string, object?)> { ("limit", filter.Limit) };
        if (filter.Status is not null)
        {
            sql.Append(" AND status = @status");
            parameters.Add(("status", filter.Status));
        }
        if (filter.Type is not null)
        {
            sql.Append(" AND event_type = @type");
            parameters.Add(("type", filter.Type));
        }
        if (filter.OrganizationId is not null)
        {
            sql.Append(" AND organization_id = @org");
            parameters.Add(("org", filter.OrganizationId));
        }
        sql.Append(" ORDER BY id DESC LIMIT @limit");
        return await WithConnectionAsync(session => session.QueryAsync(sql.ToString(), Read, cancellationToken, [.. parameters]), cancellationToken);
    }

    /// <summary>One event with its payload, by row id or by Stripe's event id; null when there is none.</summary>
    public Task<StoredEvent?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var (condition, key) = Which(id);
        return WithConnectionAsync(session => session.QuerySingleOrDefaultAsync(
            $"SELECT {Columns}, {session.Dialect.JsonAsText("payload")} AS payload FROM subscription_events WHERE {condition}",
            r => Read(r) with { Payload = r.String("payload") }, cancellationToken, ("id", key)), cancellationToken);
    }

    /// <summary>
    /// Makes failed events due now, with their attempts counted afresh: one (by row or Stripe id), or every failed
    /// one when <paramref name="id"/> is null. Returns how many; an event that is not failed is not touched.
    /// </summary>
    public Task<int> RetryAsync(string? id, CancellationToken cancellationToken)
    {
        const string Retry = "UPDATE subscription_events SET status = 'pending', attempts = 0, next_attempt_at = @now WHERE status = 'failed'";
        var now = time.GetUtcNow();
        if (id is null)
            return WithConnectionAsync(session => session.ExecuteAsync(Retry, cancellationToken, ("now", now)), cancellationToken);
        var (condition, key) = Which(id);
        return WithConnectionAsync(
            session => session.ExecuteAsync($"{Retry} AND {condition}", cancellationToken, ("now", now), ("id", key)), cancellationToken);
    }

    /// <summary>
    /// Deletes events received more than <paramref name="olderThan"/> ago that are finished: processed and ignored,
    /// and failed ones too when <paramref name="includeFailed"/>. Pending and processing events are never deleted.
    /// </summary>
    public Task<int> CleanupAsync(TimeSpan olderThan, bool includeFailed, CancellationToken cancellationToken) =>
        WithConnectionAsync(session => session.ExecuteAsync(
            $"DELETE FROM subscription_events WHERE received_at < @before AND status IN ('processed', " +
            $"'ignored'{(includeFailed ? ", 'failed'" : "")})",
            cancellationToken, ("before", time.GetUtcNow() - olderThan)), cancellationToken);

    /// <summary>An event named by its row id (a number) or by Stripe's id (<c>evt_…</c>): the condition on <c>@id</c> and its value.</summary>
    private static (string Condition, object Key) Which(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var rowId) ? ("id = @id", rowId) : ("stripe_event_id = @id", id);

    private async Task<T> WithConnectionAsync<T>(Func<DbSession, Task<T>> work, CancellationToken cancellationToken)
    {
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
            return await work(session);
    }

    private static StoredEvent Read(DbRow r) => new(
        r.Int64("id"), r.String("stripe_event_id"), r.String("event_type"), r.String("status"), r.Int32("attempts"), r.Int64OrNull("organization_id"),
        r.InstantOrNull("stripe_created_at"), r.Instant("received_at"), r.InstantOrNull("next_attempt_at"), r.InstantOrNull("processed_at"),
            r.StringOrNull("last_error"));
}
