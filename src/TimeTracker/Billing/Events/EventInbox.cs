using System.Globalization;
using System.Text;
using System.Threading.Channels;
using TimeTracker.Billing.Webhooks;
using TimeTracker.Database;

namespace TimeTracker.Billing.Events;

/// <summary>
/// Stores verified webhook deliveries, once per Stripe event id however often (and however concurrently) Stripe
/// delivers them. Storing is all a delivery does; workers process later.
/// </summary>
/// <remarks>
/// Deliveries that arrive together are written together: two writers each take whatever deliveries are waiting
/// (up to <see cref="MaxBatch"/>) and store them with one statement and one commit, and every delivery is answered
/// only after the commit that made it durable. Under load this turns many small transactions, each paying for its
/// own commit, into a few larger ones; alone, a delivery is written at once, as before.
/// </remarks>
internal sealed class EventInbox(AppDatabase database, TimeProvider time) : IAsyncDisposable
{
    /// <summary>The most deliveries one statement stores.</summary>
    public const int MaxBatch = 200;

    private const int Writers = 2;

    private readonly Channel<Delivery> _queue = Channel.CreateUnbounded<Delivery>();
    private readonly Lock _starting = new();
    private Task[]? _writers;

    /// <summary>Stores <paramref name="envelope"/>'s event with its raw <paramref name="payload"/>; says whether it was new.</summary>
    public async Task<InboxReceipt> StoreAsync(StripeEventEnvelope envelope, string payload, CancellationToken cancellationToken)
    {
        StartWriters();
        var status = StripeEventTypes.Handled.Contains(envelope.Type) ? EventStatus.Pending : EventStatus.Ignored;
        var delivery = new Delivery(envelope, payload, status, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(delivery))
            throw new InvalidOperationException("The server is stopping and no longer stores webhook deliveries; Stripe retries later.");
        var duplicate = await delivery.Stored.Task.WaitAsync(cancellationToken);
        return new InboxReceipt(envelope.Id, status, duplicate);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writers is { } writers)
            await Task.WhenAll(writers);
    }

    private void StartWriters()
    {
        if (_writers is not null)
            return;
        lock (_starting)
            _writers ??= [.. Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteAsync))];
    }

    private async Task WriteAsync()
    {
        var batch = new List<Delivery>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var delivery))
                batch.Add(delivery);
            if (batch.Count == 0)
                continue;
            try
            {
                Answer(batch, await InsertAsync(batch));
            }
#pragma warning disable CA1031 // The failure reaches the deliveries it concerns (a 5xx, so that Stripe retries); the writer goes on.
            catch (Exception) when (batch.Count > 1)
            {
                // One delivery the database refuses must not fail the others: each is tried on its own.
                foreach (var delivery in batch)
                    await StoreAloneAsync(delivery);
            }
            catch (Exception ex)
#pragma warning restore CA1031
            {
                batch[0].Stored.TrySetException(ex);
            }
        }
    }

    private async Task StoreAloneAsync(Delivery delivery)
    {
        try
        {
            Answer([delivery], await InsertAsync([delivery]));
        }
#pragma warning disable CA1031 // This delivery hears of its own failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            delivery.Stored.TrySetException(ex);
        }
    }

    /// <summary>A delivery is new when its row was inserted, and only the first of several deliveries of one event in a batch is.</summary>
    private static void Answer(List<Delivery> batch, HashSet<string> inserted)
    {
        foreach (var delivery in batch)
            delivery.Stored.TrySetResult(!inserted.Remove(delivery.Envelope.Id));
    }

    /// <summary>One statement for the batch; returns the event ids it inserted.</summary>
    private async Task<HashSet<string>> InsertAsync(List<Delivery> batch)
    {
        var now = time.GetUtcNow();
        var rows = new StringBuilder();
        var parameters = new List<(string, object?)>(batch.Count * 8 + 1) { ("now", now) };
        for (var i = 0; i < batch.Count; i++)
        {
            var (envelope, payload, status, _) = batch[i];
            long? reference = envelope.Type == StripeEventTypes.CheckoutSessionCompleted
                && long.TryParse(envelope.ClientReferenceId, NumberStyles.None, CultureInfo.InvariantCulture, out var organizationId)
                    ? organizationId : null;
            // The organization is looked up by customer or, for a Checkout Session, by the id it carries.
            rows.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture,
                $"(@id{i}, @type{i}, COALESCE((SELECT id FROM organizations WHERE stripe_customer_id = @customer{i}), (SELECT id " +
                $"FROM organizations WHERE id = CAST(@reference{i} AS BIGINT))), " +
                $"@status{i}, 0, {(status == EventStatus.Pending ? "@now" : "NULL")}, @payload{i}, @created{i}, @now)");
            parameters.Add(($"id{i}", envelope.Id));
            parameters.Add(($"type{i}", envelope.Type));
            parameters.Add(($"customer{i}", envelope.CustomerId));
            parameters.Add(($"reference{i}", reference));
            parameters.Add(($"status{i}", status));
            parameters.Add(($"payload{i}", new JsonText(payload)));
            parameters.Add(($"created{i}", envelope.Created));
        }
        var session = await database.OpenSessionAsync(CancellationToken.None);
        await using (session)
        {
            // A second delivery of an event id, earlier or in this very statement, inserts nothing and returns no row.
            var inserted = await session.QueryAsync(
                "INSERT INTO subscription_events (stripe_event_id, event_type, organization_id, status, attempts, next_attempt_at, payload, " +
                "stripe_created_at, received_at) " +
                $"VALUES {rows} ON CONFLICT (stripe_event_id) DO NOTHING RETURNING stripe_event_id",
                r => r.String("stripe_event_id"), CancellationToken.None, [.. parameters]);
            return [.. inserted];
        }
    }

    private sealed record Delivery(StripeEventEnvelope Envelope, string Payload, string Status, TaskCompletionSource<bool> Stored);
}
