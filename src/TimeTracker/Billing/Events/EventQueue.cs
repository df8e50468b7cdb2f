using System.Globalization;
using System.Text;
using TimeTracker.Database;

namespace TimeTracker.Billing.Events;

/// <summary>
/// The work queue in <c>subscription_events</c>. A claim is a lease: it marks due events <c>processing</c> until
/// <c>next_attempt_at</c> and counts the attempt, so an event whose worker died is due again once the lease has passed.
/// On PostgreSQL the claim skips rows other workers hold (<c>FOR UPDATE SKIP LOCKED</c>), so replicas share the work.
/// </summary>
internal sealed class EventQueue(AppDatabase database, TimeProvider time)
{
    // The due events are picked once (a CTE); PostgreSQL skips rows another worker holds instead of waiting for them.
    // Re-claiming an event whose lease ran out says so, so that a worker that dies on an event leaves a trace.
    private const string Claim =
        "WITH due AS (SELECT id FROM subscription_events WHERE status IN ('pending', 'failed', 'processing') AND next_attempt_at <= @now " +
        "ORDER BY next_attempt_at, id LIMIT @limit{lock}) " +
        "UPDATE subscription_events SET status = 'processing', attempts = attempts + 1, next_attempt_at = @lease, " +
        "last_error = CASE WHEN status = 'processing' THEN 'The previous attempt did not finish: its worker stopped or lost its lease.' " +
        "ELSE last_error END " +
        "WHERE id IN (SELECT id FROM due) " +
        "RETURNING id, stripe_event_id, event_type, organization_id, attempts, payload, stripe_created_at";

    /// <summary>
    /// Claims up to <paramref name="limit"/> due events, those due longest first. Events whose lease
    /// ran out <paramref name="maxAttempts"/> times (a worker dies on them) become <c>failed</c> for good instead.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedEvent>> ClaimAsync(int limit, TimeSpan lease, int maxAttempts, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var session = await database.BeginAsync(cancellationToken);
        await using (session)
        {
            await session.ExecuteAsync(
                "UPDATE subscription_events SET status = 'failed', next_attempt_at = NULL, " +
                "last_error = 'Gave up: no attempt finished in ' || attempts || ' tries (each worker stopped or lost its lease).' " +
                "WHERE status = 'processing' AND next_attempt_at <= @now AND attempts >= @max",
                cancellationToken, ("now", now), ("max", maxAttempts));
            var claimed = await session.QueryAsync(
                Claim.Replace("{lock}", session.Dialect.ClaimSkippingLocked, StringComparison.Ordinal), Read, cancellationToken,
                ("now", now), ("limit", limit), ("lease", now + lease));
            await session.CommitAsync(cancellationToken);
            // Organization by organization, so that concurrent batches lock organizations in one order (no deadlock);
            // within one, in the order Stripe created the events.
            return [.. claimed.OrderBy(e => e.OrganizationId ?? long.MaxValue).ThenBy(e => e.StripeCreatedAt).ThenBy(e => e.Id)];
        }
    }

    /// <summary>Marks a claimed event processed, in the transaction that applied it; false when the claim was lost (the caller rolls back).</summary>
    public async Task<bool> CompleteAsync(DbSession session, ClaimedEvent claimed, long? organizationId, CancellationToken cancellationToken) =>
        await CompleteAllAsync(session, [(claimed, organizationId)], cancellationToken) == 1;

    /// <summary>
    /// Marks every event of a batch processed in one statement, in the transaction that applied them; returns how
    /// many still held their claim (fewer than given means a lease was lost, and the caller rolls the batch back).
    /// </summary>
    public async Task<int> CompleteAllAsync(
        DbSession session, IReadOnlyList<(ClaimedEvent Event, long? OrganizationId)> done, CancellationToken cancellationToken)
    {
        var rows = new StringBuilder();
        var parameters = new List<(string, object?)>(done.Count * 3 + 1) { ("now", time.GetUtcNow()) };
        for (var i = 0; i < done.Count; i++)
        {
            rows.Append(i == 0 ? "" : ", ").Append(
                CultureInfo.InvariantCulture, $"(CAST(@i{i} AS BIGINT), CAST(@a{i} AS INTEGER), CAST(@o{i} AS BIGINT))");
            parameters.Add(($"i{i}", done[i].Event.Id));
            parameters.Add(($"a{i}", done[i].Event.Attempts));
            parameters.Add(($"o{i}", done[i].OrganizationId));
        }
        return await session.ExecuteAsync(
            $"WITH done (id, attempts, org) AS (VALUES {rows}) " +
            "UPDATE subscription_events SET status = 'processed', processed_at = @now, next_attempt_at = NULL, last_error = NULL, " +
            "organization_id = COALESCE(done.org, subscription_events.organization_id) FROM done " +
            "WHERE subscription_events.id = done.id AND subscription_events.attempts = done.attempts AND subscription_events.status = 'processing'",
            cancellationToken, [.. parameters]);
    }

    /// <summary>Records a failed attempt: due again at <paramref name="retryAt"/>, or failed for good when that is null.</summary>
    public static async Task<bool> FailAsync(
        DbSession session, ClaimedEvent claimed, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            "UPDATE subscription_events SET status = 'failed', last_error = @error, next_attempt_at = @retry " +
            "WHERE id = @id AND status = 'processing' AND attempts = @attempts",
            cancellationToken, ("error", error), ("retry", retryAt), ("id", claimed.Id), ("attempts", claimed.Attempts)) == 1;

    private static ClaimedEvent Read(DbRow r) =>
        new(r.Int64("id"), r.String("stripe_event_id"), r.String("event_type"), r.Int64OrNull("organization_id"), r.Int32("attempts"),
            r.String("payload"),
            r.InstantOrNull("stripe_created_at"));
}
